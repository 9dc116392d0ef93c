import type { Page } from '@playwright/test'

/** A queued entry as Koe stores it in IndexedDB `koe-queue` / `records`. */
export interface QueuedEntry {
  record: { id: string; kind: string }
  rev: number
}

/** The entries waiting in Koe's own IndexedDB queue, read from inside the page. */
export function queuedEntries(page: Page): Promise<QueuedEntry[]> {
  return page.evaluate(
    () =>
      new Promise<QueuedEntry[]>((resolve, reject) => {
        const open = indexedDB.open('koe-queue')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          if (!db.objectStoreNames.contains('records')) {
            db.close()
            return resolve([])
          }
          const all = db.transaction('records').objectStore('records').getAll()
          all.onsuccess = () => {
            resolve(all.result)
            db.close()
          }
        }
      }),
  )
}
