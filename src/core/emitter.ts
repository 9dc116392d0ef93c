import { logError } from '../lib/log'
import type { KoeEventName, KoeEvents } from './koe'

/** Reports a failure to the console and to `koe.on('error')`. */
export type Report = (message: string, cause?: unknown) => void

/** A tiny event emitter whose listeners can throw without breaking Koe or each other. */
export function createEmitter() {
  const listeners = new Map<KoeEventName, Set<(payload: never) => void>>()
  return {
    on<E extends KoeEventName>(event: E, callback: (payload: KoeEvents[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(callback as (payload: never) => void)
      return () => {
        set.delete(callback as (payload: never) => void)
      }
    },
    emit<E extends KoeEventName>(event: E, payload: KoeEvents[E]): void {
      for (const callback of listeners.get(event) ?? []) {
        try {
          ;(callback as (p: KoeEvents[E]) => void)(payload)
        } catch (error) {
          logError(`a koe.on("${event}") listener threw`, error)
        }
      }
    },
    /** Whether anything listens to `event`. */
    has: (event: KoeEventName): boolean => !!listeners.get(event)?.size,
    clear() {
      listeners.clear()
    },
  }
}

/** The emitter type. */
export type Emitter = ReturnType<typeof createEmitter>
