import type { CesAccumulator } from './ces-accumulator'
import type { NpsComparison } from './compare-nps'
import type { ScaleSummary } from './scale-result'
import { zTest } from './z'

/** A CES or CSAT result (or its accumulator): the mean of answers on a 1..N scale. */
type ScaleInput = ScaleSummary | Pick<CesAccumulator, 'result'>

/** The mean and the squared standard error of the mean, from the distribution. */
function moments(r: ScaleSummary): [mean: number, squaredError: number] {
  const mean = r.mean as number
  let squares = 0
  r.distribution.forEach((count, k) => {
    squares += count * (k + 1 - mean) ** 2
  })
  return [mean, r.n > 1 ? squares / (r.n - 1) / r.n : 0]
}

/**
 * Compares two CES (or CSAT) means, e.g. this month against last month: the CES counterpart of
 * {@link compareNps}. `difference` is `a.mean − b.mean` in scale points; the test is Welch's
 * (unequal variances) with the normal approximation, sound for n ≥ 30 or so on each side.
 * `null` fields when either side has fewer than 2 answers.
 */
export function compareMeans(a: ScaleInput, b: ScaleInput): NpsComparison {
  const ra = 'result' in a ? a.result() : a
  const rb = 'result' in b ? b.result() : b
  if (ra.n < 2 || rb.n < 2) return { difference: null, standardError: null, z: null, p: null }
  const [ma, ea] = moments(ra)
  const [mb, eb] = moments(rb)
  const difference = ma - mb
  const standardError = Math.sqrt(ea + eb)
  return zTest(difference, standardError)
}
