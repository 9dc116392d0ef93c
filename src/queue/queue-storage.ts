import type { WireRecord } from '../scoring/wire'

/** A queued record and its revision, bumped each time the record changes on this device. */
export interface QueueEntry {
  record: WireRecord
  /** 1 when queued, +1 per update (a comment added to a score). */
  rev: number
}

/**
 * Where queued records wait until the collector has them. Implementations: IndexedDB (the
 * default) and memory (tests, consent pending, and the fallback when IndexedDB fails).
 */
export interface QueueStorage {
  /** Stores or replaces the entry with this record id; resolves once it is durable. */
  put(entry: QueueEntry): Promise<void>
  /** Every queued entry, oldest id first. */
  list(): Promise<QueueEntry[]>
  /**
   * Removes these entries, in one go, each only if it still has the same revision: a comment
   * saved while the score was being sent must survive the score's acknowledgement and be sent in
   * turn.
   */
  remove(entries: QueueEntry[]): Promise<void>
  /** Removes everything. */
  clear(): Promise<void>
}
