// The fault matrix of delivery (issue 6): one named test per network or collector fault, with
// scripted fetch, fake timers where time matters, and the real queue on fake-indexeddb.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { builtIns } from '../../src/lib/wire-json'
import { createQueue, MAX_BATCH_BYTES, type QueueOptions } from '../../src/queue/create-queue'
import { createIdbStorage } from '../../src/queue/idb-storage'
import { postBatch } from '../../src/queue/post-batch'
import { validateBatch } from '../../src/scoring/validate-batch'
import type { Batch, DisplayRecord, ResponseRecord, WireRecord } from '../../src/scoring/wire'

let dbCount = 0
const freshStorage = () => createIdbStorage(`koe-faults-${++dbCount}`, 'records')

const id = (n: number) => `0193a1b2-0000-7000-8000-${n.toString(16).padStart(12, '0')}`
const display = (n: number, createdAt = '2026-11-22T10:00:00.000Z'): DisplayRecord => ({
  id: id(n),
  kind: 'display',
  surveyId: 'nps',
  createdAt,
})
const response = (n: number, comment?: string): ResponseRecord => ({
  id: id(n),
  kind: 'response',
  surveyId: 'nps',
  type: 'nps',
  score: 9,
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
  comment,
})
const NOW = Date.parse('2026-11-23T00:00:00.000Z')

/** An answer of a scripted collector: a status, headers and a body, or a network failure. */
type Answer = { status: number; headers?: Record<string, string>; body?: string | null } | 'offline'

/**
 * A collector behind a scripted fetch: answers each POST with the next scripted answer (then the
 * last), and, for a 2xx, stores the records by id as the real collector does (an upsert).
 */
function collector(answers: Answer[]) {
  const stored = new Map<string, WireRecord>()
  const requests: Batch[] = []
  const inits: RequestInit[] = []
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    const answer = answers[Math.min(requests.length, answers.length - 1)] as Answer
    const batch = JSON.parse(String(init?.body)) as Batch
    requests.push(batch)
    inits.push(init ?? {})
    if (answer === 'offline') throw new TypeError('Failed to fetch')
    if (answer.status >= 200 && answer.status < 300)
      for (const record of batch.records) stored.set(record.id, record)
    return new Response(answer.body === undefined ? '{}' : answer.body, {
      status: answer.status,
      headers: answer.headers,
    })
  })
  return { fetch: fetch as unknown as typeof globalThis.fetch, stored, requests, inits }
}

/** A queue on a fresh database, sending to `net`, with retries captured instead of timed. */
function queueOn(net: { fetch: typeof fetch }, options: Partial<QueueOptions> = {}) {
  const storage = freshStorage()
  const retries: number[] = []
  let retry: (() => void) | undefined
  const onFailed = vi.fn()
  const onDelivered = vi.fn()
  const queue = createQueue({
    _builtIns: builtIns,
    storage,
    now: () => NOW,
    random: () => 0.5,
    onFailed,
    onDelivered,
    _schedule: (run, ms) => {
      retries.push(ms)
      retry = run
      return () => {}
    },
    post: (records, keepalive) =>
      postBatch(records, {
        _builtIns: builtIns,
        endpoint: 'https://c.example/koe',
        fetch: net.fetch,
        now: () => NOW,
        keepalive,
      }),
    ...options,
  })
  return { queue, storage, retries, retry: () => retry?.(), onFailed, onDelivered }
}

const queuedIds = async (storage: ReturnType<typeof freshStorage>) =>
  (await storage.list()).map((e) => e.record.id)

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('delivery faults', () => {
  it('offline, then online: the record waits, then arrives with the same id', async () => {
    const net = collector(['offline', { status: 200 }])
    const { queue, storage, retries } = queueOn(net)
    await queue.put(response(1))
    await queue.flush()
    expect(await queuedIds(storage)).toEqual([id(1)])
    expect(retries).toHaveLength(1)
    await queue.flush() // what the `online` event does
    expect(await queuedIds(storage)).toEqual([])
    expect([...net.stored.keys()]).toEqual([id(1)])
  })

  it('fetch throwing synchronously keeps the record and schedules a retry', async () => {
    const throwing = (() => {
      throw new TypeError('fetch is broken')
    }) as unknown as typeof fetch
    const { queue, storage, retries } = queueOn({ fetch: throwing })
    await queue.put(display(1))
    await expect(queue.flush()).resolves.toBeUndefined()
    expect(await queuedIds(storage)).toEqual([id(1)])
    expect(retries).toHaveLength(1)
  })

  for (const status of [500, 502, 503, 408, 425]) {
    it(`${status}, then 200: retried with backoff, then delivered`, async () => {
      const net = collector([{ status }, { status }, { status: 200 }])
      const { queue, storage, retries, retry } = queueOn(net)
      await queue.put(display(1))
      await queue.flush()
      retry()
      await vi.waitFor(() => expect(retries).toHaveLength(2))
      retry()
      await vi.waitFor(async () => expect(await queuedIds(storage)).toEqual([]))
      // Exponential with jitter (random 0.5 → 75 % of the step): 2 s, then 4 s.
      expect(retries).toEqual([1500, 3000])
      expect(net.requests.map((b) => b.records[0]?.id)).toEqual([id(1), id(1), id(1)])
    })
  }

  it('backoff doubles up to a cap of five minutes', async () => {
    const net = collector([{ status: 503 }])
    const { queue, retries, retry } = queueOn(net, { random: () => 1 })
    await queue.put(display(1))
    await queue.flush()
    for (let i = 0; i < 10; i++) {
      retry()
      await vi.waitFor(() => expect(retries).toHaveLength(i + 2))
    }
    expect(retries.slice(0, 4)).toEqual([2000, 4000, 8000, 16000])
    expect(retries.at(-1)).toBe(300_000)
  })

  it('429 with Retry-After in seconds waits that long', async () => {
    const net = collector([{ status: 429, headers: { 'retry-after': '120' } }])
    const { queue, storage, retries } = queueOn(net)
    await queue.put(display(1))
    await queue.flush()
    expect(retries).toEqual([120_000])
    expect(await queuedIds(storage)).toEqual([id(1)])
  })

  it('429 with Retry-After as an HTTP date waits until then', async () => {
    const at = new Date(NOW + 90_000).toUTCString()
    const { queue, retries } = queueOn(collector([{ status: 429, headers: { 'retry-after': at } }]))
    await queue.put(display(1))
    await queue.flush()
    expect(retries).toEqual([90_000])
  })

  it('429 with a garbage Retry-After falls back to backoff', async () => {
    const net = collector([{ status: 429, headers: { 'retry-after': 'soon, maybe' } }])
    const { queue, retries } = queueOn(net)
    await queue.put(display(1))
    await queue.flush()
    expect(retries).toEqual([1500])
  })

  it('Retry-After is clamped: 0 waits a second, a week waits a day', async () => {
    for (const [header, wait] of [
      ['0', 1_000],
      [String(7 * 86_400), 86_400_000],
    ] as const) {
      const net = collector([{ status: 503, headers: { 'retry-after': header } }])
      const { queue, retries } = queueOn(net)
      await queue.put(display(1))
      await queue.flush()
      expect(retries).toEqual([wait])
    }
  })

  for (const status of [403, 422]) {
    it(`${status} is terminal: the records are removed and reported as delivery-failed`, async () => {
      const net = collector([{ status }])
      const { queue, storage, retries, onFailed } = queueOn(net)
      await queue.put(display(1))
      await queue.flush()
      expect(await queuedIds(storage)).toEqual([])
      expect(retries).toEqual([])
      expect(onFailed).toHaveBeenCalledWith([display(1)], expect.stringContaining(`HTTP ${status}`))
    })
  }

  it('413 splits the batch until the collector takes it; a single record it still refuses is reported', async () => {
    const stored = new Map<string, WireRecord>()
    const sizes: number[] = []
    const fetch = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      const batch = JSON.parse(String(init?.body)) as Batch
      sizes.push(batch.records.length)
      // The collector takes at most 2 records per batch, and never record 5.
      if (batch.records.length > 2 || batch.records.some((r) => r.id === id(5)))
        return new Response('too large', { status: 413 })
      for (const record of batch.records) stored.set(record.id, record)
      return new Response('{}', { status: 200 })
    }) as typeof globalThis.fetch
    const { queue, storage, onFailed } = queueOn({ fetch })
    for (let n = 1; n <= 7; n++) await queue.put(display(n))
    await queue.flush()
    expect([...stored.keys()].sort()).toEqual([1, 2, 3, 4, 6, 7].map(id))
    expect(onFailed).toHaveBeenCalledWith([display(5)], expect.stringContaining('HTTP 413'))
    expect(await queuedIds(storage)).toEqual([])
    expect(sizes[0]).toBe(7)
  })

  it('400 splits the batch, delivers the others, and keeps the record the collector still refuses alone', async () => {
    const stored = new Map<string, WireRecord>()
    const onHeld = vi.fn()
    let broken = true
    const fetch = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      const batch = JSON.parse(String(init?.body)) as Batch
      // A batch holding record 3 is unreadable to this collector (until it is mended).
      if (broken && batch.records.some((r) => r.id === id(3)))
        return new Response('{"error":"bad batch"}', { status: 400 })
      for (const record of batch.records) stored.set(record.id, record)
      return new Response('{}', { status: 200 })
    }) as typeof globalThis.fetch
    const { queue, storage, onFailed, retries, retry } = queueOn({ fetch }, { onHeld })
    for (let n = 1; n <= 5; n++) await queue.put(display(n))
    await queue.flush()
    expect([...stored.keys()].sort()).toEqual([1, 2, 4, 5].map(id))
    // A 400 judges the batch, not the record: kept, reported, tried again later.
    expect(await queuedIds(storage)).toEqual([id(3)])
    expect(onFailed).not.toHaveBeenCalled()
    expect(onHeld).toHaveBeenCalledWith(display(3), expect.stringContaining('HTTP 400; record'))
    expect(retries).toHaveLength(1)
    broken = false
    retry()
    await vi.waitFor(async () => expect(await queuedIds(storage)).toEqual([]))
    expect(stored.has(id(3))).toBe(true)
  })

  it('writes the same JSON whatever the page did to toJSON, toISOString and JSON.stringify', async () => {
    const net = collector([{ status: 200 }])
    const { queue } = queueOn(net)
    await queue.put(response(1, 'コメント "quoted" \\ \n'))
    const saved = {
      array: Object.getOwnPropertyDescriptor(Array.prototype, 'toJSON'),
      iso: Date.prototype.toISOString,
      stringify: JSON.stringify,
    }
    // Old Prototype.js, a page's own helpers, a broken polyfill: all set after Koe loaded.
    Object.defineProperty(Array.prototype, 'toJSON', {
      value() {
        return 'not an array'
      },
      configurable: true,
    })
    ;(Object.prototype as { toJSON?: unknown }).toJSON = () => 'not an object'
    Date.prototype.toISOString = () => 'yesterday'
    JSON.stringify = () => 'garbage'
    try {
      await queue.flush()
    } finally {
      delete (Array.prototype as { toJSON?: unknown }).toJSON
      if (saved.array) Object.defineProperty(Array.prototype, 'toJSON', saved.array)
      delete (Object.prototype as { toJSON?: unknown }).toJSON
      Date.prototype.toISOString = saved.iso
      JSON.stringify = saved.stringify
    }
    const sent = net.requests[0] as Batch
    expect(sent.sentAt).toBe(new Date(NOW).toISOString())
    expect(sent.records).toEqual([response(1, 'コメント "quoted" \\ \n')])
    expect(validateBatch(sent).ok).toBe(true)
  })

  for (const body of [null, '', 'OK', '<html>busy</html>']) {
    it(`2xx with body ${JSON.stringify(body)} counts as delivered`, async () => {
      const net = collector([{ status: 200, body }])
      const { queue, storage, onDelivered } = queueOn(net)
      await queue.put(display(1))
      await queue.flush()
      expect(await queuedIds(storage)).toEqual([])
      expect(onDelivered).toHaveBeenCalledWith([display(1)])
    })
  }

  it('2xx listing rejected ids: those are removed and reported, the others delivered', async () => {
    const body = JSON.stringify({
      accepted: 1,
      duplicates: 0,
      rejected: [{ id: id(2), error: 'records[1].score: must be 0..10' }],
    })
    const { queue, storage, onDelivered, onFailed } = queueOn(collector([{ status: 200, body }]))
    await queue.put(display(1))
    await queue.put(response(2))
    await queue.flush()
    expect(await queuedIds(storage)).toEqual([])
    expect(onDelivered).toHaveBeenCalledWith([display(1)])
    expect(onFailed).toHaveBeenCalledWith([response(2)], expect.stringContaining('must be 0..10'))
  })

  const hanging = ((_url: RequestInfo | URL, init?: RequestInit) =>
    new Promise((_resolve, reject) =>
      init?.signal?.addEventListener('abort', () =>
        reject(new DOMException('aborted', 'AbortError')),
      ),
    )) as typeof fetch
  // A host page's replacement fetch that never settles and ignores the abort (issue 11, item 7).
  const never = (() => new Promise(() => {})) as unknown as typeof fetch
  for (const [name, fetch] of [
    ['a hung request is aborted', hanging],
    ['a fetch that never settles, even when aborted, is given up', never],
  ] as const) {
    it(`${name} after 15 s and retried later; the record stays queued`, async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      const { queue, storage, retries } = queueOn({ fetch })
      vi.useRealTimers()
      await queue.put(display(1))
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      const flushed = queue.flush()
      await vi.waitFor(() => expect(vi.getTimerCount()).toBeGreaterThan(0))
      await vi.advanceTimersByTimeAsync(15_000)
      vi.useRealTimers()
      await flushed
      expect(retries).toHaveLength(1)
      expect(await queuedIds(storage)).toEqual([id(1)])
    })
  }

  it('success arriving after the client timed out: sent again with the same id, stored once', async () => {
    const stored = new Map<string, WireRecord>()
    let calls = 0
    const fetch = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      calls++
      for (const record of (JSON.parse(String(init?.body)) as Batch).records)
        stored.set(record.id, record)
      // The first time, the collector stores the batch but its answer comes too late.
      if (calls === 1) throw new DOMException('The operation was aborted.', 'AbortError')
      return new Response('{"accepted":0,"duplicates":1,"rejected":[]}', { status: 200 })
    }) as typeof globalThis.fetch
    const { queue, storage } = queueOn({ fetch })
    await queue.put(response(1))
    await queue.flush()
    expect(await queuedIds(storage)).toEqual([id(1)])
    await queue.flush()
    expect(calls).toBe(2)
    expect([...stored.keys()]).toEqual([id(1)])
    expect(await queuedIds(storage)).toEqual([])
  })

  it('batches stay under the 64 KB keepalive budget, so every send can outlive its page', async () => {
    const net = collector([{ status: 200 }])
    const { queue } = queueOn(net)
    const comment = 'あ'.repeat(1300) // 3,900 UTF-8 bytes, under the 4,000-byte limit
    for (let n = 1; n <= 40; n++) await queue.put(response(n, comment))
    await queue.flush()
    expect(net.requests.flatMap((b) => b.records).length).toBe(40)
    expect(net.requests.length).toBeGreaterThan(2)
    for (const init of net.inits) {
      expect(init.keepalive).toBe(true)
      expect(new TextEncoder().encode(String(init.body)).length).toBeLessThan(64 * 1024)
    }
  })

  it('clock jumps: a Retry-After date in the past retries after the minimum, a record from the future is kept', async () => {
    const past = new Date(NOW - 3_600_000).toUTCString()
    const net = collector([{ status: 503, headers: { 'retry-after': past } }])
    const { queue, storage, retries, onFailed } = queueOn(net)
    // Created by a clock that was a year ahead when the answer was given.
    await queue.put(display(1, '2027-11-23T00:00:00.000Z'))
    await queue.flush()
    expect(retries).toEqual([1_000])
    expect(await queuedIds(storage)).toEqual([id(1)])
    expect(onFailed).not.toHaveBeenCalled()
  })
})

describe('storage failing under the queue', () => {
  it('a storage read failing once ends that flush with an error and a retry that delivers', async () => {
    const net = collector([{ status: 200 }])
    const { queue, storage, retries, retry } = queueOn(net)
    await queue.put(display(1))
    const list = storage.list
    storage.list = vi.fn().mockRejectedValueOnce(new DOMException('gone', 'UnknownError'))
    await expect(queue.flush()).rejects.toThrow('gone')
    expect(retries).toHaveLength(1)
    storage.list = list
    retry()
    await vi.waitFor(() => expect([...net.stored.keys()]).toEqual([id(1)]))
  })
})

describe('queue bounds', () => {
  it('drops the oldest records beyond the maximum count, reporting each as delivery-failed', async () => {
    const net = collector(['offline'])
    const { queue, storage, onFailed } = queueOn(net, { _maxRecords: 3 })
    for (let n = 1; n <= 5; n++) await queue.put(display(n))
    await queue.flush()
    expect(await queuedIds(storage)).toEqual([3, 4, 5].map(id))
    expect(onFailed).toHaveBeenCalledWith(
      [display(1), display(2)],
      expect.stringContaining('bounds'),
    )
  })

  it('drops records older than the maximum age, reporting them', async () => {
    const net = collector([{ status: 200 }])
    const { queue, storage, onFailed } = queueOn(net, { _maxAgeMs: 86_400_000 })
    await queue.put(display(1, '2026-11-20T00:00:00.000Z')) // three days old
    await queue.put(display(2, '2026-11-22T12:00:00.000Z')) // twelve hours old
    await queue.flush()
    expect(onFailed).toHaveBeenCalledWith(
      [display(1, '2026-11-20T00:00:00.000Z')],
      expect.stringContaining('bounds'),
    )
    expect([...net.stored.keys()]).toEqual([id(2)])
    expect(await queuedIds(storage)).toEqual([])
  })
})

describe('bad input at enqueue', () => {
  it('refuses a record that cannot become JSON (cycle, BigInt) with a TypeError, storing nothing', async () => {
    const { queue, storage } = queueOn(collector([{ status: 200 }]))
    const cyclic = { ...response(1) } as ResponseRecord & { self?: unknown }
    cyclic.self = cyclic
    await expect(queue.put(cyclic)).rejects.toThrow(TypeError)
    const big = { ...response(2), attributes: { n: 1n } } as unknown as ResponseRecord
    await expect(queue.put(big)).rejects.toThrow(TypeError)
    expect(await queuedIds(storage)).toEqual([])
    await queue.put(display(3)) // the queue still works
    expect(await queuedIds(storage)).toEqual([id(3)])
  })

  it('refuses a comment over 4,000 UTF-8 bytes with a RangeError; the score already queued stays', async () => {
    const { queue, storage } = queueOn(collector([{ status: 200 }]))
    await queue.put(response(1))
    // 1,334 characters of 3 bytes: within 4,000 characters, over 4,000 bytes.
    await expect(queue.put(response(1, 'あ'.repeat(1334)))).rejects.toThrow(RangeError)
    await queue.put(response(2, 'あ'.repeat(1333)))
    expect(
      (await storage.list()).map((e) => [
        e.record.id,
        (e.record as ResponseRecord).comment?.length,
      ]),
    ).toEqual([
      [id(1), undefined],
      [id(2), 1333],
    ])
  })

  it('counts an emoji (a surrogate pair) as the 4 UTF-8 bytes it is', async () => {
    const { queue, storage } = queueOn(collector([{ status: 200 }]))
    await queue.put(response(1, '😀'.repeat(1000))) // exactly 4,000 bytes
    await expect(queue.put(response(2, '😀'.repeat(1001)))).rejects.toThrow(RangeError)
    expect((await storage.list()).map((e) => e.record.id)).toEqual([id(1)])
  })

  it('a double submit of the same answer is one record, sent once', async () => {
    const net = collector([{ status: 200 }])
    const { queue, storage } = queueOn(net)
    await Promise.all([queue.put(response(1, 'great')), queue.put(response(1, 'great'))])
    await Promise.all([queue.flush(), queue.flush()])
    expect(net.requests.flatMap((b) => b.records.map((r) => r.id))).toEqual([id(1)])
    expect(await queuedIds(storage)).toEqual([])
  })
})

describe('leaving the page', () => {
  it('sends what the page queued synchronously, with keepalive, before the write has landed', async () => {
    const net = collector([{ status: 200 }])
    const { queue, storage } = queueOn(net)
    void queue.put(response(1, 'typed, then the tab closed'))
    queue._flushOnExit() // same task: no IndexedDB read could have answered yet
    expect(net.fetch).toHaveBeenCalledTimes(1)
    expect(net.inits[0]?.keepalive).toBe(true)
    expect(net.requests[0]?.records.map((r) => r.id)).toEqual([id(1)])
    // The page survived (it was only hidden): the acknowledged record leaves the queue.
    await vi.waitFor(async () => expect(await queuedIds(storage)).toEqual([]))
  })

  it('sends at most one keepalive budget on exit; the rest stays queued for the next page', async () => {
    const net = collector(['offline'])
    const { queue, storage } = queueOn(net)
    const comment = 'あ'.repeat(1300)
    for (let n = 1; n <= 30; n++) void queue.put(response(n, comment))
    queue._flushOnExit()
    expect(net.fetch).toHaveBeenCalledTimes(1)
    expect(new TextEncoder().encode(String(net.inits[0]?.body)).length).toBeLessThanOrEqual(
      MAX_BATCH_BYTES + 200,
    )
    await vi.waitFor(async () => expect(await queuedIds(storage)).toHaveLength(30))
  })

  it('does not send on exit a record already delivered', async () => {
    const net = collector([{ status: 200 }])
    const { queue } = queueOn(net)
    await queue.put(display(1))
    await queue.flush()
    queue._flushOnExit()
    expect(net.requests).toHaveLength(1)
  })
})
