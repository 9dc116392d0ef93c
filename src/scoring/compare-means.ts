import type { CesAccumulator } from './ces-accumulator'
import type { NpsComparison } from './compare-nps'
import { resultOf } from './result-of'
import { type ScaleSummary, scaleMoments } from './scale-result'
import { meanAndError } from './value-means'
import { noComparison, zTest } from './z'

/** A CES or CSAT result (or its accumulator): the mean of answers on a 1..N scale. */
type ScaleInput = ScaleSummary | Pick<CesAccumulator, 'result'>

/**
 * Compares two CES (or CSAT) means, e.g. this month against last month: the CES counterpart of
 * {@link compareNps}. `difference` is `a.mean − b.mean` in scale points; the test is Welch's
 * (unequal variances) with the normal approximation, sound for n ≥ 30 or so on each side.
 * `null` fields when either side has fewer than 2 answers.
 */
export function compareMeans(a: ScaleInput, b: ScaleInput): NpsComparison {
  const ra = resultOf(a)
  const rb = resultOf(b)
  if (ra.n < 2 || rb.n < 2) return noComparison()
  const [ma, ea] = meanAndError(scaleMoments(ra.distribution))
  const [mb, eb] = meanAndError(scaleMoments(rb.distribution))
  const difference = ma - mb
  const standardError = Math.sqrt(ea + eb)
  return zTest(difference, standardError)
}
