import { clear, createStore, promisifyRequest, set, type UseStore } from 'idb-keyval'
import { byId } from './memory-storage'
import type { QueueEntry, QueueStorage } from './queue-storage'

/** Koe's own IndexedDB database for the answer queue; never idb-keyval's shared default. */
export const QUEUE_DB = 'koe-queue'
/** The object store inside {@link QUEUE_DB}, keyed by record id. */
export const QUEUE_STORE = 'records'

/**
 * A {@link QueueStorage} in IndexedDB through idb-keyval. Nothing opens the database until the
 * first call, so importing or creating Koe touches no storage.
 */
export function createIdbStorage(dbName = QUEUE_DB, storeName = QUEUE_STORE): QueueStorage {
  let store: UseStore | undefined
  const use = () => {
    store ??= createStore(dbName, storeName)
    return store
  }
  return {
    put: (entry) => set(entry.record.id, entry, use()),
    // getAll, not idb-keyval's values(): the cursor fallback it carries is for browsers Koe skips.
    list: () =>
      use()('readonly', (objectStore) => promisifyRequest(objectStore.getAll())).then((all) =>
        (all as QueueEntry[]).sort(byId),
      ),
    removeIfUnchanged: (id, rev) =>
      use()('readwrite', (objectStore) => {
        // Read and delete in one transaction so an update landing in between cannot be lost.
        const request = objectStore.get(id)
        request.onsuccess = () => {
          if ((request.result as QueueEntry | undefined)?.rev === rev) objectStore.delete(id)
        }
        return promisifyRequest(objectStore.transaction)
      }),
    clear: () => clear(use()),
  }
}
