import { clear, get, getMany, set, update } from 'idb-keyval'
import { openStore } from '../queue/open-store'

/** Koe's own IndexedDB database for what it remembers about this device (anonymous id). */
export const STATE_DB = 'koe-state'
/** The object store inside {@link STATE_DB}. */
export const STATE_STORE = 'state'

/** Small key-value state Koe keeps on the device. */
export interface DeviceState {
  get(key: string): Promise<unknown>
  /** Several values read in one transaction, in the order of `keys`. */
  getMany(keys: readonly string[]): Promise<unknown[]>
  set(key: string, value: unknown): Promise<void>
  /** Replaces the value with `change(old)` atomically: no other tab writes in between. */
  update(key: string, change: (old: unknown) => unknown): Promise<void>
  clear(): Promise<void>
}

/** {@link DeviceState} in IndexedDB, opened on first use. */
export function createIdbState(): DeviceState {
  const store = openStore(STATE_DB, STATE_STORE)
  return {
    get: (key) => get(key, store),
    getMany: (keys) => getMany(keys as string[], store),
    set: (key, value) => set(key, value, store),
    // idb-keyval reads and writes in one transaction: another tab's write cannot land in between.
    update: (key, change) => update(key, change, store),
    clear: () => clear(store),
  }
}

/** {@link DeviceState} in memory. */
export function createMemoryState(): DeviceState {
  const map = new Map<string, unknown>()
  return {
    get: async (key) => map.get(key),
    getMany: async (keys) => keys.map((key) => map.get(key)),
    set: async (key, value) => {
      map.set(key, value)
    },
    update: async (key, change) => {
      map.set(key, change(map.get(key)))
    },
    clear: async () => map.clear(),
  }
}

/**
 * `state` with the first read of each of `keys` answered from one transaction started now: the
 * parts of Koe that read them at start-up (anonymous id, throttling, cart, survey file, queue
 * marker) each ask on their own, and this makes one IndexedDB transaction of five. Later reads of
 * a key go to `state`. Each key must be read before it is written (as at start-up, where all of
 * them are read at once), or its first read would answer what was there before the write.
 */
export function readAhead(state: DeviceState, keys: readonly string[]): DeviceState {
  const batch = state.getMany(keys)
  // Read by no one (consent withdrawn first): not an unhandled rejection either.
  batch.catch(() => {})
  const first = new Map(keys.map((key, i) => [key, batch.then((values) => values[i])]))
  return {
    ...state,
    get(key) {
      const ahead = first.get(key)
      first.delete(key)
      return ahead ?? state.get(key)
    },
  }
}
