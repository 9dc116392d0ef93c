import type { Audience, DeviceClass } from '../config/survey'
import { matchesUrl } from './url-pattern'

/** What targeting looks at. */
export interface Visitor {
  /** `location.pathname`. */
  path: string
  /** The anonymous id: sampling is sticky per visitor. */
  anonymousId: string
  /** Attributes from `identify`. */
  attributes?: Record<string, string | number | boolean>
  /** The resolved locale, e.g. `"ja-JP"`. */
  locale: string
  device: DeviceClass
}

/**
 * A visitor's place in a survey's sample, 0..1: the same on every page and visit for the same
 * anonymous id and survey, and independent between surveys (FNV-1a of both ids).
 */
export function samplePosition(anonymousId: string, surveyId: string): number {
  let hash = 0x811c9dc5
  for (const char of `${anonymousId}/${surveyId}`) {
    hash ^= char.charCodeAt(0)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0) / 2 ** 32
}

/** The device class from the pointer and the viewport width (phones: coarse and ≤ 767 px). */
export function deviceClass(win: Window): DeviceClass {
  if (!win.matchMedia?.('(pointer: coarse)').matches) return 'desktop'
  return win.innerWidth < 768 ? 'mobile' : 'tablet'
}

/** Why the audience excludes this visitor, in plain words; empty when it includes them. */
export function audienceBlockers(
  surveyId: string,
  audience: Audience | undefined,
  visitor: Visitor,
): string[] {
  const reasons: string[] = []
  if (!audience) return reasons
  const { sample, url, excludeUrl, attributes, locale, device } = audience
  if (sample !== undefined && samplePosition(visitor.anonymousId, surveyId) >= sample)
    reasons.push(`visitor outside the ${sample * 100} % sample`)
  if (url && !url.some((p) => matchesUrl(p, visitor.path)))
    reasons.push(`path ${visitor.path} not in audience.url`)
  if (excludeUrl?.some((p) => matchesUrl(p, visitor.path)))
    reasons.push(`path ${visitor.path} in audience.excludeUrl`)
  for (const [key, value] of Object.entries(attributes ?? {}))
    if (visitor.attributes?.[key] !== value) reasons.push(`attribute ${key} is not ${value}`)
  const language = visitor.locale.toLowerCase()
  if (
    locale &&
    !locale.some((l) => language === l.toLowerCase() || language.startsWith(`${l.toLowerCase()}-`))
  )
    reasons.push(`locale ${visitor.locale} not in audience.locale`)
  if (device && !device.includes(visitor.device))
    reasons.push(`device ${visitor.device} not in audience.device`)
  return reasons
}
