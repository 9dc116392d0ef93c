import { clear, createStore, get, set, type UseStore } from 'idb-keyval'

/** Koe's own IndexedDB database for what it remembers about this device (anonymous id). */
export const STATE_DB = 'koe-state'
/** The object store inside {@link STATE_DB}. */
export const STATE_STORE = 'state'

/** Small key-value state Koe keeps on the device. */
export interface DeviceState {
  get(key: string): Promise<unknown>
  set(key: string, value: unknown): Promise<void>
  clear(): Promise<void>
}

/** {@link DeviceState} in IndexedDB, opened on first use. */
export function createIdbState(): DeviceState {
  let store: UseStore | undefined
  const use = () => {
    store ??= createStore(STATE_DB, STATE_STORE)
    return store
  }
  return {
    get: (key) => get(key, use()),
    set: (key, value) => set(key, value, use()),
    clear: () => clear(use()),
  }
}

/** {@link DeviceState} in memory. */
export function createMemoryState(): DeviceState {
  const map = new Map<string, unknown>()
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => {
      map.set(key, value)
    },
    clear: async () => map.clear(),
  }
}
