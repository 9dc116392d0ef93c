import { throwInvalidScore } from './errors'

/** The NPS group of one answer. */
export type NpsGroup = 'detractor' | 'passive' | 'promoter'

/**
 * The NPS group of a 0..10 answer: promoters 9–10, passives 7–8, detractors 0–6.
 * Throws a `RangeError`/`TypeError` for anything that is not an integer 0..10.
 */
export function classifyNps(score: number): NpsGroup {
  if (!(Number.isInteger(score) && score >= 0 && score <= 10))
    throwInvalidScore(score, 'NPS score', 0, 10)
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor'
}
