/** What to do with a score that is out of range, NaN, fractional or not a number. */
export type InvalidPolicy = 'throw' | 'skip'

/**
 * Throws the typed error for a bad score, `what` naming it (`score at index 7`, so the bad row can
 * be found in the source data): a `TypeError` for a non-number, a `RangeError` for a number
 * outside `min..max` or not an integer.
 */
export function throwInvalidScore(value: unknown, what: string, min: number, max: number): never {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value)
  if (typeof value !== 'number') {
    throw new TypeError(`koe/scoring: ${what} is not a number (got ${shown})`)
  }
  throw new RangeError(`koe/scoring: ${what} must be an integer ${min}..${max} (got ${shown})`)
}
