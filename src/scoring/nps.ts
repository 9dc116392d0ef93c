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
  /**
   * Half-width of the 95 % confidence interval, in NPS points, by the adjusted-Wald method (see
   * {@link npsFromCounts}); `null` when `n` is 0.
   */
  marginOfError: number | null
  /**
   * The 95 % interval: the adjusted score ± `marginOfError`, clamped to −100..100. Centred on the
   * adjusted score, not on `score`, so it leans toward 0 when few answered. `null` when `n` is 0.
   */
  interval: [number, number] | null
  /** Invalid scores left out; present only with `{ invalid: 'skip' }`. */
  skipped?: number
}

/**
 * Scores NPS: promoters 9–10, passives 7–8, detractors 0–6, with a 95 % interval by the
 * adjusted-Wald method (see {@link npsFromCounts}).
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

/**
 * Builds an {@link NpsResult} from group counts.
 *
 * The interval is the adjusted-Wald interval of Rocks (2016, "Interval estimation for the 'net
 * promoter score'", The American Statistician 70(4)), the best of the six methods compared there:
 * add 3 to `n` and ¾ to each of promoters and detractors, then take the Wald interval of the
 * adjusted shares `p′ − d′ ± 1.96 · √((p′ + d′ − (p′ − d′)²) / (n + 3))`. One answer gives a wide
 * interval (the plain Wald interval would give none), and the coverage stays near 95 % from
 * n = 10 (tests/node/intervals.test.ts).
 */
export function npsFromCounts(promoters: number, passives: number, detractors: number): NpsResult {
  const n = promoters + passives + detractors
  const counts = { n, promoters, passives, detractors }
  if (n === 0) return { ...counts, score: null, marginOfError: null, interval: null }
  const score = (100 * (promoters - detractors)) / n
  const adjustedN = n + 3
  const p = (promoters + 0.75) / adjustedN
  const d = (detractors + 0.75) / adjustedN
  const marginOfError = Z95 * 100 * Math.sqrt((p + d - (p - d) ** 2) / adjustedN)
  const center = 100 * (p - d)
  const interval: [number, number] = [
    Math.max(-100, center - marginOfError),
    Math.min(100, center + marginOfError),
  ]
  return { ...counts, score, marginOfError, interval }
}
