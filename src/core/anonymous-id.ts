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
  let persisted: Promise<boolean> | null = null
  return {
    /** The id to put on an answer now. */
    get: () => id,
    /**
     * Reads the stored id, or stores this page's; once per page. Resolves once the id is known,
     * with whether this device was known before this page: an id was stored, or storage could
     * not tell (the safe side). Nothing waits for the write of a new id.
     */
    persist(): Promise<boolean> {
      persisted ??= state.get(ANONYMOUS_ID_KEY).then(
        (found) => {
          if (typeof found !== 'string') {
            state.set(ANONYMOUS_ID_KEY, id).catch(() => {})
            return false
          }
          id = found
          return true
        },
        () => true,
      )
      return persisted
    },
    /** Forgets the id; the next answer gets a new one. */
    reset() {
      id = makeId()
      persisted = null
    },
  }
}
