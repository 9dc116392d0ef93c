import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createCollector,
  createRateLimiter,
  type SqlStore,
} from '../../packages/koe-collector/src/collector'
import { batch, display, response } from '../fixtures/wire-records'
import { STORES, type TestStore } from './stores'

const ORIGIN = 'https://shop.example'
const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request('http://collector.test/collect', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
const id = (n: number) => `0193a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`

describe.each(STORES)('the collector on %s', (_name, open) => {
  let db: TestStore
  let store: SqlStore
  let collect: ReturnType<typeof createCollector>
  beforeAll(async () => {
    db = await open()
    store = db.store
    collect = createCollector({ store, allowedOrigins: [ORIGIN], maxBodyBytes: 256 * 1024 })
  }, 60_000)
  afterAll(async () => {
    await db?.close()
  })

  it('stores a valid batch sent as text/plain (a beacon) and answers per docs/wire-format.md', async () => {
    const records = [
      { ...response, id: id(1) },
      { ...display, id: id(2) },
    ]
    const res = await collect(post(batch(...records)))
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] })
    const stored = await store.records({ surveyId: response.surveyId })
    expect(stored.filter((r) => r.id === id(1) || r.id === id(2))).toEqual(records)
  })

  it('accepts application/json too and refuses other content types', async () => {
    const ok = await collect(
      post(batch({ ...display, id: id(3) }), { 'content-type': 'application/json' }),
    )
    expect(ok.status).toBe(200)
    const form = await collect(
      post(batch({ ...display, id: id(4) }), {
        'content-type': 'application/x-www-form-urlencoded',
      }),
    )
    expect(form.status).toBe(415)
  })

  it('stores a replayed batch once and counts the replay as duplicates', async () => {
    const body = batch({ ...display, id: id(10) }, { ...response, id: id(11) })
    expect(await (await collect(post(body))).json()).toMatchObject({ accepted: 2, duplicates: 0 })
    expect(await (await collect(post(body))).json()).toMatchObject({ accepted: 0, duplicates: 2 })
    const stored = (await store.records()).filter((r) => r.id === id(10) || r.id === id(11))
    expect(stored).toHaveLength(2)
  })

  it('lets a later comment update its response, and a stale retry not undo it', async () => {
    const scoreOnly = {
      ...response,
      id: id(20),
      comment: undefined,
      updatedAt: '2026-11-22T10:00:00.000Z',
    }
    const withComment = {
      ...response,
      id: id(20),
      comment: 'とても良い',
      updatedAt: '2026-11-22T10:00:09.000Z',
    }
    await collect(post(batch(scoreOnly)))
    expect(await (await collect(post(batch(withComment)))).json()).toMatchObject({
      accepted: 1,
      duplicates: 0,
    })
    expect(await (await collect(post(batch(scoreOnly)))).json()).toMatchObject({
      accepted: 0,
      duplicates: 1,
    })
    const [stored] = (await store.records()).filter((r) => r.id === id(20))
    expect(stored).toMatchObject({ comment: 'とても良い', updatedAt: withComment.updatedAt })
  })

  it('keeps the latest version when one batch holds the same id twice', async () => {
    const older = { ...response, id: id(25), score: 3, updatedAt: '2026-11-22T10:00:00.000Z' }
    const newer = { ...response, id: id(25), score: 4, updatedAt: '2026-11-22T10:00:01.000Z' }
    expect(await (await collect(post(batch(newer, older)))).json()).toMatchObject({
      accepted: 1,
      duplicates: 1,
    })
    expect((await store.records()).find((r) => r.id === id(25))).toMatchObject({ score: 4 })
  })

  it('stores the valid records of a mixed batch and rejects the others with reasons', async () => {
    const res = await collect(
      post(
        batch(
          { ...display, id: id(30) },
          { ...response, id: id(31), score: 11 },
          { kind: 'response' },
        ),
      ),
    )
    expect(res.status).toBe(200)
    const answer = await res.json()
    expect(answer).toMatchObject({ accepted: 1, duplicates: 0 })
    expect(answer.rejected).toEqual([
      { id: id(31), error: expect.stringContaining('records[1].score must be an integer 0..10') },
      { id: null, error: expect.stringContaining('records[2].id') },
    ])
    const ids = (await store.records()).map((r) => r.id)
    expect(ids).toContain(id(30))
    expect(ids).not.toContain(id(31))
  })

  it.each([
    ['malformed JSON', '{"v":1,"records":[', /not JSON/],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), /not JSON/],
    ['a JSON array', '[]', /object/],
    ['version 2', JSON.stringify({ ...batch(display), v: 2 }), /v must be 1/],
    [
      'a bad sentAt',
      JSON.stringify({ ...batch(display), sentAt: 'now' }),
      /sentAt must be an ISO 8601/,
    ],
    ['no records', JSON.stringify(batch()), /non-empty/],
    ['501 records', JSON.stringify(batch(...Array(501).fill(display))), /at most 500/],
  ])('answers 400 to %s and stores nothing', async (_case, body, message) => {
    const before = (await store.records()).length
    const res = await collect(
      new Request('http://collector.test/collect', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: ORIGIN },
        body,
      }),
    )
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(message)
    expect((await store.records()).length).toBe(before)
  })

  it('answers 413 to an oversized body, declared or streamed without a length', async () => {
    const huge = JSON.stringify(
      batch(...Array(400).fill({ ...response, comment: 'x'.repeat(1000) })),
    )
    expect((await collect(post(huge))).status).toBe(413)
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(huge))
        controller.close()
      },
    })
    const streamed = new Request('http://collector.test/collect', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: ORIGIN },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect((await collect(streamed)).status).toBe(413)
  })

  it('refuses a page of another origin, answers preflights, and accepts servers without Origin', async () => {
    const evil = await collect(
      post(batch({ ...display, id: id(40) }), { origin: 'https://evil.example' }),
    )
    expect(evil.status).toBe(403)
    expect(evil.headers.get('access-control-allow-origin')).toBeNull()
    const preflight = await collect(
      new Request('http://collector.test/collect', {
        method: 'OPTIONS',
        headers: {
          origin: ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, x-koe',
        },
      }),
    )
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, x-koe')
    const server = await collect(
      new Request('http://collector.test/collect', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch({ ...display, id: id(41) })),
      }),
    )
    expect(server.status).toBe(200)
    expect((await store.records()).map((r) => r.id)).not.toContain(id(40))
  })

  it('slows a flood from one client with 429 and Retry-After, while others and the server carry on', async () => {
    let t = 0
    const limited = createCollector({
      store,
      allowedOrigins: '*',
      rateLimit: createRateLimiter({ burst: 5, perSecond: 1, now: () => t }),
    })
    const statuses: number[] = []
    for (let i = 0; i < 8; i++)
      statuses.push(
        (await limited(post(batch({ ...display, id: id(50 + i) })), { clientAddress: '10.0.0.1' }))
          .status,
      )
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429])
    const refused = await limited(post(batch(display)), { clientAddress: '10.0.0.1' })
    expect(refused.headers.get('retry-after')).toBe('1')
    expect(
      (await limited(post(batch({ ...display, id: id(60) })), { clientAddress: '10.0.0.2' }))
        .status,
    ).toBe(200)
    t += 2000 // two tokens back
    expect(
      (await limited(post(batch({ ...display, id: id(61) })), { clientAddress: '10.0.0.1' }))
        .status,
    ).toBe(200)
    const stored = (await store.records()).map((r) => r.id)
    expect(stored).toEqual(expect.arrayContaining([id(50), id(54), id(60), id(61)]))
    expect(stored).not.toContain(id(55))
  })

  it('rejects, record by record, what the database cannot store: NUL, lone surrogates, 30 February', async () => {
    const res = await collect(
      post(
        batch(
          { ...response, id: id(80) },
          { ...response, id: id(81), comment: 'nul \u0000 here' },
          { ...response, id: id(82), attributes: { plan: 'broken \ud83d' } },
          { ...display, id: id(83), createdAt: '2026-02-30T10:00:00.000Z' },
          { ...display, id: id(84) },
        ),
      ),
    )
    expect(res.status).toBe(200)
    const answer = await res.json()
    expect(answer).toMatchObject({ accepted: 2, duplicates: 0 })
    expect(answer.rejected.map((r: { id: string }) => r.id)).toEqual([id(81), id(82), id(83)])
    const stored = (await store.records()).map((r) => r.id)
    expect(stored).toEqual(expect.arrayContaining([id(80), id(84)]))
  })

  it('stores the rest of a batch when the database refuses one record of it', async () => {
    // Past the validator (a store is public API too): the database itself refuses the NUL.
    const result = await store.upsert([
      { ...response, id: id(90) },
      { ...response, id: id(91), comment: 'nul \u0000 here' },
      { ...display, id: id(92) },
    ] as never)
    expect(result.accepted).toBe(2)
    expect(result.duplicates).toBe(0)
    expect(result.rejected).toEqual([{ id: id(91), error: expect.stringMatching(/database/) }])
    const stored = (await store.records()).map((r) => r.id)
    expect(stored).toEqual(expect.arrayContaining([id(90), id(92)]))
    expect(stored).not.toContain(id(91))
  })

  it('migrates idempotently, also when two servers start at once', async () => {
    await Promise.all([store.migrate(), store.migrate()])
    await store.migrate()
    expect((await collect(post(batch({ ...display, id: id(70) })))).status).toBe(200)
  })
})

describe('the collector when its store fails', () => {
  it('answers 503 with Retry-After, so the client keeps the answers and retries', async () => {
    const errors: unknown[] = []
    const broken = createCollector({
      store: {
        upsert: () => Promise.reject(new Error('connection refused')),
        records: async () => [],
        surveyIds: async () => [],
      },
      allowedOrigins: '*',
      onError: (e) => errors.push(e),
    })
    const res = await broken(post(batch(display)))
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect(errors).toHaveLength(1)
  })
})
