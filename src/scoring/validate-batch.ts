import { isObject } from '../lib/is-object'
import { isWellFormed } from '../lib/well-formed'
import {
  type Batch,
  MAX_ATTRIBUTE_KEY_LENGTH,
  MAX_ATTRIBUTE_VALUE_LENGTH,
  MAX_ATTRIBUTES,
  MAX_COMMENT_BYTES,
  MAX_RECORDS,
  MAX_SHORT_STRING,
  MAX_SURVEY_ID_LENGTH,
  MAX_URL_LENGTH,
  type WireRecord,
} from './wire'

/** One problem found in a batch, with the JSON path to it (`records[2].score`). */
export interface ValidationIssue {
  path: string
  message: string
}

/** The outcome of validating unknown JSON. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: ValidationIssue[] }

/**
 * Patterns shared with wire.schema.json: a test keeps each `source` equal to the schema's. JSON
 * Schema checks timestamps by pattern only (a month and day range); validateRecord also checks
 * the calendar (02-30 fails).
 */
export const UUID = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/
export const ISO_UTC =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?Z$/
export const SURVEY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/
export const URL_START = /^https?:\/\//
/** An outcome's name (issue 30): `purchase`, `plan:upgrade`. */
export const OUTCOME_NAME = /^[a-z0-9_.:-]{1,64}$/
/** ISO 4217: three capital letters. */
export const CURRENCY = /^[A-Z]{3}$/

/**
 * What every free-text string must match in the schema: no NUL, no lone surrogate, which
 * PostgreSQL cannot store (as a `u`-flag pattern a pair never matches the class). The code checks
 * the same with `isWellFormed`.
 */
export const TEXT_PATTERN = '^[^\\u0000\\ud800-\\udfff]*$'

type Obj = Record<string, unknown>

/** UTF-8 byte length; a lone surrogate half counts 3, as TextEncoder writes U+FFFD for it. */
export const utf8Length = (text: string): number => new TextEncoder().encode(text).length

/** Length in Unicode code points, as JSON Schema's `maxLength` counts (an emoji is 1, not 2). */
export function codePoints(text: string): number {
  return [...text].length
}

/** An ISO 8601 UTC timestamp of a day that exists (`2026-02-30` does not; PostgreSQL refuses it). */
export function isTimestamp(v: unknown): boolean {
  if (typeof v !== 'string' || !ISO_UTC.test(v)) return false
  const [year, month, day] = v.slice(0, 10).split('-').map(Number) as [number, number, number]
  // Year 0 does not exist in PostgreSQL (1 BC is year 0 in ISO 8601 only).
  return year > 0 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** A short wire string: 1..256 code points, no NUL, no lone surrogate (ids, locales, …). */
export function shortString(v: unknown): v is string {
  return (
    typeof v === 'string' && v.length > 0 && codePoints(v) <= MAX_SHORT_STRING && isWellFormed(v)
  )
}

const NOT_TEXT = 'must not hold NUL or a lone surrogate'

/**
 * Validates one record of wire format v1 and returns a clean copy holding only known fields.
 * Exported so a collector can store the valid records of a batch that also holds invalid ones.
 */
export function validateRecord(json: unknown, path = 'record'): ValidationResult<WireRecord> {
  const errors: ValidationIssue[] = []
  const fail = (field: string, message: string) =>
    errors.push({ path: `${path}.${field}`, message })
  if (!isObject(json)) return { ok: false, errors: [{ path, message: 'must be an object' }] }
  const r = json
  if (typeof r.id !== 'string' || !UUID.test(r.id)) fail('id', 'must be a lowercase UUID')
  const outcome = r.kind === 'outcome'
  if (outcome) {
    // What a customer did (issue 30): a name, optionally a finite value in a currency.
    if (typeof r.name !== 'string' || !OUTCOME_NAME.test(r.name))
      fail('name', 'must be 1..64 of a-z 0-9 . _ : -')
    if (r.value !== undefined && !Number.isFinite(r.value)) fail('value', 'must be a finite number')
    if (r.currency !== undefined && !(typeof r.currency === 'string' && CURRENCY.test(r.currency)))
      fail('currency', 'must be an ISO 4217 code')
  } else if (r.kind !== 'response' && r.kind !== 'display' && r.kind !== 'dismiss') {
    fail('kind', 'must be "response", "display", "dismiss" or "outcome"')
  } else if (
    typeof r.surveyId !== 'string' ||
    codePoints(r.surveyId) > MAX_SURVEY_ID_LENGTH ||
    !SURVEY_ID.test(r.surveyId)
  ) {
    fail('surveyId', `must be 1..${MAX_SURVEY_ID_LENGTH} of A-Z a-z 0-9 . _ : -`)
  }
  if (!isTimestamp(r.createdAt)) fail('createdAt', 'must be an ISO 8601 UTC timestamp')
  const clean: Obj = { id: r.id, kind: r.kind, createdAt: r.createdAt }
  // An outcome belongs to no survey; its fields are all optional but its name, none free text.
  if (outcome) {
    for (const field of ['name', 'value', 'currency']) clean[field] = r[field]
    shortStrings(r, clean, fail, ['externalId', 'userId'])
  } else clean.surveyId = r.surveyId
  if (r.kind === 'response') validateResponseFields(r, clean, fail)
  validateContext(r, clean, fail)
  return errors.length ? { ok: false, errors } : { ok: true, value: clean as unknown as WireRecord }
}

function validateResponseFields(
  r: Obj,
  clean: Obj,
  fail: (field: string, message: string) => void,
) {
  const scale = r.scale ?? (r.type === 'ces' ? 7 : undefined)
  if (r.type === 'nps') {
    if (r.scale !== undefined) fail('scale', 'is only allowed for CES')
    if (!isScore(r.score, 0, 10)) fail('score', 'must be an integer 0..10 for NPS')
  } else if (r.type === 'ces') {
    if (scale !== 5 && scale !== 7) fail('scale', 'must be 5 or 7')
    else if (!isScore(r.score, 1, scale)) fail('score', `must be an integer 1..${scale} for CES`)
  } else {
    fail('type', 'must be "nps" or "ces"')
  }
  if (!isTimestamp(r.updatedAt)) fail('updatedAt', 'must be an ISO 8601 UTC timestamp')
  Object.assign(clean, { type: r.type, score: r.score, updatedAt: r.updatedAt })
  if (r.scale !== undefined) clean.scale = r.scale

  if (r.comment !== undefined) {
    if (typeof r.comment !== 'string') fail('comment', 'must be a string')
    else if (!isWellFormed(r.comment)) fail('comment', NOT_TEXT)
    else if (utf8Length(r.comment) > MAX_COMMENT_BYTES) {
      fail('comment', `must be at most ${MAX_COMMENT_BYTES} UTF-8 bytes`)
    } else clean.comment = r.comment
  }
  shortStrings(r, clean, fail, ['userId'])
}

function shortStrings(
  r: Obj,
  clean: Obj,
  fail: (field: string, message: string) => void,
  fields: string[],
) {
  for (const field of fields) {
    if (r[field] === undefined) continue
    if (!shortString(r[field]))
      fail(field, `must be a string of 1..${MAX_SHORT_STRING}, without NUL or lone surrogates`)
    else clean[field] = r[field]
  }
}

/** Where and how the survey was asked: any record kind may carry it (issue 15). */
function validateContext(r: Obj, clean: Obj, fail: (field: string, message: string) => void) {
  shortStrings(r, clean, fail, ['trigger', 'locale', 'sdk', 'anonymousId'])
  if (r.device !== undefined) {
    if (r.device !== 'mobile' && r.device !== 'tablet' && r.device !== 'desktop')
      fail('device', 'must be "mobile", "tablet" or "desktop"')
    else clean.device = r.device
  }
  if (r.url !== undefined) {
    if (
      typeof r.url !== 'string' ||
      codePoints(r.url) > MAX_URL_LENGTH ||
      !URL_START.test(r.url) ||
      !isWellFormed(r.url)
    ) {
      fail('url', `must be an http(s) URL of at most ${MAX_URL_LENGTH} characters`)
    } else clean.url = r.url
  }
  if (r.attributes !== undefined) {
    const attributes = validateAttributes(r.attributes, fail)
    if (attributes) clean.attributes = attributes
  }
}

function isScore(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
}

function validateAttributes(
  value: unknown,
  fail: (field: string, message: string) => void,
): Record<string, string | number | boolean> | undefined {
  if (!isObject(value)) {
    fail('attributes', 'must be an object')
    return undefined
  }
  const keys = Object.keys(value)
  if (keys.length > MAX_ATTRIBUTES) {
    fail('attributes', `must have at most ${MAX_ATTRIBUTES} keys`)
    return undefined
  }
  // No prototype: a key `__proto__` would otherwise set it instead of a field, and vanish.
  const out: Record<string, string | number | boolean> = Object.create(null)
  for (const key of keys) {
    const v = value[key]
    const at = `attributes.${key}`
    if (key.length === 0 || codePoints(key) > MAX_ATTRIBUTE_KEY_LENGTH) {
      fail(at, `key must be 1..${MAX_ATTRIBUTE_KEY_LENGTH} characters`)
    } else if (key === '__proto__') {
      fail(at, 'is not a usable key')
    } else if (!isWellFormed(key)) {
      fail(at, `key ${NOT_TEXT}`)
    } else if (typeof v === 'string') {
      if (codePoints(v) > MAX_ATTRIBUTE_VALUE_LENGTH) {
        fail(at, `must be at most ${MAX_ATTRIBUTE_VALUE_LENGTH} characters`)
      } else if (!isWellFormed(v)) {
        fail(at, NOT_TEXT)
      } else out[key] = v
    } else if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') {
      out[key] = v
    } else {
      fail(at, 'must be a string, a finite number or a boolean')
    }
  }
  return out
}

/**
 * Validates a wire format v1 batch, as the collector receives it. Returns a clean copy holding
 * only known fields, or every problem found with its JSON path.
 */
export function validateBatch(json: unknown): ValidationResult<Batch> {
  if (!isObject(json)) return { ok: false, errors: [{ path: '', message: 'must be an object' }] }
  const errors: ValidationIssue[] = []
  const fail = (path: string, message: string) => errors.push({ path, message })
  if (json.v !== 1) fail('v', 'must be 1')
  if (!isTimestamp(json.sentAt)) fail('sentAt', 'must be an ISO 8601 UTC timestamp')
  const records: WireRecord[] = []
  if (!Array.isArray(json.records) || json.records.length === 0) {
    fail('records', 'must be a non-empty array')
  } else if (json.records.length > MAX_RECORDS) {
    fail('records', `must hold at most ${MAX_RECORDS} records`)
  } else {
    json.records.forEach((record, i) => {
      const result = validateRecord(record, `records[${i}]`)
      if (result.ok) records.push(result.value)
      else errors.push(...result.errors)
    })
  }
  if (errors.length) return { ok: false, errors }
  return { ok: true, value: { v: 1, sentAt: json.sentAt as string, records } }
}
