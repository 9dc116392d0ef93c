import { afterEach, describe, expect, it, vi } from 'vitest'
import { builtIns } from '../../src/lib/wire-json'
import { createQueue } from '../../src/queue/create-queue'
import { createIdbStorage } from '../../src/queue/idb-storage'
import { postBatch } from '../../src/queue/post-batch'
import type { DisplayRecord, ResponseRecord } from '../../src/scoring/wire'
import { scriptedFetch } from './helpers'

let dbCount = 0
/** A fresh database per test, on fake-indexeddb. */
const freshStorage = () => createIdbStorage(`koe-test-${++dbCount}`, 'records')

const response = (id: string, score: number, comment?: string): ResponseRecord => ({
  id,
  kind: 'response',
  surveyId: 'nps',
  type: 'nps',
  score,
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
  ...(comment ? { comment } : {}),
})
const display = (id: string): DisplayRecord => ({
  id,
  kind: 'display',
  surveyId: 'nps',
  createdAt: '2026-11-22T10:00:00.000Z',
})
const ID_A = '0193a1b2-0000-7000-8000-00000000000a'
const ID_B = '0193a1b2-0000-7000-8000-00000000000b'

function queueWith(
  statuses: number[],
  _schedule = vi.fn((_run: () => void, _ms: number) => () => {}),
) {
  const storage = freshStorage()
  const net = scriptedFetch(statuses)
  const onFailed = vi.fn()
  const queue = createQueue({
    _builtIns: builtIns,
    storage,
    _schedule,
    random: () => 0.5,
    onFailed,
    post: (records, keepalive) =>
      postBatch(records, {
        _builtIns: builtIns,
        endpoint: 'https://c.example/koe',
        fetch: net.fetch,
        now: () => 0,
        keepalive,
      }),
  })
  return { queue, storage, _schedule, onFailed, ...net }
}

afterEach(() => vi.restoreAllMocks())

describe('the IndexedDB queue', () => {
  it('keeps a record in IndexedDB until the collector answers 2xx, then removes it', async () => {
    const { queue, storage, batches } = queueWith([200])
    await queue.put(response(ID_A, 9))
    // Durable before any send: a second connection to the same database sees it.
    expect((await storage.list()).map((e) => e.record.id)).toEqual([ID_A])
    await queue.flush()
    expect(batches[0]?.records).toEqual([response(ID_A, 9)])
    expect(await storage.list()).toEqual([])
  })

  it('keeps records and schedules a retry when the collector fails or the network is down', async () => {
    for (const status of [500, 503, 429, 0]) {
      const { queue, storage, _schedule } = queueWith([status])
      await queue.put(display(ID_A))
      await queue.flush()
      expect(await storage.list()).toHaveLength(1)
      expect(_schedule).toHaveBeenCalledTimes(1)
    }
  })

  it('retries after a failure and delivers once the collector is back', async () => {
    let retry: (() => void) | undefined
    const { queue, storage, batches } = queueWith(
      [503, 200],
      vi.fn((run: () => void) => {
        retry = run
        return () => {}
      }),
    )
    await queue.put(display(ID_A))
    await queue.flush()
    expect(await storage.list()).toHaveLength(1)
    retry?.()
    await vi.waitFor(async () => expect(await storage.list()).toEqual([]))
    expect(batches.map((b) => b.records[0]?.id)).toEqual([ID_A, ID_A])
  })

  it('drops records the collector refuses for good (422) and reports them', async () => {
    const { queue, storage, onFailed } = queueWith([422])
    await queue.put(display(ID_A))
    await queue.flush()
    expect(await storage.list()).toEqual([])
    expect(onFailed).toHaveBeenCalledWith([display(ID_A)], expect.stringContaining('HTTP 422'))
  })

  it('keeps a comment saved while its score was in flight, and sends it next', async () => {
    const storage = freshStorage()
    const sent: string[] = []
    let release: (() => void) | undefined
    const queue = createQueue({
      _builtIns: builtIns,
      storage,
      _schedule: () => () => {},
      post: async (records) => {
        sent.push(records.map((r) => `${r.id}:${(r as ResponseRecord).comment ?? '-'}`).join())
        if (sent.length === 1) await new Promise<void>((resolve) => (release = resolve))
        return { kind: 'delivered' }
      },
    })
    await queue.put(response(ID_A, 9))
    const first = queue.flush()
    await vi.waitFor(() => expect(release).toBeDefined())
    await queue.put(response(ID_A, 9, 'late comment')) // typed while the score was on the wire
    release?.()
    await first
    expect((await storage.list()).map((e) => (e.record as ResponseRecord).comment)).toEqual([
      'late comment',
    ])
    await queue.flush()
    expect(sent).toEqual([`${ID_A}:-`, `${ID_A}:late comment`])
    expect(await storage.list()).toEqual([])
  })

  it('never sends the same record twice at once: a flush during a send waits for it', async () => {
    const { queue, storage, calls } = queueWith([200])
    await queue.put(display(ID_A))
    await queue.put(display(ID_B))
    await Promise.all([queue.flush(), queue.flush(), queue.flush()])
    expect(calls()).toBe(1)
    expect(await storage.list()).toEqual([])
  })

  it('sends text/plain without credentials, so no CORS preflight and no cookies', async () => {
    const { queue, fetch } = queueWith([200])
    await queue.put(display(ID_A))
    await queue.flush()
    const init = vi.mocked(fetch).mock.calls[0]?.[1] as RequestInit
    expect(init).toMatchObject({ method: 'POST', credentials: 'omit' })
    expect((init.headers as Record<string, string>)['content-type']).toMatch(/^text\/plain/)
  })
})
