import { noop } from '../lib/noop'
import { FALLBACKS } from './guard'
import type { Koe } from './koe'

/**
 * A Koe that does nothing, returned when the config is invalid or there is no browser (SSR), so
 * the site's calls keep working instead of throwing. `explain` tells why. A Proxy answers every
 * method name; `then` stays undefined so that `await`ing the instance cannot hang.
 */
export function createInertKoe(reason: string): Koe {
  return new Proxy({} as Koe, {
    get: (_, name) =>
      name === 'explain'
        ? (surveyId: string) => ({ surveyId, wouldShow: false, reasons: [reason] })
        : name === 'then'
          ? undefined
          : (FALLBACKS[name as keyof Koe] ?? noop),
  })
}
