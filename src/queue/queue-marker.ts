import type { DeviceState } from '../core/device-state'
import { DAY_MS } from '../lib/day-ms'
import type { QueueStorage } from './queue-storage'

/**
 * Where `koe-state` says whether `koe-queue` may hold records, so that a page can learn it from
 * the one start-up read of `koe-state` instead of opening and walking `koe-queue` on every load.
 */
export const QUEUE_MARKER_KEY = 'queued'

/** The marker's value. */
interface Marker {
  /** Set after every durable write; absent once a flush found the queue empty. */
  written?: string
  /** When a flush last found the queue empty, milliseconds since the epoch. */
  drained?: number
}

/**
 * The marker of this page. `wrap(durable)` sets it a task after every write is done: after, so
 * that another tab that drained the queue meanwhile cannot have cleared it for a record it never
 * saw; a task later, so that it never stands between the next record and the disk (a score right
 * after its display). A tab that dies in that moment leaves the record unmarked: the record
 * stays stored, this page's `pagehide` send most likely delivered it, and otherwise a page looks
 * within a day.
 * `_mayHoldRecords()` (read first thing at start-up) says whether this page has to look in the
 * queue: something was written since a flush last found it empty, or that was more than a day
 * ago (a marker lost to a crash, or records an older Koe wrote without one). `drained()` records
 * an empty queue after a flush, unless someone wrote since this page read the marker, or since
 * this tab's own last write that the flush had seen. Marker failures are ignored: the queue
 * itself is the truth, and a page with a stale marker looks within a day.
 */
export function createQueueMarker(state: DeviceState, token: () => string, now: () => number) {
  let seen: Marker | undefined
  /** The last token this tab wrote, and the one it had written when the last listing began. */
  let mine: string | undefined
  let listedMine: string | undefined
  return {
    _mayHoldRecords: () =>
      state
        .get(QUEUE_MARKER_KEY)
        .then((found) => {
          seen = found as Marker | undefined
          // Never drained: undefined, and every comparison with NaN below is false.
          const at = seen?.drained as number
          return !(now() - at < DAY_MS && now() >= at) || seen?.written !== undefined
        })
        .catch(() => true),
    wrap: (durable: QueueStorage): QueueStorage => ({
      ...durable,
      put(entry) {
        // The token counts as this tab's newest at once, for `list`; it is written a task later.
        return durable.put(entry).then(() => {
          const written = token()
          mine = written
          setTimeout(() => void state.set(QUEUE_MARKER_KEY, { written }).catch(() => {}))
        })
      },
      list() {
        // A write of this tab still under way gets its token only when done: not this one.
        listedMine = mine
        return durable.list()
      },
    }),
    // A task later, so that a mark scheduled before it is written before it.
    drained: () =>
      void setTimeout(() =>
        state
          .update(QUEUE_MARKER_KEY, (old) => {
            const written = (old as Marker | undefined)?.written
            // No token at all is a drained queue too: recording it again does no harm.
            return written === seen?.written || written === listedMine ? { drained: now() } : old
          })
          .catch(() => {}),
      ),
  }
}
