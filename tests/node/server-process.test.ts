import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../support/free-port'
import { startServerProcess } from '../support/server-process'
import { startTestPostgres, type TestPostgres } from '../support/test-postgres.mjs'

// The collector (koe-collector --demo) as an operator runs it (npm start): its own process, its own database.
const id = (n: number) => `0193a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`
const display = (n: number) => ({
  id: id(n),
  kind: 'display',
  surveyId: 'blip',
  createdAt: '2026-11-22T10:00:00.000Z',
})
const post = (url: string, records: unknown[]) =>
  fetch(`${url}/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ v: 1, sentAt: '2026-11-22T10:00:06.000Z', records }),
  })
/** Lines that look like a stack trace: what an operator should never have to read. */
const STACK = /^\s+at /m

describe('the reference server on PostgreSQL when the database goes away', () => {
  let postgres: TestPostgres
  beforeAll(async () => {
    postgres = await startTestPostgres({ ownServer: true })
  }, 60_000)
  afterAll(async () => {
    await postgres?.stop()
  })

  it('survives a terminated backend and a restarted server: 503 with Retry-After meanwhile, every acknowledged answer stored', async () => {
    const serverPort = await freePort()
    const server = await startServerProcess({
      DATABASE_URL: postgres.url,
      PORT: String(serverPort),
    })
    const url = `http://127.0.0.1:${serverPort}`
    const admin = new pg.Client({ connectionString: postgres.url })
    try {
      expect(server.output()).toContain('PostgreSQL')
      let n = 0
      const acknowledged: string[] = []
      const statuses: number[] = []
      const send = async () => {
        const records = [display(n++), display(n++)]
        const res = await post(url, records).catch(() => null)
        statuses.push(res?.status ?? 0)
        if (res?.status === 503) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
        if (res?.status === 200) acknowledged.push(...records.map((r) => r.id))
        return res?.status
      }
      expect(await send()).toBe(200)

      // Every idle connection of the server's pools is cut, as pg_terminate_backend or a
      // failover does: an idle client's error used to end the process.
      await admin.connect()
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'",
      )
      await admin.end()
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(server.child.exitCode).toBeNull()
      let status: number | undefined
      for (let i = 0; i < 10 && status !== 200; i++) status = await send()
      expect(status).toBe(200)

      // The server restarts while answers keep coming.
      const load = (async () => {
        for (let i = 0; i < 60; i++) {
          await send()
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      })()
      await postgres.restart()
      await load
      for (let i = 0; i < 20 && statuses.at(-1) !== 200; i++) await send()
      expect(server.child.exitCode).toBeNull()
      expect(statuses.at(-1)).toBe(200)
      // Only 200 and 503 were ever answered: no 500, no dropped connection.
      expect(new Set(statuses.filter((s) => s !== 200 && s !== 503))).toEqual(new Set())

      const check = new pg.Client({ connectionString: postgres.url })
      await check.connect()
      const { rows } = await check.query<{ id: string }>('SELECT id::text FROM koe_records')
      await check.end()
      const stored = new Set(rows.map((r) => r.id))
      expect(acknowledged.filter((a) => !stored.has(a))).toEqual([])
    } finally {
      await server.stop()
    }
  }, 90_000)

  it('says in one line when DATABASE_URL cannot be reached', async () => {
    const server = await startServerProcess({
      DATABASE_URL: 'postgres://koe:secret@127.0.0.1:1/koe',
      PORT: String(await freePort()),
    })
    expect(await server.exited).toBe(1)
    expect(server.output().trim().split('\n')).toHaveLength(1)
    expect(server.output()).toMatch(
      /cannot use the database at postgres:\/\/koe:\*\*\*@127\.0\.0\.1:1/,
    )
    expect(server.output()).not.toContain('secret')
  })
})

describe('the reference server on a PGlite folder', () => {
  let folder: string
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'koe-data-'))
  })
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('refuses a second server on the same folder, and takes over a lock its crashed owner left', async () => {
    const first = await startServerProcess({ KOE_DATA: folder, PORT: String(await freePort()) })
    try {
      expect(first.output()).toContain('PGlite')
      const second = await startServerProcess({ KOE_DATA: folder, PORT: String(await freePort()) })
      expect(await second.exited).toBe(1)
      expect(second.output()).toContain(folder)
      expect(second.output()).toContain(`process ${first.child.pid}`)
      expect(second.output()).not.toMatch(STACK)
    } finally {
      await first.stop()
    }
    // A clean stop releases the folder.
    expect(existsSync(join(folder, 'koe.lock'))).toBe(false)

    // kill -9 leaves the lock behind; its process is gone, so the next server takes over.
    const crashedPort = await freePort()
    const crashed = await startServerProcess({ KOE_DATA: folder, PORT: String(crashedPort) })
    expect((await post(`http://127.0.0.1:${crashedPort}`, [display(900)])).status).toBe(200)
    crashed.child.kill('SIGKILL')
    await crashed.exited
    expect(JSON.parse(readFileSync(join(folder, 'koe.lock'), 'utf8')).pid).toBe(crashed.child.pid)
    const nextPortNumber = await freePort()
    const next = await startServerProcess({ KOE_DATA: folder, PORT: String(nextPortNumber) })
    try {
      expect(next.child.exitCode).toBeNull()
      // The acknowledged answer survived the crash.
      const res = await post(`http://127.0.0.1:${nextPortNumber}`, [display(900)])
      expect(await res.json()).toMatchObject({ accepted: 0, duplicates: 1 })
    } finally {
      await next.stop()
    }
  }, 90_000)

  it('says in one line when its port is taken', async () => {
    const taken = await freePort()
    const blocker = createServer().listen(taken, '127.0.0.1')
    await new Promise((resolve) => blocker.once('listening', resolve))
    try {
      const server = await startServerProcess({ KOE_DATA: folder, PORT: String(taken) })
      expect(await server.exited).toBe(1)
      expect(server.output().trim().split('\n')).toHaveLength(1)
      expect(server.output()).toContain(`port ${taken}`)
      expect(existsSync(join(folder, 'koe.lock'))).toBe(false)
    } finally {
      blocker.close()
    }
  }, 30_000)

  it('stops at start-up on a setting that is wrong, naming it', async () => {
    for (const [env, words] of [
      [{ KOE_RATE_LIMIT_PER_SECOND: 'abc' }, 'KOE_RATE_LIMIT_PER_SECOND=abc'],
      [{ HOST: '0.0.0.0', KOE_DASHBOARD_TOKEN: 'x' }, 'KOE_DASHBOARD_TOKEN is too weak'],
      [{ HOST: '0.0.0.0', KOE_DASHBOARD_TOKEN: ' '.repeat(40) }, 'KOE_DASHBOARD_TOKEN'],
      [{ KOE_ALLOWED_ORIGINS: 'shop.example' }, 'KOE_ALLOWED_ORIGINS'],
      [{ PORT: 'eighty' }, 'PORT=eighty'],
    ] as const) {
      const server = await startServerProcess({ KOE_DATA: folder, ...env })
      expect(await server.exited).toBe(1)
      expect(server.output()).toContain(words)
      expect(server.output()).not.toMatch(STACK)
    }
  }, 30_000)
})
