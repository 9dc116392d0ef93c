import { isObject } from '../../../../src/lib/is-object'
import {
  CURRENCY,
  isTimestamp,
  OUTCOME_NAME,
  shortString,
} from '../../../../src/scoring/validate-batch'
import { MAX_SHORT_STRING } from '../../../../src/scoring/wire'

/** Most lines one `POST /api/outcomes` takes; a larger export is sent in parts. */
export const MAX_OUTCOME_LINES = 100_000

/** One outcome as stored: no free text, the person by user id or anonymous id. */
export interface OutcomeRow {
  name: string
  externalId: string
  userId: string | null
  anonymousId: string | null
  at: string
  value: number | null
  currency: string | null
}

/**
 * One NDJSON line of an import, `{ "userId" | "anonymousId", "name", "at", "value"?, "currency"?,
 * "id" }`, as a row, or why it cannot be one. Other fields are dropped: outcomes never carry free
 * text.
 */
export function parseOutcomeLine(line: string): OutcomeRow | string {
  let json: unknown
  try {
    json = JSON.parse(line)
  } catch {
    return 'is not JSON'
  }
  if (!isObject(json)) return 'must be a JSON object'
  const { userId, anonymousId, name, at, value, currency, id } = json
  if (typeof name !== 'string' || !OUTCOME_NAME.test(name))
    return 'name must be 1..64 of a-z 0-9 _ . : -, e.g. "purchase"'
  if (!shortString(id)) return `id must be a string of 1..${MAX_SHORT_STRING} (an order id)`
  if (userId === undefined && anonymousId === undefined) return 'userId or anonymousId is required'
  for (const [field, v] of [
    ['userId', userId],
    ['anonymousId', anonymousId],
  ] as const) {
    if (v !== undefined && !shortString(v))
      return `${field} must be a string of 1..${MAX_SHORT_STRING} without NUL`
  }
  if (!isTimestamp(at)) return 'at must be an ISO 8601 UTC timestamp, e.g. 2026-11-30T09:00:00Z'
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value)))
    return 'value must be a finite number (minor units of the currency, or a count)'
  if (currency !== undefined && !(typeof currency === 'string' && CURRENCY.test(currency)))
    return 'currency must be an ISO 4217 code, e.g. "EUR"'
  return {
    name,
    externalId: id,
    userId: (userId as string | undefined) ?? null,
    anonymousId: (anonymousId as string | undefined) ?? null,
    at: at as string,
    value: (value as number | undefined) ?? null,
    currency: (currency as string | undefined) ?? null,
  }
}
