import { DAY_MS } from '../lib/day-ms'
import { isObject } from '../lib/is-object'
import { canBacktrack } from '../triggers/url-pattern'
import { type ConfigIssue, issues } from './config-error'
import { checkTheme } from './validate-config'

/** A survey id: it names the survey in every record, so the collector refuses any other. */
export const SURVEY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/
/** An hour: longer delays are almost always a unit mistake (seconds typed as milliseconds). */
export const MAX_DELAY_MS = 3_600_000

// biome-ignore lint/suspicious/noExplicitAny: each rule reads the value as its own type
type Ok = (value: any) => unknown

const text: Ok = (v) => typeof v === 'string' && v
const number =
  (min: number, max: number): Ok =>
  (v) =>
    typeof v === 'number' && v >= min && v <= max
const list =
  (ok: Ok): Ok =>
  (v) =>
    Array.isArray(v) && v.every(ok)
/** A text, by locale, or by group of the score with texts by locale inside. */
const wording: Ok = (v) =>
  text(v) ||
  (isObject(v) &&
    Object.values(v).every((t) => text(t) || (isObject(t) && Object.values(t).every(text))))
/** A glob, or a regular expression that compiles and cannot backtrack catastrophically (issue 27). */
const pattern: Ok = (v) => {
  try {
    return text(v) || (typeof v.regex === 'string' && !canBacktrack(v.regex) && RegExp(v.regex))
  } catch {
    return false
  }
}
/** The kinds of trigger that stand alone; a preset takes `url` and `idle` of its own. */
const KINDS = ['event', 'pageview', 'exitIntent', 'idle', 'timeOnPage', 'scrollDepth']

/**
 * Each field the prompt, the triggers and the targeting read, and what they can run. Optional
 * fields are checked where present; `id`, `type` and `trigger` must be.
 */
const RULES: [field: string, ok: Ok, required?: 1][] = [
  ['id', (v) => typeof v === 'string' && SURVEY_ID.test(v), 1],
  ['type', (v) => v === 'nps' || v === 'ces', 1],
  ['scale', (v) => v === 5 || v === 7],
  ['question', wording],
  ['followUp', (v) => v === !!v || wording(v)],
  ['thanks', wording],
  ['display', isObject],
  ['display.position', text],
  ['display.inline', text],
  ['display.headless', (v) => v === !!v],
  [
    'trigger',
    (v) => isObject(v) && ('preset' in v || KINDS.filter((kind) => kind in v).length === 1),
    1,
  ],
  ['trigger.delay', number(0, MAX_DELAY_MS)],
  ['trigger.event', text],
  ['trigger.pageview', pattern],
  ['trigger.exitIntent', (v) => v === true],
  ['trigger.idle', number(0, DAY_MS)],
  ['trigger.timeOnPage', number(1, DAY_MS)],
  ['trigger.scrollDepth', number(0, 1)],
  ['trigger.preset', (v) => v === 'post-purchase' || v === 'cart-abandonment'],
  ['trigger.url', pattern],
  ['trigger.where', isObject],
  ['audience', isObject],
  ['audience.sample', number(0, 1)],
  ['audience.url', list(pattern)],
  ['audience.excludeUrl', list(pattern)],
  ['audience.attributes', isObject],
  ['audience.locale', list(text)],
  ['audience.device', list(text)],
  ['recontactDays', number(0, 3650)],
  ['dismissRecontactDays', number(0, 3650)],
  ['maxDisplays', number(1, Infinity)],
  ['priority', Number.isFinite],
]

/**
 * The script tag's check of a survey (issue 29): what it needs to run the survey safely, and
 * nothing more. Surveys the collector serves were validated in full when they were published
 * (`validateSurvey`, which the editor, the collector and the npm module run); a hand-written file
 * may still reach a page, so a survey that cannot run is refused with one console error naming
 * the first field at fault, and the others run. Unknown fields and the finer rules (a CES scale
 * on an NPS survey, a preset's own options) are the full validator's to report.
 */
export function guardSurvey(input: unknown): ConfigIssue[] {
  const { list: found, expect } = issues()
  for (const [field, ok, required] of RULES) {
    const value = field
      .split('.')
      .reduce<unknown>((v, key) => (isObject(v) ? v[key] : undefined), input)
    if (value === undefined ? required : !ok(value)) {
      expect(field, 'valid (validateSurvey() from koe says how)', value)
      return found
    }
  }
  checkTheme((input as { display?: { theme?: unknown } }).display?.theme, 'display.theme', expect)
  return found
}
