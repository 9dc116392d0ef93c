import { log } from '../lib/log'
import { createMemoryStorage } from './memory-storage'
import type { QueueStorage } from './queue-storage'

/**
 * Where queued records live on this device: in durable storage (IndexedDB) when consent is
 * granted and it works, otherwise in memory.
 * - Consent pending: answers wait in memory, nothing is listed for sending; `grant()` moves them
 *   to durable storage, `deny()` drops them.
 * - Durable storage failing once (missing, blocked in a private mode, quota): memory for the rest
 *   of the page, with one warning, so answers still reach the collector while the page is open.
 */
export function createDeviceStorage(durable: QueueStorage, granted: boolean) {
  const memory = createMemoryStorage()
  let isGranted = granted
  let durableWorks = true
  /** Runs `op` on durable storage when allowed and working, falling back to memory on failure. */
  const run = async <R>(op: (s: QueueStorage) => Promise<R>): Promise<R> => {
    if (isGranted && durableWorks) {
      try {
        return await op(durable)
      } catch (error) {
        durableWorks = false
        log('warn', 'IndexedDB unusable; answers kept in memory for this page', error)
        // What it already holds stays deliverable on this page, when it can still be read (a
        // failing delete or a full disk): otherwise an answer stored a moment before the failure
        // would wait for the next page. It stays stored there too, for that page.
        for (const entry of await durable.list().catch(() => [])) await memory.put(entry)
      }
    }
    return op(memory)
  }
  const storage: QueueStorage = {
    put: (entry) => run((s) => s.put(entry)),
    list: () => (isGranted ? run((s) => s.list()) : Promise.resolve([])),
    remove: (entries) => run((s) => s.remove(entries)),
    clear: async () => {
      await memory.clear()
      await run((s) => s.clear())
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
      const waiting = await memory.list()
      await memory.clear()
      for (const entry of waiting) await storage.put(entry)
    },
    async deny() {
      isGranted = false
      await memory.clear()
    },
  }
}
