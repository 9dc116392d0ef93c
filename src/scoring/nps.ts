import type { InvalidPolicy } from './errors'
import { histogram } from './histogram'
import type { ScoresInput } from './scores-input'
import { Z95 } from './z'

/** Options of {@link nps}. */
export interface NpsOptions {
  /** `'throw'` (default) stops at the first invalid score; `'skip'` leaves it out and counts it. */
  invalid?: InvalidPolicy
}

/** The Net Promoter Score of a set of 0..10 answers. */
export interface NpsResult {
  /** Number of valid answers scored. */
  n: number
  /** Answers of 9 or 10. */
  promoters: number
  /** Answers of 7 or 8. */
  passives: number
  /** Answers of 0 to 6. */
  detractors: number
  /** % promoters − % detractors, −100..100, not rounded; `null` when `n` is 0. */
  score: number | null
  /** Half-width of the 95 % confidence interval, in NPS points; `null` when `n` is 0. */
  marginOfError: number | null
  /** `score ± marginOfError`, clamped to −100..100; `null` when `n` is 0. */
  interval: [number, number] | null
  /** Invalid scores left out; present only with `{ invalid: 'skip' }`. */
  skipped?: number
}

/**
 * Scores NPS: promoters 9–10, passives 7–8, detractors 0–6.
 *
 * The margin of error is `1.96 · 100 · sqrt((p + d − (p − d)²) / n)` with `p`, `d` the promoter
 * and detractor shares: the normal approximation of the variance of a difference of two
 * proportions from one multinomial sample.
 */
export function nps(scores: ScoresInput, options: NpsOptions = {}): NpsResult {
  const { counts, skipped } = histogram(scores, 0, 10, options.invalid)
  const result = npsFromHistogram(counts)
  if (options.invalid === 'skip') result.skipped = skipped
  return result
}

/** Builds an {@link NpsResult} from counts of each score 0..10 (index = score). */
export function npsFromHistogram(histogram: ArrayLike<number>): NpsResult {
  let detractors = 0
  for (let s = 0; s <= 6; s++) detractors += histogram[s] ?? 0
  const passives = (histogram[7] ?? 0) + (histogram[8] ?? 0)
  const promoters = (histogram[9] ?? 0) + (histogram[10] ?? 0)
  return npsFromCounts(promoters, passives, detractors)
}

/** Builds an {@link NpsResult} from group counts. */
export function npsFromCounts(promoters: number, passives: number, detractors: number): NpsResult {
  const n = promoters + passives + detractors
  if (n === 0) {
    return { n, promoters, passives, detractors, score: null, marginOfError: null, interval: null }
  }
  const p = promoters / n
  const d = detractors / n
  const score = 100 * (p - d)
  // Floating error can push the variance a hair below zero when everyone is in one group.
  const variance = Math.max(0, p + d - (p - d) ** 2)
  const marginOfError = Z95 * 100 * Math.sqrt(variance / n)
  const interval: [number, number] = [
    Math.max(-100, score - marginOfError),
    Math.min(100, score + marginOfError),
  ]
  return { n, promoters, passives, detractors, score, marginOfError, interval }
}
