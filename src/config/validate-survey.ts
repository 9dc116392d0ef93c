import { DAY_MS } from '../lib/day-ms'
import { isObject } from '../lib/is-object'
import { canBacktrack } from '../triggers/url-pattern'
import {
  BOOLEAN,
  type ConfigIssue,
  checkOptional,
  type Expect,
  issues,
  onlyKeys,
  type Rule,
} from './config-error'
import { MAX_DELAY_MS, SURVEY_ID } from './guard-survey'
import type { SurveyCheck } from './partition-surveys'
import { LANGUAGE_TAG } from './resolve-locale'
import { isByGroup, SCORE_GROUPS } from './score-groups'
import type { Survey } from './survey'
import { checkTheme } from './validate-config'

const KNOWN = [
  'id',
  'type',
  'scale',
  'question',
  'followUp',
  'trigger',
  'audience',
  'recontactDays',
  'dismissRecontactDays',
  'maxDisplays',
  'priority',
  'thanks',
  'display',
  'preview',
]
const POSITIONS = ['bottom-right', 'bottom-left', 'bottom-center', 'top-center', 'center']
/** Each kind of trigger and the keys it takes besides `delay`. */
const TRIGGERS: Record<string, string[]> = {
  event: ['where'],
  pageview: [],
  exitIntent: [],
  idle: [],
  timeOnPage: [],
  scrollDepth: [],
  preset: ['url', 'idle'],
}
const AUDIENCE_KEYS = ['sample', 'url', 'excludeUrl', 'attributes', 'locale', 'device']
const DEVICES = ['mobile', 'tablet', 'desktop']
const TEXT = 'a text or {"en": text, "ja": text}'

/**
 * Checks one survey of the survey JSON. Messages are short (they ship in the script-tag bundle)
 * but always name the field, the expectation and the value. Unknown fields are errors: a product
 * manager who types `"recontactDay"` must learn that it did nothing.
 */
export function validateSurvey(
  input: unknown,
): { ok: true; value: Survey } | { ok: false; errors: ConfigIssue[] } {
  const { list, expect } = issues()
  if (!isObject(input)) {
    expect('(survey)', 'an object', input)
    return { ok: false, errors: list }
  }
  if (typeof input.id !== 'string' || !SURVEY_ID.test(input.id)) {
    expect('id', '1..128 of A-Z a-z 0-9 . _ : -', input.id)
  }
  if (input.type !== 'nps' && input.type !== 'ces') expect('type', '"nps" or "ces"', input.type)
  if (
    input.scale !== undefined &&
    (input.type !== 'ces' || (input.scale !== 5 && input.scale !== 7))
  ) {
    expect('scale', '5 or 7, on "ces" surveys only', input.scale)
  }
  checkText(input.question, 'question', expect)
  const groups = SCORE_GROUPS[input.type as Survey['type']] ?? []
  if (typeof input.followUp !== 'boolean') checkText(input.followUp, 'followUp', expect, groups)
  checkText(input.thanks, 'thanks', expect, groups)
  checkDisplay(input.display, expect)
  checkTrigger(input.trigger, expect)
  checkAudience(input.audience, expect)
  const days: Rule = [(v) => typeof v === 'number' && v >= 0 && v <= 3650, 'days 0..3650']
  checkOptional(
    input,
    '',
    {
      recontactDays: days,
      dismissRecontactDays: days,
      maxDisplays: [(v) => Number.isInteger(v) && v >= 1, 'a whole number ≥ 1'],
      priority: [Number.isFinite, 'a number'],
      preview: [(v) => v === true, 'true'],
    },
    expect,
  )
  onlyKeys(input, KNOWN, '', expect)
  return list.length ? { ok: false, errors: list } : { ok: true, value: input as unknown as Survey }
}

/**
 * A text, `{ "en": text, … }`, or with `groups`, also a text per group of the score
 * (`{ "detractor": text or { "en": text } }`). An object naming any group is read by group.
 */
function checkText(value: unknown, field: string, expect: Expect, groups?: readonly string[]) {
  if (value === undefined || (typeof value === 'string' && value)) return
  if (!isObject(value) || !Object.keys(value).length) return expect(field, TEXT, value)
  const keys = Object.keys(value)
  if (groups && isByGroup(value)) {
    for (const key of keys)
      if (groups.includes(key)) checkText(value[key], `${field}.${key}`, expect)
      else expect(`${field}.${key}`, `a group of this survey: ${groups.join(', ')}`, key)
    return
  }
  for (const [locale, text] of Object.entries(value)) {
    if (!LANGUAGE_TAG.test(locale))
      expect(`${field}.${locale}`, 'a language tag like "pt-BR"', locale)
    else if (typeof text !== 'string' || !text)
      expect(`${field}.${locale}`, 'a non-empty text', text)
  }
}

function checkDisplay(display: unknown, expect: Expect) {
  if (display === undefined) return
  if (!isObject(display)) return expect('display', 'an object', display)
  checkOptional(
    display,
    'display.',
    {
      position: [(v) => POSITIONS.includes(v), `one of ${POSITIONS.join(', ')}`],
      inline: [
        (v) => typeof v === 'string' && v && v.length <= 200,
        'a CSS selector like "#koe-survey"',
      ],
      headless: BOOLEAN,
    },
    expect,
  )
  checkTheme(display.theme, 'display.theme', expect)
  onlyKeys(display, ['position', 'inline', 'theme', 'headless'], 'display.', expect)
}

/** Whether `value` is milliseconds in 0..max. */
const isMs = (value: unknown, max = MAX_DELAY_MS) =>
  typeof value === 'number' && value >= 0 && value <= max

function checkTrigger(trigger: unknown, expect: Expect) {
  if (!isObject(trigger))
    return expect('trigger', 'an object like {"event": "purchase_completed"}', trigger)
  // A preset's own options (`idle`) share names with triggers; the preset decides.
  const kinds = 'preset' in trigger ? ['preset'] : Object.keys(TRIGGERS).filter((k) => k in trigger)
  const kind = kinds[0]
  if (kinds.length !== 1 || !kind)
    return expect('trigger', `one of ${Object.keys(TRIGGERS).join(', ')}`, trigger)
  const value = trigger[kind]
  if (kind === 'event' && !(typeof value === 'string' && value))
    expect('trigger.event', 'an event name', value)
  if (kind === 'pageview') checkPattern(value, 'trigger.pageview', expect)
  if (kind === 'exitIntent' && value !== true) expect('trigger.exitIntent', 'true', value)
  if ((kind === 'idle' || kind === 'timeOnPage') && !(isMs(value, DAY_MS) && value))
    expect(`trigger.${kind}`, `milliseconds 1..${DAY_MS}`, value)
  if (kind === 'scrollDepth' && !(typeof value === 'number' && value > 0 && value <= 1))
    expect('trigger.scrollDepth', 'a share 0..1 of the page', value)
  if (kind === 'preset') {
    if (value !== 'post-purchase' && value !== 'cart-abandonment')
      expect('trigger.preset', '"post-purchase" or "cart-abandonment"', value)
    if (trigger.url !== undefined) {
      if (value === 'post-purchase') checkPattern(trigger.url, 'trigger.url', expect)
      else expect('trigger.url', 'only on "post-purchase"', trigger.url)
    }
    if (trigger.idle !== undefined && !(value === 'cart-abandonment' && isMs(trigger.idle, DAY_MS)))
      expect('trigger.idle', `milliseconds 0..${DAY_MS}, on "cart-abandonment" only`, trigger.idle)
  }
  checkOptional(
    trigger,
    'trigger.',
    {
      delay: [isMs, `milliseconds 0..${MAX_DELAY_MS}`],
      where: [isObject, 'an object'],
    },
    expect,
  )
  onlyKeys(trigger, [kind, 'delay', ...(TRIGGERS[kind] ?? [])], 'trigger.', expect)
}

/**
 * A glob string, or `{ "regex": "…" }` that compiles and cannot backtrack catastrophically
 * (issue 27): checked where the survey is loaded too, since a file from elsewhere runs on every
 * page. The library's validator names the backtracking rule in its message.
 */
function checkPattern(value: unknown, field: string, expect: Expect) {
  if (typeof value === 'string' && value) return
  try {
    if (
      isObject(value) &&
      Object.keys(value).length === 1 &&
      typeof value.regex === 'string' &&
      !canBacktrack(value.regex)
    ) {
      new RegExp(value.regex)
      return
    }
  } catch {
    /* reported below */
  }
  expect(field, 'a path pattern like "/cart/*" or {"regex": "^/cart"}', value)
}

function checkAudience(audience: unknown, expect: Expect) {
  if (audience === undefined) return
  if (!isObject(audience)) return expect('audience', 'an object', audience)
  checkOptional(
    audience,
    'audience.',
    {
      sample: [(v) => typeof v === 'number' && v >= 0 && v <= 1, 'a share 0..1'],
      locale: [
        (v) => Array.isArray(v) && v.every((l) => typeof l === 'string' && l),
        'language tags like ["ja"]',
      ],
      device: [
        (v) => Array.isArray(v) && v.every((d) => DEVICES.includes(d)),
        `a list of ${DEVICES.join(', ')}`,
      ],
      attributes: [isObject, 'an object'],
    },
    expect,
  )
  for (const field of ['url', 'excludeUrl']) {
    const list = audience[field]
    if (list === undefined) continue
    if (!Array.isArray(list)) expect(`audience.${field}`, 'patterns like ["/cart/*"]', list)
    else
      list.forEach((p, i) => {
        checkPattern(p, `audience.${field}.${i}`, expect)
      })
  }
  onlyKeys(audience, AUDIENCE_KEYS, 'audience.', expect)
}

/** {@link validateSurvey} as a {@link SurveyCheck}: every error, none when the survey is valid. */
export const surveyErrors: SurveyCheck = (input) => {
  const result = validateSurvey(input)
  return result.ok ? [] : result.errors
}
