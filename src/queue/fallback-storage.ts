import { log } from '../lib/log'
import { createMemoryStorage } from './memory-storage'
import type { QueueStorage } from './queue-storage'

/**
 * Uses `primary` until it fails once (IndexedDB missing, blocked in a private mode, quota), then
 * memory for the rest of the page: answers still reach the collector if the page stays open.
 */
export function withMemoryFallback(primary: QueueStorage): QueueStorage {
  const memory = createMemoryStorage()
  let current = primary
  const guard =
    <A extends unknown[], R>(op: (s: QueueStorage, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (current !== memory) {
        try {
          return await op(current, ...args)
        } catch (error) {
          current = memory
          log(
            'warn',
            'IndexedDB is not usable here; answers are kept in memory for this page.',
            error,
          )
        }
      }
      return op(memory, ...args)
    }
  return {
    put: guard((s, entry) => s.put(entry)),
    list: guard((s) => s.list()),
    removeIfUnchanged: guard((s, id: string, rev: number) => s.removeIfUnchanged(id, rev)),
    clear: guard((s) => s.clear()),
  }
}
