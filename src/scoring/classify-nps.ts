/** The NPS group of one answer. */
export type NpsGroup = 'detractor' | 'passive' | 'promoter'

/**
 * The NPS group of a 0..10 answer: promoters 9–10, passives 7–8, detractors 0–6.
 * Throws a `RangeError`/`TypeError` for anything that is not an integer 0..10.
 */
export function classifyNps(score: number): NpsGroup {
  if (typeof score !== 'number') {
    throw new TypeError(`koe/scoring: NPS score is not a number (got ${String(score)})`)
  }
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw new RangeError(`koe/scoring: NPS score must be an integer 0..10 (got ${score})`)
  }
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor'
}
