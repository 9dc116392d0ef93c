import type { Report } from './emitter'

/**
 * Koe's timers on a page: each runs unless Koe has `stopped`, an error in one is reported,
 * never thrown at the page, and `_clear` cancels all that wait (`destroy()`).
 */
export function createPageTimers(stopped: () => boolean, report: Report) {
  const waiting = new Set<ReturnType<typeof setTimeout>>()
  return {
    /** Runs `run` after `ms`; returns the function that cancels it. */
    _later(run: () => void, ms: number) {
      const id = setTimeout(() => {
        waiting.delete(id)
        try {
          if (!stopped()) run()
        } catch (error) {
          report('Koe failed', error)
        }
      }, ms)
      waiting.add(id)
      return () => {
        clearTimeout(id)
        waiting.delete(id)
      }
    },
    _clear() {
      for (const id of waiting) clearTimeout(id)
      waiting.clear()
    },
  }
}
