// The storage half of the fault matrix (issue 6): IndexedDB missing, failing, hanging, full,
// closed, upgraded by another tab, or holding foreign data; tabs sharing the queue; consent.
// The queue runs on fake-indexeddb; real IndexedDB is exercised in Chromium (tests/browser).
import { forceCloseDatabase } from 'fake-indexeddb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createKoe, type Koe } from '../../src'
import { createIdbState, createMemoryState } from '../../src/core/device-state'
import { builtIns } from '../../src/lib/wire-json'
import { createQueue } from '../../src/queue/create-queue'
import { createDeviceStorage } from '../../src/queue/device-storage'
import { createIdbStorage, QUEUE_DB, QUEUE_STORE } from '../../src/queue/idb-storage'
import { createMemoryStorage } from '../../src/queue/memory-storage'
import { openStore } from '../../src/queue/open-store'
import { postBatch } from '../../src/queue/post-batch'
import type { QueueEntry, QueueStorage } from '../../src/queue/queue-storage'
import { createTabLock, LEASE_MS, LOCK_NAME } from '../../src/queue/tab-lock'
import type { Batch, DisplayRecord } from '../../src/scoring/wire'
import { promptOf, scriptedFetch, settle } from './helpers'

const id = (n: number) => `0193a1b2-0000-7000-8000-${n.toString(16).padStart(12, '0')}`
const display = (n: number): DisplayRecord => ({
  id: id(n),
  kind: 'display',
  surveyId: 'nps',
  createdAt: '2026-11-22T10:00:00.000Z',
})
const entry = (n: number): QueueEntry => ({ record: display(n), rev: 1 })
let dbCount = 0
const freshName = () => `koe-storage-${++dbCount}`

/** A raw connection to a database, for playing another tab or another script. */
const rawOpen = (name: string, version?: number, upgrade?: (db: IDBDatabase) => void) =>
  new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, version)
    request.onupgradeneeded = () => upgrade?.(request.result)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
    request.onblocked = () => reject(new Error('blocked by an open connection'))
  })

let koe: Koe | undefined
afterEach(() => {
  koe?.destroy()
  koe = undefined
  document.body.replaceChildren()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

/** Shows survey "nps" with `koe.show`, chooses `score` and, unless told otherwise, submits. */
async function showAndAnswer(instance: Koe, score: number, submit = true) {
  instance.show('nps')
  await settle()
  const root = promptOf('nps').root as ShadowRoot
  root.querySelectorAll<HTMLInputElement>('input[type=radio]')[score]?.click()
  await settle()
  if (submit)
    root
      .querySelector('form')
      ?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
}

/** Starts Koe with the default IndexedDB queue (or `storage`), answers 9 and submits. */
async function answerNine(storage?: QueueStorage, statuses = [200]) {
  const net = scriptedFetch(statuses)
  const errors: unknown[] = []
  koe = createKoe(
    {
      endpoint: 'https://collect.example/koe',
      surveys: [{ id: 'nps', type: 'nps', trigger: { event: 'go' } }],
    },
    { fetch: net.fetch, storage, state: createMemoryState() },
  )
  koe.on('error', (e) => errors.push(e))
  await showAndAnswer(koe, 9)
  const sentResponses = () =>
    net.batches.flatMap((b) => b.records).filter((r) => r.kind === 'response')
  // Waits for the answer to be sent; the caller's assertions say whether it was.
  await vi.waitFor(() => expect(sentResponses()).not.toEqual([]), { timeout: 3000 }).catch(() => {})
  await settle()
  const responses = sentResponses()
  return { net, errors, responses }
}

describe('storage faults: Koe falls back to memory, still delivers, warns once, never throws', () => {
  it('IndexedDB missing', async () => {
    vi.stubGlobal('indexedDB', undefined)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { responses } = await answerNine()
    expect(responses.map((r) => r.kind === 'response' && r.score)).toEqual([9])
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/IndexedDB unusable/)
  })

  it('IndexedDB failing to open (private modes)', async () => {
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      const request = {} as IDBOpenDBRequest
      setTimeout(() => {
        Object.defineProperty(request, 'error', {
          value: new DOMException('A mutation operation was attempted', 'InvalidStateError'),
        })
        request.onerror?.(new Event('error'))
      }, 1)
      return request
    })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { responses } = await answerNine()
    expect(responses).toHaveLength(1)
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('IndexedDB hanging on open: given up after the timeout', async () => {
    vi.spyOn(indexedDB, 'open').mockImplementation(() => ({}) as IDBOpenDBRequest)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const hanging = createIdbStorage(freshName(), QUEUE_STORE, 30)
    const device = createDeviceStorage(hanging, true)
    await device.storage.put(entry(1))
    expect(await device.storage.list()).toEqual([entry(1)])
    expect(warn).toHaveBeenCalledTimes(1)
    await expect(openStore(freshName(), 's', 10)('readonly', async () => 1)).rejects.toThrow(
      /timed out/,
    )
  })

  it('quota exceeded on write: the answer is kept in memory and delivered', async () => {
    const durable = createIdbStorage(freshName())
    const full: QueueStorage = {
      ...durable,
      put: () => Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError')),
    }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { responses } = await answerNine(full)
    expect(responses).toHaveLength(1)
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('2xx, then the delete failing: not sent again on this page, kept for the next page, no throw', async () => {
    const durable = createIdbStorage(freshName())
    const stuck: QueueStorage = {
      ...durable,
      remove: () => Promise.reject(new DOMException('closing', 'InvalidStateError')),
    }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { net, responses } = await answerNine(stuck)
    expect(responses).toHaveLength(1)
    await koe?.flush()
    const sent = net.batches.flatMap((b) => b.records.map((r) => r.id))
    // The record whose delete failed stays stored, so the next page resends the same id and the
    // collector's upsert makes it a duplicate, not a second answer. This page sent each id once.
    const kept = (await durable.list()).map((e) => e.record.id)
    expect(kept.length).toBeGreaterThan(0)
    for (const id of kept) expect(sent).toContain(id)
    expect(new Set(sent).size).toBe(sent.length)
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('storage failing after an answer was stored: that answer is still delivered from this page', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const durable = createIdbStorage(freshName())
    // Deletes fail (a closing database), so Koe turns to memory for the rest of the page.
    const gate = createDeviceStorage(
      {
        ...durable,
        remove: () => Promise.reject(new DOMException('closing', 'InvalidStateError')),
      },
      true,
    )
    const sent: string[] = []
    let release: () => void = () => {}
    const queue = createQueue({
      _builtIns: builtIns,
      storage: gate.storage,
      _schedule: () => () => {},
      post: async (records) => {
        sent.push(...records.map((r) => r.id))
        if (sent.length === 1) await new Promise<void>((resolve) => (release = resolve))
        return { kind: 'delivered' }
      },
    })
    const record = (n: number): DisplayRecord => ({
      id: `0193a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`,
      kind: 'display',
      surveyId: 's',
      createdAt: '2026-11-22T10:00:00.000Z',
    })
    await queue.put(record(1))
    const first = queue.flush()
    await vi.waitFor(() => expect(sent).toHaveLength(1))
    // Stored while the first send is on the wire, before the storage fails.
    await queue.put(record(2))
    release()
    await first.catch(() => {})
    await queue.flush()
    expect(sent).toEqual([record(1).id, record(2).id])
  })

  it('connection closed by the browser: reopened on next use', async () => {
    const name = freshName()
    const connections: IDBDatabase[] = []
    const open = indexedDB.open.bind(indexedDB)
    vi.spyOn(indexedDB, 'open').mockImplementation((n, v) => {
      const request = open(n, v)
      request.addEventListener('success', () => connections.push(request.result))
      return request
    })
    const storage = createIdbStorage(name)
    await storage.put(entry(1))
    forceCloseDatabase(connections[0] as unknown as Parameters<typeof forceCloseDatabase>[0])
    await storage.put(entry(2))
    expect((await storage.list()).map((e) => e.record.id)).toEqual([id(1), id(2)])
    expect(connections).toHaveLength(2)
  })

  it('a transaction that aborts rejects its operation, an update waiting on its read too (no hang)', async () => {
    const state = createIdbState()
    await state.set('k', 1)
    // The browser aborts the update's transaction as it reads (storage failing, a closing tab).
    const get = IDBObjectStore.prototype.get
    vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (
      this: IDBObjectStore,
      key,
    ) {
      const request = get.call(this, key)
      if (this.transaction.mode === 'readwrite') this.transaction.abort()
      return request
    })
    await expect(state.update('k', (old) => (old as number) + 1)).rejects.toBeDefined()
    vi.restoreAllMocks()
    expect(await state.get('k')).toBe(1)
  })

  it('schema change from another tab: Koe closes its connection, the upgrade is not blocked, Koe reopens', async () => {
    const name = freshName()
    const storage = createIdbStorage(name)
    await storage.put(entry(1))
    // A newer Koe in another tab upgrades the database, adding a store.
    const upgraded = await rawOpen(name, 2, (db) => db.createObjectStore('throttle'))
    expect([...upgraded.objectStoreNames].sort()).toEqual(['records', 'throttle'])
    upgraded.close()
    await storage.put(entry(2))
    expect((await storage.list()).map((e) => e.record.id)).toEqual([id(1), id(2)])
  })

  it('corrupt or foreign records are removed with one warning and never block the queue', async () => {
    const name = freshName()
    const storage = createIdbStorage(name)
    await storage.put(entry(1))
    const db = await rawOpen(name)
    const tx = db.transaction(QUEUE_STORE, 'readwrite')
    tx.objectStore(QUEUE_STORE).put('not an entry', 'zzz')
    tx.objectStore(QUEUE_STORE).put({ rev: 1, record: { id: 'someone-else' } }, id(2))
    tx.objectStore(QUEUE_STORE).put({ record: display(3) }, id(3))
    await new Promise((resolve) => {
      tx.oncomplete = resolve
    })
    db.close()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(await storage.list()).toEqual([entry(1)])
    expect(await storage.list()).toEqual([entry(1)])
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/removed 3 unreadable/)
  })
})

describe('reporting', () => {
  it('records the collector refuses for good reach koe.on("error") as delivery-failed, with their ids', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { net, errors } = await answerNine(createMemoryStorage(), [422])
    const failed = () =>
      (errors as { code?: string; ids?: string[] }[])
        .filter((e) => e.code === 'delivery-failed')
        .flatMap((e) => e.ids ?? [])
    const sentIds = () => net.batches.flatMap((b) => b.records.map((r) => r.id))
    await vi.waitFor(() => expect(failed().sort()).toEqual(sentIds().sort()))
    expect(sentIds()).toHaveLength(2) // the display and the response, each reported
  })
})

describe('a host page that replaces fetch and JSON', () => {
  it('cannot break delivery: Koe uses the natives it captured when it loaded', async () => {
    // The browser's fetch as Koe finds it; it keeps raw bodies, so it needs no JSON itself.
    const bodies: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
        bodies.push(String(init?.body))
        return new Response('{}', { status: 200 })
      }),
    )
    koe = createKoe(
      {
        endpoint: 'https://collect.example/koe',
        surveys: [{ id: 'nps', type: 'nps', trigger: { event: 'go' } }],
      },
      { storage: createMemoryStorage(), state: createMemoryState() },
    )
    // Later, the page's own code swaps them for broken versions.
    const broken = () => {
      throw new Error('patched by the host')
    }
    vi.stubGlobal('fetch', broken)
    const { stringify, parse } = JSON
    JSON.stringify = broken
    JSON.parse = broken
    try {
      await showAndAnswer(koe, 6)
      await vi.waitFor(() => expect(bodies.some((b) => b.includes('"score":6'))).toBe(true))
    } finally {
      JSON.stringify = stringify
      JSON.parse = parse
    }
  })
})

describe('tabs sharing the queue', () => {
  /** A tab: its own queue object on the shared database, a slow collector, the given lock. */
  function tab(
    dbName: string,
    sent: string[],
    lock: (run: () => Promise<void>) => Promise<boolean>,
  ) {
    const fetch = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      for (const r of (JSON.parse(String(init?.body)) as Batch).records) sent.push(r.id)
      await new Promise((resolve) => setTimeout(resolve, 20))
      return new Response('{}', { status: 200 })
    }) as typeof globalThis.fetch
    const retries: number[] = []
    const queue = createQueue({
      _builtIns: builtIns,
      storage: createIdbStorage(dbName),
      lock,
      _schedule: (_run, ms) => {
        retries.push(ms)
        return () => {}
      },
      post: (records, keepalive) =>
        postBatch(records, {
          _builtIns: builtIns,
          endpoint: 'https://c.example/koe',
          fetch,
          now: Date.now,
          keepalive,
        }),
    })
    return { queue, retries }
  }

  it('two tabs flushing at once without Web Locks: a lease lets one send, each id goes once', async () => {
    const dbName = freshName()
    const state = createIdbState()
    await state.clear()
    const sent: string[] = []
    const a = tab(dbName, sent, createTabLock(undefined, state, 'tab-a', Date.now))
    const b = tab(dbName, sent, createTabLock(undefined, state, 'tab-b', Date.now))
    await a.queue.put(display(1))
    await b.queue.put(display(2))
    await Promise.all([a.queue.flush(), b.queue.flush()])
    await Promise.all([a.queue.flush(), b.queue.flush()])
    expect(sent.sort()).toEqual([id(1), id(2)])
    // The lease is released after each flush.
    expect(await state.get(LOCK_NAME)).toBeUndefined()
  })

  it('without any lock the same two tabs would send each id twice (the test above can fail)', async () => {
    const dbName = freshName()
    const sent: string[] = []
    const none = (run: () => Promise<void>) => run().then(() => true)
    const a = tab(dbName, sent, none)
    const b = tab(dbName, sent, none)
    await a.queue.put(display(1))
    await b.queue.put(display(2))
    await Promise.all([a.queue.flush(), b.queue.flush()])
    expect(sent.length).toBeGreaterThan(2)
  })

  it('with Web Locks, flushes of two tabs run one after the other under "koe-flush"', async () => {
    const names: string[] = []
    let tail = Promise.resolve()
    const locks = {
      request: (name: string, run: () => Promise<void>) => {
        names.push(name)
        const turn = tail.then(run)
        tail = turn.catch(() => {})
        return turn
      },
    } as unknown as LockManager
    const dbName = freshName()
    const sent: string[] = []
    const a = tab(dbName, sent, createTabLock(locks, createMemoryState(), 'a', Date.now))
    const b = tab(dbName, sent, createTabLock(locks, createMemoryState(), 'b', Date.now))
    await a.queue.put(display(1))
    await b.queue.put(display(2))
    await Promise.all([a.queue.flush(), b.queue.flush()])
    expect(sent.sort()).toEqual([id(1), id(2)])
    expect(names).toEqual([LOCK_NAME, LOCK_NAME])
  })

  it('a tab that died holding the lease blocks the others only until it expires', async () => {
    const state = createMemoryState()
    const now = 1_000_000
    await state.set(LOCK_NAME, { owner: 'dead-tab', until: now + LEASE_MS / 2 })
    let ran = 0
    const run = async () => {
      ran++
    }
    expect(await createTabLock(undefined, state, 'me', () => now)(run)).toBe(false)
    expect(await createTabLock(undefined, state, 'me', () => now + LEASE_MS)(run)).toBe(true)
    expect(ran).toBe(1)
  })

  it('a lease ending further ahead than any lease lasts (the clock jumped back) counts as expired', async () => {
    const state = createMemoryState()
    await state.set(LOCK_NAME, { owner: 'other', until: 5_000_000 + 10 * LEASE_MS })
    expect(await createTabLock(undefined, state, 'me', () => 5_000_000)(async () => {})).toBe(true)
  })

  it('a flush that cannot get the lease retries later instead of sending', async () => {
    const state = createMemoryState()
    await state.set(LOCK_NAME, { owner: 'busy-tab', until: Date.now() + LEASE_MS / 2 })
    const sent: string[] = []
    const a = tab(freshName(), sent, createTabLock(undefined, state, 'me', Date.now))
    await a.queue.put(display(1))
    await a.queue.flush()
    expect(sent).toEqual([])
    expect(a.retries).toHaveLength(1)
  })
})

describe('consent and forgetting', () => {
  it('with consent pending nothing is written to IndexedDB or sent', async () => {
    const net = scriptedFetch()
    koe = createKoe(
      {
        endpoint: 'https://collect.example/koe',
        consent: 'pending',
        surveys: [{ id: 'nps', type: 'nps', trigger: { event: 'go' } }],
      },
      { fetch: net.fetch },
    )
    const open = vi.spyOn(indexedDB, 'open')
    await showAndAnswer(koe, 9)
    window.dispatchEvent(new Event('pagehide'))
    await koe.flush()
    await settle(50)
    expect(open).not.toHaveBeenCalled()
    expect(net.calls()).toBe(0)
  })

  it('a new device whose id write never finishes still gets the survey shown on load (issue 18)', async () => {
    // Reads answer; writes hang, as a stuck IndexedDB transaction would. The prompt needs the
    // stored id read (sampling depends on it), not this page's new id written.
    const state = createMemoryState()
    state.set = () => new Promise(() => {})
    koe = createKoe(
      {
        endpoint: 'https://collect.example/koe',
        surveys: [{ id: 'nps', type: 'nps', trigger: { pageview: '/*' } }],
      },
      { fetch: scriptedFetch().fetch, storage: createMemoryStorage(), state },
    )
    await vi.waitFor(() => expect(promptOf('nps').host).not.toBeNull(), { timeout: 2000 })
  })

  it('forget() erases the queue and the anonymous id', async () => {
    const net = scriptedFetch([0])
    koe = createKoe(
      {
        endpoint: 'https://collect.example/koe',
        surveys: [{ id: 'nps', type: 'nps', trigger: { event: 'go' } }],
      },
      { fetch: net.fetch },
    )
    await showAndAnswer(koe, 2, false)
    await settle(30)
    const queue = createIdbStorage(QUEUE_DB, QUEUE_STORE)
    expect((await queue.list()).length).toBeGreaterThan(0)
    const state = createIdbState()
    await vi.waitFor(async () => expect(await state.get('anonymousId')).toBeTypeOf('string'))
    const stored = await state.get('anonymousId')
    const sent = (await queue.list()).find((e) => e.record.kind === 'response')?.record
    // It resolves the id the answers carry, for the site to erase them on its server too.
    expect(await koe.forget()).toEqual({ anonymousId: stored })
    expect(sent).toMatchObject({ anonymousId: stored })
    expect(await queue.list()).toEqual([])
    expect(await state.get('anonymousId')).toBeUndefined()
  })
})
