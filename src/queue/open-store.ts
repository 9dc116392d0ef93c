import { promisifyRequest } from 'idb-keyval'

/**
 * Runs `callback` with the object store in a transaction of `mode`; opens the database first.
 * idb-keyval's own `UseStore`, spelt out so that Koe's published types need no idb-keyval.
 */
export type UseStore = <T>(
  txMode: IDBTransactionMode,
  callback: (store: IDBObjectStore) => T | PromiseLike<T>,
) => Promise<T>

/**
 * How long opening IndexedDB may take before Koe treats it as broken. Some private modes and
 * extensions leave `indexedDB.open` pending forever instead of failing it; answers must not wait
 * on it.
 */
export const OPEN_TIMEOUT_MS = 3_000

/**
 * One object store of an IndexedDB database, as idb-keyval's `createStore` gives it (a
 * {@link UseStore}, which every idb-keyval function takes), hardened for what browsers do to a
 * connection. Opened on first use. A connection closed by the browser (storage cleared, Safari
 * dropping it) or asked to close by another tab (`versionchange`: a newer Koe upgrading the
 * schema, or `deleteDatabase`) is closed and reopened on next use, so that other tab is never
 * blocked. An open that hangs or fails rejects, and the next use tries again; so does an
 * operation whose transaction aborts.
 */
export function openStore(
  dbName: string,
  storeName: string,
  timeoutMs = OPEN_TIMEOUT_MS,
): UseStore {
  let db: Promise<IDBDatabase> | undefined
  const connect = () => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      setTimeout(
        () => reject(new DOMException(`opening ${dbName} timed out`, 'TimeoutError')),
        timeoutMs,
      )
      const request = indexedDB.open(dbName)
      request.onupgradeneeded = () => request.result.createObjectStore(storeName)
      promisifyRequest(request).then((opened) => {
        opened.onclose = opened.onversionchange = () => {
          opened.close()
          db = undefined
        }
        resolve(opened)
      }, reject)
    })
    db.catch(() => {
      db = undefined
    })
    return db
  }
  // An aborted transaction rejects its operation, whatever the operation waits for: idb-keyval's
  // `update` settles only when its read succeeds, and would otherwise never settle.
  return (mode, callback) =>
    connect().then((opened) => {
      const transaction = opened.transaction(storeName, mode)
      return new Promise((resolve, reject) => {
        transaction.addEventListener('abort', () => reject(transaction.error))
        Promise.resolve(callback(transaction.objectStore(storeName))).then(resolve, reject)
      })
    })
}
