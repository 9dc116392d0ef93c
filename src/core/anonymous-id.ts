import type { DeviceState } from './device-state'

const KEY = 'anonymousId'

/**
 * The random per-device id sent with answers. While consent is pending it lives in memory only
 * and storage is not even opened, so such a visitor leaves no trace; once granted (`persist`),
 * a stored id is reused, or the current one is stored.
 */
export function createAnonymousId(state: DeviceState, makeId: () => string) {
  let memoryId: string | null = null
  let stored: Promise<string> | null = null
  return {
    get(persist: boolean): Promise<string> {
      if (!persist) {
        memoryId ??= makeId()
        return Promise.resolve(memoryId)
      }
      stored ??= state
        .get(KEY)
        .catch(() => undefined)
        .then(async (found) => {
          if (typeof found === 'string') return found
          memoryId ??= makeId()
          await state.set(KEY, memoryId).catch(() => undefined)
          return memoryId
        })
      return stored
    },
    /** Forgets the id; the next answer gets a new one. */
    reset() {
      memoryId = null
      stored = null
    },
  }
}
