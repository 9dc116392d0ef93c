/** Runs `callback` with the object store in a transaction of `mode`; opens the database first. */
export type UseStore = <T>(
  mode: IDBTransactionMode,
  callback: (store: IDBObjectStore) => T | PromiseLike<T>,
) => Promise<T>

/** Settles with a request's result, or a transaction's completion, or rejects with its error. */
export function promisifyRequest<T = undefined>(
  request: IDBRequest<T> | IDBTransaction,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const r = request as IDBRequest<T> & IDBTransaction
    r.oncomplete = r.onsuccess = () => resolve(r.result)
    r.onabort = r.onerror = () => reject(r.error)
  })
}

/** Stores `value` under `key` and settles once the transaction is durable. */
export const setValue = (store: UseStore, key: IDBValidKey, value: unknown): Promise<void> =>
  store('readwrite', (s) => {
    s.put(value, key)
    return promisifyRequest(s.transaction)
  })

/** Removes every value and settles once the transaction is done. */
export const clearStore = (store: UseStore): Promise<void> =>
  store('readwrite', (s) => {
    s.clear()
    return promisifyRequest(s.transaction)
  })

/**
 * How long opening IndexedDB may take before Koe treats it as broken. Some private modes and
 * extensions leave `indexedDB.open` pending forever instead of failing it; answers must not wait
 * on it.
 */
export const OPEN_TIMEOUT_MS = 3_000

/**
 * One object store of an IndexedDB database, used through {@link UseStore}, that copes with
 * what browsers do to a connection. Opened on first use. A connection closed by the browser (storage cleared, Safari
 * dropping it) or asked to close by another tab (`versionchange`: a newer Koe upgrading the
 * schema, or `deleteDatabase`) is closed and reopened on next use, so that other tab is never
 * blocked. An open that hangs or fails rejects, and the next use tries again.
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
  return (mode, callback) =>
    connect().then((opened) => callback(opened.transaction(storeName, mode).objectStore(storeName)))
}
