import type { DeviceState } from '../core/device-state'
import { createQueue, type Queue, type QueueOptions } from './create-queue'
import { type PostOptions, postBatch } from './post-batch'
import { createTabLock } from './tab-lock'

/** What delivery needs from the core: the queue's options, where to post, and how to take turns. */
export interface DeliveryOptions extends Omit<QueueOptions, 'post' | 'lock'> {
  /** The collector, its headers and the page's fetch as Koe captured it. */
  _post: Omit<PostOptions, 'keepalive' | '_builtIns'>
  /** Web Locks where the browser has them; the lease in `koe-state` otherwise. */
  _locks?: LockManager
  _state: DeviceState
  /** This tab's id, for the lease. */
  _tab: string
}

/**
 * The answer queue wired to the collector (issue 29): stored first, posted in batches, one tab at
 * a time. The npm entry has it at hand; the script tag loads it from a file beside it
 * (`koe.delivery.js`) once the page has something to deliver: an answer of its own, or what the
 * queue marker says earlier pages left.
 */
export function createDelivery(options: DeliveryOptions): Queue {
  const now = options.now ?? Date.now
  return createQueue({
    ...options,
    lock: createTabLock(options._locks, options._state, options._tab, now),
    post: (records, keepalive) =>
      postBatch(records, { ...options._post, _builtIns: options._builtIns, keepalive }),
  })
}
