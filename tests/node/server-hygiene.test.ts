import { mkdtempSync, readlinkSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import { Agent, request as httpRequest } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqlStore, type SqlClient } from '../../packages/koe-collector/src/collector'
import { createApp } from '../../packages/koe-collector/src/server/create-app'
import { openDurablePglite } from '../../packages/koe-collector/src/server/durable-pglite'
import { listen, TIMEOUTS } from '../../packages/koe-collector/src/server/listen'
import { readSettings } from '../../packages/koe-collector/src/server/settings'
import { batch, display } from '../fixtures/wire-records'
import { APP_FILES } from '../support/app-files'
import { freshSchema } from './stores'

const id = (n: number) => `0193a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`

let db: PGlite
let server: Server
let port: number
beforeAll(async () => {
  db = await PGlite.create()
  const store = createSqlStore(db)
  await store.migrate()
  const app = createApp({ store, ...APP_FILES, maxBodyBytes: 1024 })
  // Short limits, so the test sees them act; the defaults are checked on their own below.
  server = await listen(app, 0, '127.0.0.1', {
    headersMs: 1_000,
    requestMs: 1_500,
    keepAliveMs: 5_000,
    checkEveryMs: 200,
  })
  port = (server.address() as AddressInfo).port
}, 60_000)
afterAll(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  await db?.close()
})

/** One HTTP request through `agent`; resolves the status and the socket it used. */
function send(agent: Agent, path: string, body: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; socket: unknown }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'text/plain', ...headers },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket }))
      },
    )
    req.on('error', reject)
    // Written in pieces without a length: chunked, as a streamed body arrives.
    for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.slice(i, i + 16 * 1024))
    req.end()
  })
}

/** Sends raw bytes on a new socket and resolves what came back before the server closed it. */
function raw(bytes: string, waitMs = 3_000) {
  return new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.on('data', (chunk) => {
      answer += String(chunk)
    })
    socket.on('close', () => resolve(answer))
    socket.on('error', () => {})
    socket.write(bytes)
    setTimeout(() => {
      socket.destroy()
      resolve(answer)
    }, waitMs)
  })
}

describe('the reference server over HTTP', () => {
  it('closes the connection after a 413 instead of reading the next request from the old body', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const ok = JSON.stringify(batch({ ...display, id: id(1) }))
    const first = await send(agent, '/collect', ok)
    const big = 'x'.repeat(256 * 1024)
    const refused = await send(agent, '/collect', big)
    const after = await send(agent, '/collect', JSON.stringify(batch({ ...display, id: id(2) })))
    agent.destroy()
    expect([first.status, refused.status, after.status]).toEqual([200, 413, 200])
  })

  it('routes on the request path, whatever the Host header says', async () => {
    const answer = await raw(
      'GET /nothing HTTP/1.1\r\nHost: evil.example/export.ndjson?\r\nConnection: close\r\n\r\n',
    )
    expect(answer).toMatch(/^HTTP\/1\.1 404/)
    const collect = await raw(
      'GET /shop/ HTTP/1.1\r\nHost: x/collect#\r\nConnection: close\r\n\r\n',
    )
    expect(collect).toMatch(/^HTTP\/1\.1 200/)
  })

  it('answers filters that are not valid with 400 naming the parameter', async () => {
    for (const [query, name] of [
      ['from=garbage', 'from'],
      ['until=2026-02-30T00:00:00Z', 'until'],
      ['surveyId=%00', 'surveyId'],
      ['locale=%00', 'locale'],
    ]) {
      const res = await fetch(`http://127.0.0.1:${port}/export.ndjson?${query}`)
      expect(res.status).toBe(400)
      expect((await res.json()).error).toContain(name)
      const summary = await fetch(`http://127.0.0.1:${port}/api/summary?${query}&surveyId=s`)
      expect(summary.status).toBe(400)
    }
  })

  it('drops a client that sends its body too slowly', async () => {
    const started = Date.now()
    const answer = await raw(
      'POST /collect HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 500\r\n\r\n{"v":1,',
      10_000,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 408|^$/)
    expect(Date.now() - started).toBeLessThan(8_000)
  })

  it('holds a request for half a minute at most by default, past the SDK timeout of 15 s', () => {
    expect(TIMEOUTS.requestMs).toBeGreaterThan(15_000)
    expect(TIMEOUTS.requestMs).toBeLessThanOrEqual(30_000)
    expect(TIMEOUTS.headersMs).toBeLessThanOrEqual(TIMEOUTS.requestMs)
    expect(TIMEOUTS.checkEveryMs).toBeLessThanOrEqual(1_000)
  })

  it('streams an export a page at a time', async () => {
    const store = createSqlStore(db)
    await store.upsert(
      Array.from({ length: 30 }, (_, i) => ({ ...display, id: id(100 + i) })) as never,
    )
    const pages: number[] = []
    for await (const page of store.recordPages({}, 7)) pages.push(page.length)
    expect(pages.length).toBeGreaterThan(4)
    expect(pages.reduce((a, b) => a + b)).toBe((await store.records()).length)
    const ndjson = await (await fetch(`http://127.0.0.1:${port}/export.ndjson`)).text()
    expect(
      ndjson
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).id),
    ).toEqual((await store.records()).map((r) => r.id))
  })
})

describe('responses', () => {
  it('stream at the pace the client reads, so an export never sits whole in memory', async () => {
    const CHUNK = new Uint8Array(64 * 1024).fill(120)
    const CHUNKS = 300
    let pulled = 0
    const streaming = await listen(
      async () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              if (++pulled > CHUNKS) controller.close()
              else controller.enqueue(CHUNK)
            },
          }),
        ),
      0,
      '127.0.0.1',
    )
    try {
      const { port: streamingPort } = streaming.address() as AddressInfo
      const response = await new Promise<import('node:http').IncomingMessage>((resolve) =>
        httpRequest(
          { host: '127.0.0.1', port: streamingPort, path: '/export.ndjson' },
          resolve,
        ).end(),
      )
      // The client takes nothing yet: the server must stop after what the socket buffers hold.
      response.pause()
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(pulled).toBeLessThan(CHUNKS / 4)
      let bytes = 0
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length
      })
      response.resume()
      await new Promise((resolve) => response.on('end', resolve))
      expect(bytes).toBe(CHUNKS * CHUNK.length)
    } finally {
      streaming.closeAllConnections()
      await new Promise((resolve) => streaming.close(resolve))
    }
  })
})

describe('reads never starve ingest', () => {
  it('on PGlite, ingest runs between the pages of a long read', async () => {
    const pglite = await PGlite.create()
    const order: string[] = []
    const logged: SqlClient = {
      query: (sql, params) => {
        order.push(sql)
        return pglite.query(sql, params) as never
      },
    }
    const store = createSqlStore(logged)
    await store.migrate()
    await store.upsert(Array.from({ length: 50 }, (_, i) => ({ ...display, id: id(i) })) as never)
    order.length = 0
    const pages = (async () => {
      let n = 0
      for await (const _ of store.recordPages({}, 10)) n++
      return n
    })()
    await store.upsert([{ ...display, id: id(999) }] as never)
    expect(await pages).toBeGreaterThan(4)
    // The insert did not wait for the read to finish: it ran while pages were still to come.
    const insert = order.findIndex((sql) => sql.includes('INSERT INTO koe_records'))
    const lastPage = order.map((sql) => sql.includes('SELECT record')).lastIndexOf(true)
    expect(insert).toBeGreaterThan(-1)
    expect(lastPage).toBeGreaterThan(insert)
    await pglite.close()
  }, 30_000)

  it('on PostgreSQL, ingest has connections of its own while every read connection is busy', async () => {
    const ingest = await freshSchema(2)
    const reads = await freshSchema(1)
    const store = createSqlStore(ingest.pool, { readClient: reads.pool })
    await store.migrate()
    // The only read connection is taken by a slow dashboard query.
    const busy = reads.pool.query('SELECT pg_sleep(3)')
    const upserted = await Promise.race([
      store.upsert([{ ...display, id: id(1) }] as never).then(() => 'stored'),
      busy.then(() => 'waited for the read'),
    ])
    expect(upserted).toBe('stored')
    await busy
    await ingest.drop()
    await reads.drop()
  })
})

describe('the embedded store (PGlite)', () => {
  it('acknowledges only what is on disk: a commit waits for fsync of the write-ahead log', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'koe-durable-'))
    const synced: string[] = []
    const fsync = (fd: number) => synced.push(readlinkSync(`/proc/self/fd/${fd}`))
    const durable = await openDurablePglite(folder, fsync)
    try {
      const store = createSqlStore(durable)
      await store.migrate()
      synced.length = 0
      await store.upsert([{ ...display, id: id(7) }] as never)
      expect(synced.some((path) => path.includes(join(folder, 'pg_wal')))).toBe(true)
      expect((await durable.query<{ fsync: string }>('SHOW fsync')).rows[0]?.fsync).toBe('on')
    } finally {
      await durable.close()
      rmSync(folder, { recursive: true, force: true })
    }
  }, 30_000)
})

describe('settings', () => {
  it('needs a token of 32 characters without spaces beyond loopback', () => {
    const env = { HOST: '0.0.0.0' }
    expect(readSettings(env).ok).toBe(false)
    expect(readSettings({ ...env, KOE_DASHBOARD_TOKEN: 'a'.repeat(31) }).ok).toBe(false)
    expect(readSettings({ ...env, KOE_DASHBOARD_TOKEN: `${'a'.repeat(31)} ` }).ok).toBe(false)
    expect(readSettings({ ...env, KOE_DASHBOARD_TOKEN: 'a'.repeat(32) }).ok).toBe(true)
    expect(readSettings({}).ok).toBe(true)
  })

  it('takes an SMTP server for e-mail endpoints only with a sender, and says which is missing', () => {
    expect(readSettings({ KOE_SMTP_URL: 'smtp://mail.example:587' })).toEqual({
      ok: false,
      errors: ['KOE_SMTP_URL is set: set KOE_MAIL_FROM too, the sender, e.g. koe@shop.example'],
    })
    expect(
      readSettings({ KOE_SMTP_URL: 'mail.example', KOE_MAIL_FROM: 'koe@shop.example' }),
    ).toEqual({
      ok: false,
      errors: ['KOE_SMTP_URL must be like smtp://user:password@mail.example:587 (or smtps://)'],
    })
    expect(
      readSettings({ KOE_SMTP_URL: 'smtps://u:p@mail.example', KOE_MAIL_FROM: 'koe@shop.example' }),
    ).toMatchObject({
      ok: true,
      settings: { smtpUrl: 'smtps://u:p@mail.example', mailFrom: 'koe@shop.example' },
    })
  })

  it('refuses a rate limit that is not a number instead of turning it off', () => {
    expect(readSettings({ KOE_RATE_LIMIT_PER_SECOND: 'abc' })).toMatchObject({ ok: false })
    expect(readSettings({ KOE_RATE_LIMIT_PER_SECOND: '' })).toMatchObject({ ok: false })
    expect(readSettings({ KOE_RATE_LIMIT_PER_SECOND: '0' })).toMatchObject({
      ok: true,
      settings: { ratePerSecond: 0 },
    })
  })

  it('takes a reporting time zone by its IANA name, UTC by default', () => {
    expect(readSettings({})).toMatchObject({ ok: true, settings: { timeZone: 'UTC' } })
    expect(readSettings({ KOE_TIME_ZONE: 'Asia/Tokyo' })).toMatchObject({
      settings: { timeZone: 'Asia/Tokyo' },
    })
    expect(readSettings({ KOE_TIME_ZONE: 'Mars/Olympus' })).toMatchObject({
      ok: false,
      errors: ['KOE_TIME_ZONE=Mars/Olympus is not an IANA time zone, e.g. Asia/Tokyo'],
    })
  })
})

describe('dashboard summaries', () => {
  it('run one at a time on a custom store, so parallel tabs never hold several surveys in memory at once', async () => {
    const pglite = await PGlite.create()
    const store = createSqlStore(pglite)
    await store.migrate()
    let reading = 0
    let most = 0
    // A store without the SQL rollup: its summaries are counted from its records.
    const counting = {
      upsert: store.upsert,
      surveyIds: store.surveyIds,
      records: async (filter?: Parameters<typeof store.records>[0]) => {
        most = Math.max(most, ++reading)
        await new Promise((resolve) => setTimeout(resolve, 50))
        try {
          return await store.records(filter)
        } finally {
          reading--
        }
      },
    }
    const app = createApp({ store: counting, ...APP_FILES })
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => app(new Request('http://127.0.0.1/api/summary?surveyId=s'))),
    )
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200])
    expect(most).toBe(1)
    await pglite.close()
    // A summary reads the records once per query it makes (five), each after the one before.
  }, 30_000)
})
