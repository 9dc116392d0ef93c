import type { InvalidPolicy } from './errors'
import { histogram } from './histogram'
import { summarizeScale } from './scale-result'
import type { ScoresInput } from './scores-input'

/** CES scales Koe supports: 1..7 (default) or 1..5, 1 = very difficult. */
export type CesScale = 7 | 5

/** Options of {@link ces}. */
export interface CesOptions {
  /** 7 (default) or 5. */
  scale?: CesScale
  /** `'throw'` (default) or `'skip'` invalid scores. */
  invalid?: InvalidPolicy
}

/** Customer Effort Score of a set of answers. */
export interface CesResult {
  /** Number of valid answers. */
  n: number
  /** Mean answer, 1..scale; `null` when `n` is 0. */
  mean: number | null
  /** Share of "easy" answers (top box: 5–7 of 7, 4–5 of 5), 0..1; `null` when `n` is 0. */
  easyShare: number | null
  /** 95 % interval of the mean, `mean ± 1.96 · s / √n`; `null` when `n` < 2. */
  interval: [number, number] | null
  /** `distribution[k]` = number of answers equal to `k + 1`. */
  distribution: number[]
  /** Invalid scores left out; present only with `{ invalid: 'skip' }`. */
  skipped?: number
}

/** First score of the top box ("easy") on each scale. */
export const CES_EASY_FROM: Record<CesScale, number> = { 7: 5, 5: 4 }

/** Checks a CES scale argument. */
export function cesScale(scale: unknown = 7): CesScale {
  if (scale !== 7 && scale !== 5)
    throw new RangeError(`koe/scoring: CES scale must be 7 or 5 (got ${String(scale)})`)
  return scale
}

/** Builds a {@link CesResult} from counts per score. */
export function cesFromCounts(counts: readonly number[], scale: CesScale): CesResult {
  const { topShare, ...summary } = summarizeScale(counts, CES_EASY_FROM[scale])
  return { ...summary, easyShare: topShare }
}

/** Scores CES: mean, easy share (top box), distribution and the 95 % interval of the mean. */
export function ces(scores: ScoresInput, options: CesOptions = {}): CesResult {
  const scale = cesScale(options.scale)
  const { counts, skipped } = histogram(scores, 1, scale, options.invalid)
  const result = cesFromCounts(counts, scale)
  if (options.invalid === 'skip') result.skipped = skipped
  return result
}
