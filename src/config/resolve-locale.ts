import { isByGroup } from './score-groups'
import type { Survey } from './survey'

/** Locales whose strings ship with Koe. */
export const SHIPPED_LOCALES = [
  'en',
  'ja',
  'de',
  'fr',
  'es',
  'pt-BR',
  'zh-CN',
  'zh-TW',
  'ko',
  'ar',
  'he',
] as const
/** A locale whose strings ship with Koe. */
export type ShippedLocale = (typeof SHIPPED_LOCALES)[number]

/** A BCP 47 language tag of at most 35 characters (RFC 5646 §4.4.1's practical bound). */
export const LANGUAGE_TAG = /^(?=.{2,35}$)[a-z]{2,8}(-[a-z\d]{1,8})*$/i
/** Languages written right to left (with Hebrew's old code `iw`). */
const RTL = /^(ar|he|iw|fa|ur|ps|yi|dv|ckb|ug|sd)$/

const language = (tag: string) => tag.toLowerCase().split('-')[0] as string

/**
 * The page's locale: the config's, else `<html lang>`, else `navigator.language`, else `en`.
 * The tag goes on the wire, so anything but a plausible BCP 47 tag (a 300-character
 * `<html lang>`, a NUL) is cut back to its language, or to `en`.
 */
export function pageLocale(candidates: (string | null | undefined)[]): string {
  const tag =
    candidates
      .find((c) => c?.trim())
      ?.trim()
      .replace(/_/g, '-') ?? 'en'
  return LANGUAGE_TAG.test(tag) ? tag : LANGUAGE_TAG.test(language(tag)) ? language(tag) : 'en'
}

/**
 * The entry of `available` that serves `tag`: the same tag (`pt-BR`), else its language (`pt`),
 * else another region of its language (`pt-PT`). Case does not matter.
 */
export function matchLocale(tag: string, available: readonly string[]): string | undefined {
  const lower = tag.toLowerCase()
  return (
    available.find((a) => a.toLowerCase() === lower) ??
    available.find((a) => a.toLowerCase() === language(tag)) ??
    available.find((a) => language(a) === language(tag))
  )
}

/** The shipped strings for a tag; Chinese goes by script (`zh-Hant`, `zh-HK` read `zh-TW`). */
export function shippedLocale(tag: string): ShippedLocale | undefined {
  if (language(tag) === 'zh') return /-(hant|tw|hk|mo)\b/i.test(tag) ? 'zh-TW' : 'zh-CN'
  return matchLocale(tag, SHIPPED_LOCALES) as ShippedLocale | undefined
}

/** The languages a survey's own texts are written in, in the order it lists them first. */
function surveyLocales(survey: Survey): string[] {
  const keys = new Set<string>()
  for (const text of [survey.question, survey.followUp, survey.thanks]) {
    if (typeof text !== 'object') continue
    // By group (`{ "detractor": { "de": … } }`, or one text for all locales) or by locale.
    const byLocale = isByGroup(text) ? Object.values(text) : [text]
    for (const value of byLocale)
      if (typeof value === 'object') for (const k of Object.keys(value)) keys.add(k)
  }
  return [...keys]
}

/** The locale a survey is shown in, and how its prompt is written. */
export interface ShownLocale {
  /** Whose texts the survey's own `{ "de": … }` objects are read in. */
  text: string
  /** The built-in strings used beside them. */
  strings: ShippedLocale
  /** The tag the answer records: the page's when the page's language is shown, else the text's. */
  tag: string
  /** Writing direction of the prompt. */
  dir: 'ltr' | 'rtl'
}

/**
 * Which locale to show a survey in on a page in `page`: the survey's own texts in that locale
 * (`pt-BR` falls back to `pt`), else in the survey's first language; built-in strings in that
 * locale, else English. A survey without texts of its own speaks any shipped locale.
 */
export function shownLocale(survey: Survey, page: string, pageDir?: string): ShownLocale {
  const own = surveyLocales(survey)
  const text = own.length ? (matchLocale(page, own) ?? (own[0] as string)) : page
  const strings = shippedLocale(text) ?? 'en'
  const shown = own.length ? text : strings
  const samePage = language(shown) === language(page)
  return {
    text,
    strings,
    tag: samePage ? page : shown,
    dir: RTL.test(language(shown)) || (samePage && pageDir === 'rtl') ? 'rtl' : 'ltr',
  }
}

/** Picks the text for a locale from `"text"` or `{ en, ja }`; `undefined` when it has none. */
export function pickText(
  text: string | Record<string, string> | undefined,
  locale: string,
): string | undefined {
  if (text === undefined || typeof text === 'string') return text
  const key = matchLocale(locale, Object.keys(text))
  return key === undefined ? undefined : text[key]
}
