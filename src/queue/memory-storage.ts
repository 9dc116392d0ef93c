import type { QueueEntry, QueueStorage } from './queue-storage'

/** A {@link QueueStorage} in memory: lost on reload, so only a fallback or a test double. */
export function createMemoryStorage(): QueueStorage {
  const entries = new Map<string, QueueEntry>()
  return {
    async put(entry) {
      entries.set(entry.record.id, entry)
    },
    async list() {
      return [...entries.values()].sort(byId)
    },
    async remove(gone) {
      for (const { record, rev } of gone)
        if (entries.get(record.id)?.rev === rev) entries.delete(record.id)
    },
    async clear() {
      entries.clear()
    },
  }
}

/** UUIDv7 ids sort by creation time. */
export const byId = (a: QueueEntry, b: QueueEntry) =>
  a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0
