import type { WireRecord } from '../scoring/wire'
import type { PostOutcome } from './post-batch'
import type { QueueEntry, QueueStorage } from './queue-storage'

/** What the queue needs from its surroundings; every part can be replaced in tests. */
export interface QueueOptions {
  storage: QueueStorage
  /** Sends one batch and says how it went. */
  post: (records: WireRecord[], keepalive: boolean) => Promise<PostOutcome>
  /** Records the collector acknowledged. */
  onDelivered?: (records: WireRecord[]) => void
  /** Records the collector refused for good (a 4xx other than 408/425/429). */
  onRejected?: (records: WireRecord[], status: number) => void
  /** Schedules a retry; returns a cancel function. */
  schedule?: (run: () => void, ms: number) => () => void
  /** 0..1, for backoff jitter. */
  random?: () => number
  /** Records per POST. */
  batchSize?: number
}

/** The durable answer queue: a record is stored before it is sent and deleted only after a 2xx. */
export interface Queue {
  /** Stores a new record, or a new version of one already queued (same id). */
  put(record: WireRecord): Promise<void>
  /** Sends everything queued now; resolves when this attempt ends, delivered or not. */
  flush(options?: { keepalive?: boolean }): Promise<void>
  /** Removes every queued record (`koe.forget()`). */
  clear(): Promise<void>
  /** Stops retry timers. */
  stop(): void
}

/** First retry after about this long; doubles per failure up to {@link MAX_BACKOFF_MS}. */
const BASE_BACKOFF_MS = 2_000
const MAX_BACKOFF_MS = 5 * 60_000
/** A collector may ask for a pause, but not for one longer than a day. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000

const defaultSchedule = (run: () => void, ms: number) => {
  const id = setTimeout(run, ms)
  return () => clearTimeout(id)
}

/** Creates the queue. Nothing is read or sent until the first `put` or `flush`. */
export function createQueue(options: QueueOptions): Queue {
  const { storage, post } = options
  const schedule = options.schedule ?? defaultSchedule
  const random = options.random ?? Math.random
  const batchSize = options.batchSize ?? 100
  /** Revision last written per record id, so an update bumps it. */
  const revisions = new Map<string, number>()
  let inFlight: Promise<void> | null = null
  let again = false
  let failures = 0
  let cancelRetry: (() => void) | null = null

  const retryLater = (hintMs?: number) => {
    failures++
    const backoff = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (failures - 1))
    // Full jitter in the upper half keeps many tabs or devices from retrying in lockstep.
    const wait =
      hintMs !== undefined ? Math.min(hintMs, MAX_RETRY_AFTER_MS) : backoff * (0.5 + random() / 2)
    cancelRetry?.()
    cancelRetry = schedule(() => {
      cancelRetry = null
      void queue.flush()
    }, wait)
  }

  const sendAll = async (keepalive: boolean) => {
    const entries = await storage.list()
    for (let start = 0; start < entries.length; start += batchSize) {
      const batch: QueueEntry[] = entries.slice(start, start + batchSize)
      const outcome = await post(
        batch.map((e) => e.record),
        keepalive,
      )
      if (outcome.kind === 'retry') {
        retryLater(outcome.retryAfterMs)
        return
      }
      await Promise.all(batch.map((e) => storage.removeIfUnchanged(e.record.id, e.rev)))
      const records = batch.map((e) => e.record)
      if (outcome.kind === 'delivered') options.onDelivered?.(records)
      else options.onRejected?.(records, outcome.status)
    }
    failures = 0
  }

  const queue: Queue = {
    async put(record) {
      const rev = (revisions.get(record.id) ?? 0) + 1
      revisions.set(record.id, rev)
      await storage.put({ record, rev })
    },
    flush(flushOptions = {}) {
      // Never two sends of the same record at once: a flush during a send runs after it.
      if (inFlight) {
        again = true
        return inFlight
      }
      const run = async (): Promise<void> => {
        do {
          again = false
          await sendAll(flushOptions.keepalive === true)
        } while (again && !cancelRetry)
      }
      inFlight = run().finally(() => {
        inFlight = null
      })
      return inFlight
    },
    clear: () => storage.clear(),
    stop() {
      cancelRetry?.()
      cancelRetry = null
    },
  }
  return queue
}
