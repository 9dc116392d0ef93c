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
 * `durable` that sets the marker around every write: before it, so that a tab dying between its
 * write and the marker still leaves it set, and after it, so that another tab that drained the
 * queue in between cannot have cleared it for a record it never saw. Marker failures are
 * ignored: the queue itself is the truth, and a page with a stale marker checks it within a day.
 */
export function markWrites(
  durable: QueueStorage,
  state: DeviceState,
  token: () => string,
): QueueStorage {
  const mark = () =>
    void state
      .update(QUEUE_MARKER_KEY, (old) => ({
        drained: (old as Marker | undefined)?.drained,
        written: token(),
      }))
      .catch(() => {})
  return {
    ...durable,
    put(entry) {
      mark()
      return durable.put(entry).then(mark)
    },
  }
}

/**
 * Reads the marker (first thing at start-up) and says whether this page has to look in the queue:
 * something was written since a flush last found it empty, or that was more than a day ago (a
 * marker lost to a crash, or records an older Koe wrote without one). `drained()` records an empty
 * queue, unless a write has set the marker since it was read.
 */
export async function readQueueMarker(state: DeviceState, now: () => number) {
  const seen = (await state.get(QUEUE_MARKER_KEY).catch(() => undefined)) as Marker | undefined
  const checkedRecently = !!seen?.drained && now() - seen.drained < DAY_MS && now() >= seen.drained
  const mayHoldRecords = !checkedRecently || seen?.written !== undefined
  return {
    mayHoldRecords,
    /** Nothing to record on a page that did not need to look. */
    drained: () =>
      mayHoldRecords &&
      state
        .update(QUEUE_MARKER_KEY, (old) =>
          (old as Marker | undefined)?.written === seen?.written ? { drained: now() } : old,
        )
        .catch(() => {}),
  }
}
