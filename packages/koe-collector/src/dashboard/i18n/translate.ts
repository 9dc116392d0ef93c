import { JAPANESE } from './japanese'
import type { Lang } from './lang'

/**
 * Marks a text to translate where it is defined (a table of names), as gettext's N_: `t()`
 * translates it where it is shown, and the strings test finds it here.
 */
export const msg = (english: string) => english

/** The page's language: set by the app before each render of its pages. */
let current: Lang = 'en'

/** Shows every page in `lang` from the next render, and tells the browser (fonts, screen readers). */
export function setLang(lang: Lang) {
  current = lang
  document.documentElement.lang = lang
}

/** The page's language. */
export const pageLang = (): Lang => current

/** Values for the `{name}` slots of a text; numbers are written as the language writes them. */
type Slots = Record<string, string | number>

const fill = (text: string, slots: Slots) =>
  text.replace(/\{(\w+)\}/g, (slot, name: string) => {
    const value = slots[name]
    if (value === undefined) return slot
    return typeof value === 'number' ? value.toLocaleString(current) : value
  })

/**
 * A text of the dashboard in the page's language. The English text is the key (as gettext's
 * msgid): the page reads as it is written, and tests/node/dashboard-strings.test.ts checks that
 * every one has its Japanese.
 */
export function t(english: string, slots: Slots = {}): string {
  return fill(current === 'ja' ? (JAPANESE[english] ?? english) : english, slots)
}

/** A count with its noun: `tn(1, '{n} answer', '{n} answers')` is "1 answer", or 「1 件の回答」. */
export const tn = (n: number, one: string, many: string) => t(n === 1 ? one : many, { n })

/** A moment as the page's language writes it, date and time. */
export const dateTime = (iso: string) => new Date(iso).toLocaleString(current)

/** A day as the page's language writes it. */
export const dateOnly = (iso: string) => new Date(iso).toLocaleDateString(current)

/** What the collector's comparisons say (`+12, likely real`), in the page's language. */
export function verdictText(verdict: string): string {
  if (current === 'en') return verdict
  return VERDICT_PHRASES.reduce((text, phrase) => text.split(phrase).join(t(phrase)), verdict)
}

/** The phrases the collector's verdicts are made of (results.ts, outcomes.ts). */
const VERDICT_PHRASES = [
  msg('not enough answers yet to tell'),
  msg('likely real'),
  msg('could be chance'),
  msg(' points'),
]
