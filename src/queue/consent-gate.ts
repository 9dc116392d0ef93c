import { createMemoryStorage } from './memory-storage'
import type { QueueStorage } from './queue-storage'

/**
 * A {@link QueueStorage} that writes nothing durable and lists nothing to send until consent is
 * granted. Answers given while consent is pending wait in memory and move to durable storage on
 * `grant()`; `deny()` drops them.
 */
export function createConsentGate(durable: QueueStorage, granted: boolean) {
  const memory = createMemoryStorage()
  let isGranted = granted
  const storage: QueueStorage = {
    put: (entry) => (isGranted ? durable : memory).put(entry),
    list: async () => (isGranted ? durable.list() : []),
    removeIfUnchanged: (id, rev) => (isGranted ? durable : memory).removeIfUnchanged(id, rev),
    clear: async () => {
      await memory.clear()
      await durable.clear()
    },
  }
  return {
    storage,
    get granted() {
      return isGranted
    },
    async grant() {
      if (isGranted) return
      isGranted = true
      for (const entry of await memory.list()) await durable.put(entry)
      await memory.clear()
    },
    async deny() {
      isGranted = false
      await memory.clear()
    },
  }
}
