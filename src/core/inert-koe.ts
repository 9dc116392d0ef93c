import { FALLBACKS } from './guard'
import type { Koe } from './koe'

const METHODS: (keyof Koe)[] = [
  'track',
  'identify',
  'page',
  'show',
  'on',
  'setConsent',
  'flush',
  'forget',
  'destroy',
]

/**
 * A Koe that does nothing, returned when the config is invalid or there is no browser (SSR), so
 * the site's calls keep working instead of throwing. `explain` tells why.
 */
export function createInertKoe(reason: string): Koe {
  const inert: Record<string, unknown> = {
    explain: (surveyId: string) => ({ surveyId, wouldShow: false, reasons: [reason] }),
  }
  for (const name of METHODS) inert[name] = FALLBACKS[name] ?? (() => {})
  return inert as unknown as Koe
}
