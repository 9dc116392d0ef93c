/** What to do with a score that is out of range, NaN, fractional or not a number. */
export type InvalidPolicy = 'throw' | 'skip'

/**
 * Throws the typed error for a bad score at `index`: a `TypeError` for a non-number, a
 * `RangeError` for a number outside `min..max` or not an integer. The message names the index so
 * the bad row can be found in the source data.
 */
export function throwInvalidScore(value: unknown, index: number, min: number, max: number): never {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value)
  if (typeof value !== 'number') {
    throw new TypeError(`koe/scoring: score at index ${index} is not a number (got ${shown})`)
  }
  throw new RangeError(
    `koe/scoring: score at index ${index} must be an integer ${min}..${max} (got ${shown})`,
  )
}
