import { noop } from '../lib/noop'
import type { Koe } from './koe'

/** What a method returns when it failed, so callers still get the promised type. */
export const FALLBACKS: Partial<Record<keyof Koe, (...args: never[]) => unknown>> = {
  explain: (surveyId: string) => ({
    surveyId,
    wouldShow: false,
    reasons: ['explain failed; see console'],
  }),
  on: () => noop,
  flush: () => Promise.resolve(),
  forget: () => Promise.resolve({ anonymousId: null }),
}

/**
 * Wraps every method of a Koe so that nothing it does can throw into the host page: a thrown
 * error or a rejected promise is reported and the call returns a harmless value of its type.
 */
export function protect(api: Koe, report: (message: string, cause: unknown) => void): Koe {
  const safe: Record<string, unknown> = {}
  for (const [name, method] of Object.entries(api) as [
    keyof Koe,
    (...args: unknown[]) => unknown,
  ][]) {
    safe[name] = (...args: unknown[]) => {
      try {
        const result = method(...args)
        return result instanceof Promise
          ? result.catch((cause) => {
              report(`koe.${name}() failed`, cause)
              return FALLBACKS[name]?.(...(args as never[]))
            })
          : result
      } catch (cause) {
        report(`koe.${name}() failed`, cause)
        return FALLBACKS[name]?.(...(args as never[]))
      }
    }
  }
  return safe as unknown as Koe
}
