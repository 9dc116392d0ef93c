import type { DeviceState } from '../core/device-state'
import { isoTime } from '../lib/iso-time'
import { createQueue, type Queue, type QueueOptions } from './create-queue'
import { createDeviceStorage } from './device-storage'
import { type PostOptions, postBatch } from './post-batch'
import type { QueueStorage } from './queue-storage'
import { createTabLock } from './tab-lock'

/** What delivery needs from the core: the queue's options, where to post, and how to take turns. */
export interface DeliveryOptions extends Omit<QueueOptions, 'storage' | 'post' | 'lock'> {
  /**
   * Where records wait: IndexedDB `koe-queue` (idb-storage.ts), which the core opens with the
   * IndexedDB helpers it has for `koe-state`, so this file carries no copy of them.
   */
  _durable: QueueStorage
  /** Marks each durable write for the queue marker in `koe-state` (queue-marker.ts). */
  _mark: (durable: QueueStorage) => QueueStorage
  /** Whether consent is granted now; {@link Delivery._consent} tells of each change after. */
  _granted: boolean
  /** The collector, its headers and the page's fetch as Koe captured it. */
  _post: Omit<PostOptions, 'keepalive' | '_builtIns'>
  /** Web Locks where the browser has them; the lease in `koe-state` otherwise. */
  _locks?: LockManager
  _state: DeviceState
  /** This tab's id, for the lease. */
  _tab: string
}

/** The answer queue wired to storage and the collector. */
export interface Delivery extends Queue {
  /**
   * Consent changed: granted moves what waited in memory to IndexedDB; denied drops it (device-storage.ts).
   */
  _consent(granted: boolean): Promise<void>
  /** ISO time of epoch milliseconds, for records made outside the prompt (`koe.outcome`). */
  _time: typeof isoTime
}

/**
 * The answer queue wired to the device and the collector (issue 29): stored first (IndexedDB, or
 * memory while consent is pending or IndexedDB fails), posted in batches, one tab at a time. The
 * npm entry has it at hand; the script tag loads it from a file beside it (`koe.delivery.js`)
 * once the page has something to deliver: an answer of its own, or what the queue marker says
 * earlier pages left.
 */
export function createDelivery(options: DeliveryOptions): Delivery {
  const now = options.now ?? Date.now
  const gate = createDeviceStorage(options._mark(options._durable), options._granted)
  const queue = createQueue({
    ...options,
    storage: gate.storage,
    lock: createTabLock(options._locks, options._state, options._tab, now),
    post: (records, keepalive) =>
      postBatch(records, { ...options._post, _builtIns: options._builtIns, keepalive }),
  })
  return {
    ...queue,
    _consent: (granted) => (granted ? gate.grant() : gate.deny()),
    _time: isoTime,
  }
}
