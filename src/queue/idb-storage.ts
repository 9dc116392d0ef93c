import { clear, promisifyRequest, set } from 'idb-keyval'
import { log } from '../lib/log'
import { OPEN_TIMEOUT_MS, openStore } from './open-store'
import type { QueueEntry, QueueStorage } from './queue-storage'

/** Koe's own IndexedDB database for the answer queue. */
export const QUEUE_DB = 'koe-queue'
/** The object store inside {@link QUEUE_DB}, keyed by record id. */
export const QUEUE_STORE = 'records'

/** Whether a stored value is an entry Koe can send: anything else would block the queue. */
const isEntry = (value: unknown, key: IDBValidKey): value is QueueEntry => {
  const entry = value as QueueEntry | null
  return typeof entry?.rev === 'number' && entry.record?.id === key && !!entry.record.kind
}

/**
 * A {@link QueueStorage} in IndexedDB. Nothing opens the database until the
 * first call, so importing or creating Koe touches no storage.
 */
export function createIdbStorage(
  dbName = QUEUE_DB,
  storeName = QUEUE_STORE,
  openTimeoutMs = OPEN_TIMEOUT_MS,
): QueueStorage {
  const store = openStore(dbName, storeName, openTimeoutMs)
  return {
    put: (entry) => set(entry.record.id, entry, store),
    list: () =>
      store('readwrite', (objectStore) => {
        // Keys are UUIDv7 ids, so the cursor walks the queue oldest first. A corrupt entry, or one
        // some other script wrote into Koe's database, is deleted on the way: it could never be
        // delivered and would otherwise spoil every batch it is in.
        const entries: QueueEntry[] = []
        let foreign = 0
        const request = objectStore.openCursor()
        request.onsuccess = () => {
          const cursor = request.result
          if (!cursor) return
          if (isEntry(cursor.value, cursor.key)) entries.push(cursor.value)
          else {
            cursor.delete()
            foreign++
          }
          cursor.continue()
        }
        return promisifyRequest(objectStore.transaction).then(() => {
          if (foreign) log('warn', `removed ${foreign} unreadable entries from ${dbName}`)
          return entries
        })
      }),
    remove: (entries) =>
      store('readwrite', (objectStore) => {
        // Read and delete in one transaction so an update landing in between cannot be lost.
        for (const { record, rev } of entries) {
          const request = objectStore.get(record.id)
          request.onsuccess = () => {
            if ((request.result as QueueEntry | undefined)?.rev === rev)
              objectStore.delete(record.id)
          }
        }
        return promisifyRequest(objectStore.transaction)
      }),
    clear: () => clear(store),
  }
}
