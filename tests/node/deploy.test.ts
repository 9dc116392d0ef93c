// Issue 28: the deployment files a team copies (deploy/): the image installs the packed
// koe-collector and runs it as a user who is not root, compose pairs it with PostgreSQL on a
// volume with health checks on both, the systemd unit starts the installed bin with its settings
// file, and the health check they share really tells a running collector from a stopped one.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqlStore, toNodeListener } from '../../packages/koe-collector/src/collector'
import { createApp } from '../../packages/koe-collector/src/server/create-app'
import { readSettings } from '../../packages/koe-collector/src/server/settings'
import { APP_FILES } from '../support/app-files'

const root = fileURLToPath(new URL('../../', import.meta.url))
const read = (file: string) => readFileSync(`${root}${file}`, 'utf8')
const dockerfile = read('deploy/Dockerfile')
const compose = read('deploy/compose.yaml')
const unit = read('deploy/koe-collector.service')

/** The instructions of the Dockerfile's last stage: what the image is. */
const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '))

/** The script the image's HEALTHCHECK runs with `node -e`. */
const imageHealthCheck = (() => {
  const line = /HEALTHCHECK[^\n]*\\\n\s*CMD (\[.*\])/.exec(dockerfile)?.[1] as string
  const [node, flag, script] = JSON.parse(line) as string[]
  expect([node, flag]).toEqual(['node', '-e'])
  return script as string
})()

/**
 * The script compose's health check runs with `node -e`. A flow sequence of JSON strings: the
 * script's `: ` would end a plain YAML scalar and make the file unreadable.
 */
const composeHealthCheck = (() => {
  const collector = compose.slice(compose.indexOf('\n  collector:'))
  const sequence = /\n {4}healthcheck:\n {6}test:\s*(\[[^\]]*\])/.exec(collector)?.[1] as string
  // Biome writes the sequence one item a line with a trailing comma, which JSON does not allow.
  const [cmd, node, flag, script] = JSON.parse(sequence.replace(/,\s*\]$/, ']')) as string[]
  expect([cmd, node, flag]).toEqual(['CMD', 'node', '-e'])
  return script as string
})()

/** Runs `script` as the container would, with PORT set; resolves its exit code. */
const runHealthCheck = (script: string, port: number) =>
  new Promise<number | null>((resolve) => {
    // Asynchronously: the collector it checks runs in this process.
    const child = spawn(process.execPath, ['-e', script], {
      env: { ...process.env, PORT: String(port) },
      stdio: 'ignore',
    })
    child.once('exit', (code) => resolve(code))
  })

describe('deploy/Dockerfile', () => {
  it('installs the packed koe-collector and nothing else of the repository', () => {
    expect(dockerfile).toMatch(/npm pack -w koe-collector --pack-destination \/pack/)
    expect(finalStage).toMatch(/npm install -g [^\n]*\/tmp\/pack\/koe-collector-\*\.tgz/)
    expect(finalStage).not.toMatch(/COPY \. /)
    expect(finalStage).toMatch(/^CMD \["koe-collector"\]$/m)
    const ignored = read('.dockerignore').split('\n')
    for (const entry of ['.git', 'node_modules', 'dist', '.koe-data'])
      expect(ignored).toContain(entry)
  })

  it('runs as an unprivileged user, listens beyond loopback and keeps PGlite on a volume', () => {
    expect(finalStage).toMatch(/^USER node$/m)
    expect(finalStage).toMatch(/^ENV [^\n]*HOST=0\.0\.0\.0/m)
    expect(finalStage).toMatch(/^ENV [^\n]*KOE_DATA=\/data/m)
    expect(finalStage).toMatch(/^VOLUME \/data$/m)
    // The collector refuses to listen beyond loopback without a strong token, so the image cannot
    // start as an open dashboard: its settings without a token are refused.
    const env = Object.fromEntries(
      [...finalStage.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]] as [string, string]),
    )
    expect(readSettings({ HOST: env.HOST, KOE_DATA: env.KOE_DATA })).toMatchObject({ ok: false })
  })
})

describe('deploy/compose.yaml', () => {
  it('runs the collector on PostgreSQL, its data on a named volume, both with health checks', () => {
    const services = compose.slice(compose.indexOf('services:'), compose.indexOf('\nvolumes:'))
    const service = (name: string) => {
      const start = services.indexOf(`\n  ${name}:\n`)
      expect(start, name).toBeGreaterThan(0)
      const next = services.slice(start + 1).search(/\n {2}\w[\w-]*:\n/)
      return next < 0 ? services.slice(start) : services.slice(start, start + 1 + next)
    }
    const postgres = service('postgres')
    const collector = service('collector')
    expect(postgres).toMatch(/image: postgres:1[3-9]/)
    expect(postgres).toContain('- koe-postgres:/var/lib/postgresql/data')
    expect(compose.slice(compose.indexOf('\nvolumes:'))).toMatch(/\n {2}koe-postgres:/)
    expect(postgres).toMatch(/healthcheck:\n\s+test: \["CMD-SHELL", "pg_isready/)
    expect(collector).toMatch(/dockerfile: deploy\/Dockerfile/)
    expect(collector).toMatch(/depends_on:\n\s+postgres:\n\s+condition: service_healthy/)
    expect(collector).toContain(
      `DATABASE_URL: postgres://koe:${'$'}{POSTGRES_PASSWORD}@postgres:5432/koe`,
    )
    // No default token or password: compose stops with the message if either is missing.
    expect(collector).toMatch(/KOE_DASHBOARD_TOKEN: \$\{KOE_DASHBOARD_TOKEN:\?/)
    expect(postgres).toMatch(/POSTGRES_PASSWORD: \$\{POSTGRES_PASSWORD:\?/)
    // Published on the host's loopback only: the TLS proxy stands in front.
    expect(collector).toContain('"127.0.0.1:8787:8787"')
    expect(composeHealthCheck).toBe(
      imageHealthCheck.replace(`${'$'}{process.env.PORT}`, '8787').replaceAll('`', "'"),
    )
  })
})

describe('deploy/koe-collector.service', () => {
  it('starts the installed bin as its own user, with its settings file, and restarts it', () => {
    expect(unit).toMatch(/^ExecStart=\/srv\/koe\/node_modules\/\.bin\/koe-collector$/m)
    expect(unit).toMatch(/^WorkingDirectory=\/srv\/koe$/m)
    expect(unit).toMatch(/^User=koe$/m)
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/koe\/collector\.env$/m)
    expect(unit).toMatch(/^Restart=on-failure$/m)
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m)
  })

  it('has a settings example the collector accepts once the token is filled in, and not before', () => {
    const env = Object.fromEntries(
      read('deploy/collector.env.example')
        .split('\n')
        .filter((line) => /^\w+=/.test(line))
        .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
    )
    const before = readSettings(env)
    expect(before.ok).toBe(false)
    expect(before.ok ? '' : before.errors.join('\n')).toContain('KOE_DASHBOARD_TOKEN')
    const after = readSettings({ ...env, KOE_DASHBOARD_TOKEN: 'ab'.repeat(32) })
    expect(after).toMatchObject({ ok: true })
  })
})

describe('the health check of the image and of compose', () => {
  let db: PGlite
  let server: Server
  let port: number
  beforeAll(async () => {
    db = await PGlite.create()
    const store = createSqlStore(db)
    await store.migrate()
    server = createServer(toNodeListener(createApp({ store, sql: db, ...APP_FILES })))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  }, 60_000)
  afterAll(async () => {
    await db?.close()
  })

  it('passes while the collector runs, fails once it stopped', async () => {
    const composeOnPort = composeHealthCheck.replace(':8787/', `:${port}/`)
    expect(await runHealthCheck(imageHealthCheck, port)).toBe(0)
    expect(await runHealthCheck(composeOnPort, port)).toBe(0)
    await new Promise((resolve) => server.close(resolve))
    expect(await runHealthCheck(imageHealthCheck, port)).toBe(1)
    expect(await runHealthCheck(composeOnPort, port)).toBe(1)
  })
})

/** Whether a Docker daemon answers here: the issue asks for the build where Docker is available. */
const dockerRuns = spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0

describe('the image', () => {
  it.runIf(dockerRuns)(
    'builds from the repository, and compose accepts its file',
    () => {
      execFileSync(
        'docker',
        ['build', '-f', 'deploy/Dockerfile', '-t', 'koe-collector:test', '.'],
        {
          cwd: root,
          stdio: 'inherit',
          timeout: 900_000,
        },
      )
      const config = execFileSync('docker', ['compose', '-f', 'deploy/compose.yaml', 'config'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, KOE_DASHBOARD_TOKEN: 'ab'.repeat(32), POSTGRES_PASSWORD: 'pw' },
      })
      expect(config).toContain('service_healthy')
    },
    900_000,
  )
})
