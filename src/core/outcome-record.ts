import { CURRENCY, OUTCOME_NAME } from '../scoring/validate-batch'
import { MAX_SHORT_STRING, type OutcomeRecord } from '../scoring/wire'

/** What `koe.outcome(name, options)` records beside the name (issue 30). */
export interface OutcomeOptions {
  /** A finite number: the amount in the currency's minor units (cents), or a count. */
  value?: number
  /** ISO 4217, e.g. `"EUR"`. */
  currency?: string
  /**
   * The shop's own id for it, e.g. the order id: the collector keeps one outcome per name and id,
   * so a thank-you page reloaded, or the same order imported from the shop's backend, counts once.
   */
  id?: string | number
}

/**
 * A tracked event that is an outcome (config `outcomes`): the outcome's name, and which of the
 * event's properties hold its value, currency and id.
 */
export interface OutcomeMapping {
  name: string
  value?: string
  currency?: string
  id?: string
}

/**
 * The record of an outcome, or what is wrong with it. The script tag loads it from a file beside
 * it (`koe.outcome.js`) when the page first records one, so a page that records none pays nothing.
 * `mapping` reads the options from a tracked event's properties.
 */
export function outcomeRecord(
  name: unknown,
  given: unknown,
  mapping: OutcomeMapping | undefined,
  id: string,
  createdAt: string,
  userId?: string | null,
): OutcomeRecord | string {
  // Whatever the site passed: a primitive has no such properties, null and undefined neither.
  const source: Record<string, unknown> = Object(given)
  // null, as a property an event leaves empty, is absent.
  const pick = (key: 'value' | 'currency' | 'id') =>
    source[mapping ? (mapping[key] ?? '') : key] ?? undefined
  const value = pick('value')
  const currency = pick('currency')
  const ref = pick('id')
  const externalId = ref === undefined ? ref : `${ref}`
  return typeof name === 'string' &&
    OUTCOME_NAME.test(name) &&
    (value === undefined || Number.isFinite(value)) &&
    (currency === undefined || CURRENCY.test(currency as string)) &&
    (externalId === undefined || (!!externalId && externalId.length <= MAX_SHORT_STRING))
    ? {
        id,
        kind: 'outcome',
        name,
        value: value as number | undefined,
        currency: currency as string | undefined,
        externalId,
        userId: userId ?? undefined,
        createdAt,
      }
    : `takes a name of 1..64 a-z 0-9 _ . : - like "purchase", and optionally a finite value, an ISO 4217 currency like "EUR" and an id of 1..${MAX_SHORT_STRING} characters; got ${JSON.stringify({ name, value, currency, id: ref })}`
}
