import { type Moments, meanInterval } from './value-means'

/** The mean of answers on a 1..N scale, with its 95 % interval. Used by CES and CSAT. */
export interface ScaleSummary {
  /** Number of valid answers. */
  n: number
  /** Mean answer, on the scale (e.g. 1..7); `null` when `n` is 0. */
  mean: number | null
  /**
   * The 95 % interval of the mean, by Student's t: `mean ± t(0.975, n − 1) · s / √n` with `s` the
   * sample standard deviation, clamped to the scale. One answer says nothing of the spread: its
   * interval is the whole scale. `null` when `n` is 0.
   */
  interval: [number, number] | null
  /** `distribution[k]` = number of answers equal to `k + 1`. */
  distribution: number[]
}

/**
 * Mean and interval from counts per score (`counts[k]` answers of `k + 1`), exactly: the sums are
 * of small integers, so splitting the data and merging the counts gives the same result.
 * Also returns the share of answers at or above `topFrom` (the top box).
 */
export function summarizeScale(
  counts: readonly number[],
  topFrom: number,
): ScaleSummary & { topShare: number | null } {
  const moments = scaleMoments(counts)
  const { n } = moments
  let top = 0
  counts.forEach((count, k) => {
    if (k + 1 >= topFrom) top += count
  })
  const distribution = counts.slice()
  if (n === 0) return { n, mean: null, interval: null, distribution, topShare: null }
  const highest = counts.length
  const [low, high] = meanInterval(moments).interval ?? [1, highest]
  const interval: [number, number] = [Math.max(1, low), Math.min(highest, high)]
  return { n, mean: moments.sum / n, interval, distribution, topShare: top / n }
}

/** The sums of answers on a 1..N scale from their counts (`counts[k]` answers of `k + 1`). */
export function scaleMoments(counts: readonly number[]): Moments {
  let n = 0
  let sum = 0
  let sumOfSquares = 0
  counts.forEach((count, k) => {
    n += count
    sum += count * (k + 1)
    sumOfSquares += count * (k + 1) ** 2
  })
  return { n, sum, sumOfSquares }
}
