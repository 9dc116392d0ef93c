import type { NpsResult } from './nps'
import type { NpsAccumulator } from './nps-accumulator'
import { resultOf } from './result-of'
import { noComparison, zTest } from './z'

/** Whether two NPS differ by more than chance (a two-sided z-test on independent samples). */
export interface NpsComparison {
  /** `a.score − b.score`, in NPS points; `null` when either sample is empty. */
  difference: number | null
  /** Standard error of the difference, in NPS points. */
  standardError: number | null
  /** `difference / standardError`. */
  z: number | null
  /** Two-sided p-value, 0..1: how often a difference at least this large arises by chance. */
  p: number | null
}

/** Variance of one respondent's NPS contribution (+1, 0, −1) in share units. */
const variance = (r: NpsResult) => {
  const p = r.promoters / r.n
  const d = r.detractors / r.n
  return p + d - (p - d) ** 2
}

/**
 * Compares two NPS, e.g. this month against last month: "did our NPS really move?". Each side is
 * an {@link NpsResult} or an accumulator. Uses the normal approximation, sound for n ≥ 30 or so.
 */
export function compareNps(
  a: NpsResult | NpsAccumulator,
  b: NpsResult | NpsAccumulator,
): NpsComparison {
  const ra = resultOf(a)
  const rb = resultOf(b)
  // A score is null exactly when its side has no answers.
  if (ra.score === null || rb.score === null) return noComparison()
  const difference = ra.score - rb.score
  const standardError = 100 * Math.sqrt(variance(ra) / ra.n + variance(rb) / rb.n)
  return zTest(difference, standardError)
}
