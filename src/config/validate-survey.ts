import { isObject } from '../lib/is-object'
import { type ConfigIssue, type Expect, issues, onlyKeys, show } from './config-error'
import type { Survey } from './survey'

const SURVEY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/
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
]
const TRIGGER_KEYS = ['event', 'where', 'delay']
const AUDIENCE_KEYS = ['sample', 'url', 'attributes']
/** An hour: longer delays are almost always a unit mistake (seconds typed as milliseconds). */
const MAX_DELAY_MS = 3_600_000
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
  if (typeof input.followUp !== 'boolean') checkText(input.followUp, 'followUp', expect)
  checkTrigger(input.trigger, expect)
  checkAudience(input.audience, expect)
  for (const field of ['recontactDays', 'dismissRecontactDays']) {
    const v = input[field]
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= 3650))
      expect(field, 'days 0..3650', v)
  }
  onlyKeys(input, KNOWN, '', expect)
  return list.length ? { ok: false, errors: list } : { ok: true, value: input as unknown as Survey }
}

function checkText(value: unknown, field: string, expect: Expect) {
  if (value === undefined || (typeof value === 'string' && value)) return
  if (!isObject(value) || !Object.keys(value).length) return expect(field, TEXT, value)
  for (const [locale, text] of Object.entries(value)) {
    if (typeof text !== 'string' || !text) expect(`${field}.${locale}`, 'a non-empty text', text)
  }
}

function checkTrigger(trigger: unknown, expect: Expect) {
  if (!isObject(trigger))
    return expect('trigger', 'an object like {"event": "purchase_completed"}', trigger)
  if (typeof trigger.event !== 'string' || !trigger.event) {
    expect('trigger.event', 'an event name', trigger.event)
  }
  const delay = trigger.delay
  if (delay !== undefined && !(typeof delay === 'number' && delay >= 0 && delay <= MAX_DELAY_MS)) {
    expect('trigger.delay', `milliseconds 0..${MAX_DELAY_MS}`, delay)
  }
  if (trigger.where !== undefined && !isObject(trigger.where)) {
    expect('trigger.where', 'an object', trigger.where)
  }
  onlyKeys(trigger, TRIGGER_KEYS, 'trigger.', expect)
}

function checkAudience(audience: unknown, expect: Expect) {
  if (audience === undefined) return
  if (!isObject(audience)) return expect('audience', 'an object', audience)
  const { sample, url, attributes } = audience
  if (sample !== undefined && !(typeof sample === 'number' && sample >= 0 && sample <= 1)) {
    expect('audience.sample', 'a share 0..1', sample)
  }
  if (url !== undefined && !(Array.isArray(url) && url.every((u) => typeof u === 'string'))) {
    expect('audience.url', 'patterns like ["/cart/*"]', url)
  }
  onlyKeys(audience, AUDIENCE_KEYS, 'audience.', expect)
  if (attributes !== undefined && !isObject(attributes))
    expect('audience.attributes', 'an object', attributes)
}

/**
 * Keeps the valid surveys and reports each invalid one in one console-ready message naming the
 * survey id and the field, so the valid surveys still run.
 */
export function partitionSurveys(list: unknown): { surveys: Survey[]; problems: string[] } {
  const surveys: Survey[] = []
  const problems: string[] = []
  if (!Array.isArray(list))
    return { surveys, problems: [`surveys must be an array, got ${show(list)}`] }
  const seen = new Set<string>()
  list.forEach((item, index) => {
    const result = validateSurvey(item)
    const name = isObject(item) && typeof item.id === 'string' ? `"${item.id}"` : `#${index}`
    if (!result.ok) {
      problems.push(
        `survey ${name} is ignored: ${result.errors.map((e) => `"${e.field}" ${e.message}`).join('; ')}`,
      )
    } else if (seen.has(result.value.id)) {
      problems.push(`survey ${name} is ignored: its id is used by an earlier survey`)
    } else {
      seen.add(result.value.id)
      surveys.push(result.value)
    }
  })
  return { surveys, problems }
}
