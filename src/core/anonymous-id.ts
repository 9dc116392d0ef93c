import type { DeviceState } from './device-state'

/** Where the id is kept in `koe-state`. */
export const ANONYMOUS_ID_KEY = 'anonymousId'

/**
 * The random per-device id sent with answers. It is known synchronously, so an answer is queued
 * the instant it is chosen: this page's fresh id until the stored one has been read. While
 * consent is pending it lives in memory only and storage is not even opened, so such a visitor
 * leaves no trace; `persist()` (consent granted) reuses a stored id or stores this one.
 */
export function createAnonymousId(state: DeviceState, makeId: () => string) {
  let id = makeId()
  let read: Promise<boolean> | null = null
  let persisted: Promise<void> | null = null
  /**
   * Reads the stored id, once per page. Resolves whether this device was known before this page:
   * an id was stored, or storage could not tell (then it is treated as known, the safe side).
   */
  const known = (): Promise<boolean> =>
    (read ??= state.get(ANONYMOUS_ID_KEY).then(
      (found) => typeof found === 'string' && !!(id = found),
      () => true,
    ))
  return {
    /** The id to put on an answer now. */
    get: () => id,
    known,
    /**
     * Reads the stored id, or stores this page's; once per page. Nothing shown waits for the
     * write: the id is known as soon as it is read.
     */
    persist(): Promise<void> {
      persisted ??= known()
        .then((stored) => {
          if (!stored) return state.set(ANONYMOUS_ID_KEY, id)
        })
        .catch(() => {})
      return persisted
    },
    /** Forgets the id; the next answer gets a new one. */
    reset() {
      id = makeId()
      read = null
      persisted = null
    },
  }
}
