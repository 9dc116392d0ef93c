import { DAY_MS } from '../lib/day-ms'
import { type BuiltIns, toWireJson } from '../lib/wire-json'
import { utf8Length } from '../scoring/validate-batch'
import { MAX_COMMENT_BYTES, type WireRecord } from '../scoring/wire'
import type { PostOutcome } from './post-batch'
import type { QueueEntry, QueueStorage } from './queue-storage'

/** What the queue needs from its surroundings; every part can be replaced in tests. */
export interface QueueOptions {
  storage: QueueStorage
  /** Measures records as they will be sent (src/lib/wire-json.ts). */
  _builtIns: BuiltIns
  /** Sends one batch and says how it went; `keepalive` lets it outlive the page. */
  post: (records: WireRecord[], keepalive: boolean) => Promise<PostOutcome>
  /** Records the collector acknowledged. */
  onDelivered?: (records: WireRecord[]) => void
  /**
   * Records that will never reach the collector: refused for good (a 4xx other than 400, 408,
   * 425, 429, or listed in a 2xx answer's `rejected`), or dropped by the queue bounds. `reason`
   * says which.
   */
  onFailed?: (records: WireRecord[], reason: string) => void
  /**
   * A record the collector refused with 400 even when sent alone. A 400 judges the batch, not a
   * record (the collector rejects bad records one by one in a 2xx), so the record is kept and
   * tried again later, until the age bound; this reports each such refusal, saying so.
   */
  onHeld?: (record: WireRecord, message: string) => void
  /** A flush settled everything it found queued: nothing left to retry or hold. */
  onDrained?: () => void
  /**
   * Runs one flush while no other tab of the site flushes (see `tab-lock.ts`), or resolves
   * `false` without running it when the lock cannot be had now. Default: no coordination.
   */
  lock?: (run: () => Promise<void>) => Promise<boolean>
  /** Schedules a retry; returns a cancel function. */
  _schedule?: (run: () => void, ms: number) => () => void
  /** Current time in milliseconds since the epoch, for the age bound. */
  now?: () => number
  /** 0..1, for backoff jitter. */
  random?: () => number
  /** Records per POST, at most. */
  _batchSize?: number
  /** Records the queue holds at most; the oldest beyond are dropped and reported. */
  _maxRecords?: number
  /** Age in milliseconds after which a record that could not be delivered is dropped and reported. */
  _maxAgeMs?: number
}

/** The durable answer queue: a record is stored before it is sent and deleted only after a 2xx. */
export interface Queue {
  /**
   * Stores a new record, or a new version of one already queued (same id). Rejects with a
   * `TypeError`, storing nothing, when the record cannot be serialised.
   */
  put(record: WireRecord): Promise<void>
  /** Sends everything queued now; resolves when this attempt ends, delivered or not. */
  flush(): Promise<void>
  /**
   * The page is going away: sends, synchronously and with `keepalive`, what this page queued and
   * the collector does not have yet, within the browser's 64 KB keepalive budget. The records
   * stay stored until acknowledged, so whatever does not make it goes out from a later page.
   */
  _flushOnExit(): void
  /** Forgets what this page queued for {@link _flushOnExit} (consent denied). */
  _forgetUnsent(): void
  /** Removes every queued record (`koe.forget()`). */
  clear(): Promise<void>
  /** Stops retry timers. */
  stop(): void
}

/** First retry after about this long; doubles per failure up to {@link MAX_BACKOFF_MS}. */
const BASE_BACKOFF_MS = 2_000
const MAX_BACKOFF_MS = 5 * 60_000
/** A collector's `Retry-After` is clamped to this range: no hammering, no pause over a day. */
const MIN_RETRY_AFTER_MS = 1_000
const MAX_RETRY_AFTER_MS = DAY_MS
/**
 * Body bytes per request. Browsers refuse a `keepalive` request once the bodies in flight exceed
 * 64 KiB (Fetch standard, "keepalive"); staying under it lets every send outlive its page.
 */
export const MAX_BATCH_BYTES = 60_000
/** Default bounds of the queue; README "Delivery guarantee". */
export const MAX_QUEUE_RECORDS = 1_000
export const MAX_QUEUE_AGE_MS = 30 * DAY_MS

const defaultSchedule = (run: () => void, ms: number) => {
  const id = setTimeout(run, ms)
  return () => clearTimeout(id)
}

/**
 * Splits entries into batches of at most `batchSize` records and {@link MAX_BATCH_BYTES} bytes,
 * oldest first. A record alone over the byte budget still gets a batch of its own.
 */
function batchesOf(
  entries: QueueEntry[],
  batchSize: number,
  sizes: WeakMap<QueueEntry, number>,
  measure: (record: WireRecord) => number,
) {
  const batches: QueueEntry[][] = []
  let batch: QueueEntry[] = []
  let bytes = 0
  for (const entry of entries) {
    const size = sizes.get(entry) ?? measure(entry.record)
    if (batch.length && (batch.length === batchSize || bytes + size > MAX_BATCH_BYTES)) {
      batches.push(batch)
      batch = []
      bytes = 0
    }
    batch.push(entry)
    bytes += size
  }
  if (batch.length) batches.push(batch)
  return batches
}

/** Creates the queue. Nothing is read or sent until the first `put` or `flush`. */
export function createQueue(options: QueueOptions): Queue {
  const { storage, post } = options
  const schedule = options._schedule ?? defaultSchedule
  const random = options.random ?? Math.random
  const now = options.now ?? Date.now
  const batchSize = options._batchSize ?? 100
  const maxRecords = options._maxRecords ?? MAX_QUEUE_RECORDS
  const maxAgeMs = options._maxAgeMs ?? MAX_QUEUE_AGE_MS
  const lock = options.lock ?? ((run) => run().then(() => true))
  /** Bytes of a record in a batch, as sent, with its comma. */
  const measure = (record: WireRecord) =>
    utf8Length(toWireJson(record, options._builtIns) ?? '') + 1
  /** Revision last written per record id, so an update bumps it. */
  const revisions = new Map<string, number>()
  /** What this page queued and the collector has not acknowledged, for {@link Queue._flushOnExit}. */
  const unsent = new Map<string, QueueEntry>()
  /** Serialised size of each entry, measured once at `put`. */
  const sizes = new WeakMap<QueueEntry, number>()
  /** Ids in a request right now: never two sends of the same record at once. */
  const sending = new Set<string>()
  /** Ids refused with 400 when sent alone: left out until the next retry, so others go first. */
  const held = new Set<string>()
  /** Storage writes, one after another, so a comment never overtakes its score. */
  let writes: Promise<unknown> = Promise.resolve()
  let inFlight: Promise<void> | null = null
  let again = false
  let failures = 0
  let cancelRetry: (() => void) | null = null
  /** The next flush is the scheduled retry, which tries held records again. */
  let fromRetry = false

  const retryLater = (hintMs?: number) => {
    failures++
    const backoff = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (failures - 1))
    // Full jitter in the upper half keeps many tabs or devices from retrying in lockstep.
    const wait =
      hintMs === undefined
        ? backoff * (0.5 + random() / 2)
        : Math.min(Math.max(hintMs, MIN_RETRY_AFTER_MS), MAX_RETRY_AFTER_MS)
    cancelRetry?.()
    cancelRetry = schedule(() => {
      cancelRetry = null
      fromRetry = true
      void queue.flush()
    }, wait)
  }

  /** Settles a batch the collector answered for good: removes it and reports the outcome. */
  const settle = async (batch: QueueEntry[], outcome: Exclude<PostOutcome, { kind: 'retry' }>) => {
    await storage.remove(batch)
    // Listed entries are copies read back from storage: the revision tells whether it is this version.
    for (const { record, rev } of batch)
      if (unsent.get(record.id)?.rev === rev) unsent.delete(record.id)
    const records = batch.map((e) => e.record)
    if (outcome.kind === 'rejected') {
      options.onFailed?.(records, `the collector refused them with HTTP ${outcome.status}`)
      return
    }
    // A 2xx acknowledges the batch; records it lists as rejected will never be stored.
    const refused = new Set(outcome.rejected?.map((r) => r.id))
    const accepted = records.filter((r) => !refused.has(r.id))
    if (accepted.length) options.onDelivered?.(accepted)
    if (refused.size)
      options.onFailed?.(
        records.filter((r) => refused.has(r.id)),
        `the collector rejected them: ${outcome.rejected?.map((r) => r.error).join('; ')}`,
      )
  }

  /** POSTs one batch; resolves the outcome, with the ids marked as sending meanwhile. */
  const send = async (batch: QueueEntry[], keepalive: boolean) => {
    for (const entry of batch) sending.add(entry.record.id)
    try {
      return await post(
        batch.map((e) => e.record),
        keepalive,
      )
    } finally {
      for (const entry of batch) sending.delete(entry.record.id)
    }
  }

  /** Drops what the bounds no longer allow, oldest first, and returns what is left to send. */
  const bound = async (entries: QueueEntry[]) => {
    const oldest = now() - maxAgeMs
    const overflow = entries.length - maxRecords
    const expired = entries.filter(
      (e, i) => i < overflow || Date.parse(e.record.createdAt) < oldest,
    )
    if (!expired.length) return entries
    const gone = new Set(expired)
    await storage.remove(expired)
    options.onFailed?.(
      expired.map((e) => e.record),
      `undelivered beyond the queue bounds (${maxRecords} records, ${maxAgeMs / DAY_MS} days)`,
    )
    return entries.filter((e) => !gone.has(e))
  }

  const sendAll = async (retrying: boolean) => {
    await writes
    if (retrying) held.clear()
    const pending = (await bound(await storage.list())).filter(
      (e) => !sending.has(e.record.id) && !held.has(e.record.id),
    )
    const batches = batchesOf(pending, batchSize, sizes, measure).reverse()
    for (let batch = batches.pop(); batch; batch = batches.pop()) {
      const outcome = await send(batch, true)
      if (outcome.kind === 'retry') {
        retryLater(outcome._retryAfterMs)
        return
      }
      const status = outcome.kind === 'rejected' ? outcome.status : 0
      // 413: the collector takes smaller batches. 400: something in the batch made it unreadable
      // to the collector; halving finds the record, and the others go through meanwhile.
      if ((status === 413 || status === 400) && batch.length > 1) {
        const half = Math.ceil(batch.length / 2)
        batches.push(batch.slice(half), batch.slice(0, half))
        continue
      }
      if (status === 400) {
        const record = (batch[0] as QueueEntry).record
        held.add(record.id)
        options.onHeld?.(
          record,
          `the collector refused a batch with HTTP ${status}; record ${record.id} is kept and tried again later`,
        )
        continue
      }
      await settle(batch, outcome as Exclude<PostOutcome, { kind: 'retry' }>)
    }
    if (held.size) retryLater()
    else {
      failures = 0
      options.onDrained?.()
    }
  }

  const queue: Queue = {
    async put(record) {
      // Serialised now, as it will be sent, so a record that cannot become JSON
      // (a cycle, a BigInt) is refused here instead of sitting in the queue forever.
      const size = measure(record)
      const comment = (record as { comment?: string }).comment
      // The collector refuses a longer comment, which would lose the score with it.
      if (comment && utf8Length(comment) > MAX_COMMENT_BYTES)
        throw new RangeError(`comment over ${MAX_COMMENT_BYTES} UTF-8 bytes`)
      const rev = (revisions.get(record.id) ?? 0) + 1
      revisions.set(record.id, rev)
      const entry = { record, rev }
      sizes.set(entry, size)
      // Known to this page at once, before the write lands: an exit a moment later still sends it.
      unsent.set(record.id, entry)
      const stored = writes.then(() => storage.put(entry))
      writes = stored.catch(() => {})
      return stored
    },
    flush() {
      // One flush at a time in this tab: a flush asked for during a send runs after it.
      if (inFlight) {
        again = true
        return inFlight
      }
      const retrying = fromRetry
      fromRetry = false
      const run = async (): Promise<void> => {
        do {
          again = false
          if (!(await lock(() => sendAll(retrying)))) retryLater()
        } while (again && !cancelRetry)
      }
      // A failing storage must not end delivery: whatever it left queued is tried again later.
      inFlight = run()
        .catch((error) => {
          retryLater()
          throw error
        })
        .finally(() => {
          inFlight = null
        })
      return inFlight
    },
    _flushOnExit() {
      const entries = [...unsent.values()].filter((e) => !sending.has(e.record.id))
      const batch = batchesOf(entries, batchSize, sizes, measure)[0]
      // `post` starts the request synchronously, before the page can be torn down.
      // Only a 2xx settles it; anything else is left to the next page's ordinary flush.
      if (batch)
        void send(batch, true)
          .then((outcome) => {
            if (outcome.kind === 'delivered') return settle(batch, outcome)
          })
          .catch(() => {})
    },
    _forgetUnsent: () => unsent.clear(),
    clear() {
      unsent.clear()
      return storage.clear()
    },
    stop() {
      cancelRetry?.()
      cancelRetry = null
    },
  }
  return queue
}
