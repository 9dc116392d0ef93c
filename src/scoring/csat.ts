import type { InvalidPolicy } from './errors'
import { histogram } from './histogram'
import { summarizeScale } from './scale-result'
import type { ScoresInput } from './scores-input'

/** Options of {@link csat}. */
export interface CsatOptions {
  /** `'throw'` (default) or `'skip'` invalid scores. */
  invalid?: InvalidPolicy
}

/** Customer Satisfaction of a set of 1..5 answers. */
export interface CsatResult {
  /** Number of valid answers. */
  n: number
  /** Mean answer, 1..5; `null` when `n` is 0. */
  mean: number | null
  /** Share of satisfied answers (4 or 5), 0..1; `null` when `n` is 0. */
  satisfiedShare: number | null
  /** 95 % interval of the mean, `mean ± 1.96 · s / √n`; `null` when `n` < 2. */
  interval: [number, number] | null
  /** `distribution[k]` = number of answers equal to `k + 1`. */
  distribution: number[]
  /** Invalid scores left out; present only with `{ invalid: 'skip' }`. */
  skipped?: number
}

/** Builds a {@link CsatResult} from counts per score 1..5. */
export function csatFromCounts(counts: readonly number[]): CsatResult {
  const { topShare, ...summary } = summarizeScale(counts, 4)
  return { ...summary, satisfiedShare: topShare }
}

/** Scores CSAT on 1..5: mean, satisfied share (4–5), distribution and the 95 % interval. */
export function csat(scores: ScoresInput, options: CsatOptions = {}): CsatResult {
  const { counts, skipped } = histogram(scores, 1, 5, options.invalid)
  const result = csatFromCounts(counts)
  if (options.invalid === 'skip') result.skipped = skipped
  return result
}
