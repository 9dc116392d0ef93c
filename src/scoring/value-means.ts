import { type Estimate, unknown } from './estimate'
import { t975 } from './t'

/**
 * Values of a group summed, as a database sums them (`count(*)`, `sum(v)`, `sum(v * v)`): e.g.
 * what each respondent spent in the 90 days after their answer, 0 for those who spent nothing.
 */
export interface Moments {
  n: number
  sum: number
  sumOfSquares: number
}

/** The mean and the squared standard error of the mean; a spread never negative from rounding. */
export function meanAndError({
  n,
  sum,
  sumOfSquares,
}: Moments): [mean: number, squaredError: number] {
  const mean = sum / n
  return [mean, Math.max(0, sumOfSquares - sum * mean) / (n - 1) / n]
}

const estimate = (value: number, half: number): Estimate => ({
  value,
  interval: [value - half, value + half],
})

/**
 * The mean of a group's values with its 95 % Student t interval (n − 1 degrees of freedom), e.g.
 * the value per respondent; `null` fields for fewer than 2 values. Sound for skewed values such as
 * order totals once there are a few dozen (tests/node/outcome-intervals.test.ts measures it).
 */
export function meanInterval(m: Moments): Estimate {
  if (!(m.n > 1)) return unknown()
  const [mean, squaredError] = meanAndError(m)
  return estimate(mean, t975(m.n - 1) * Math.sqrt(squaredError))
}

/**
 * The difference of two groups' means `a − b` (promoters' value per respondent against
 * detractors') with Welch's 95 % interval: unequal spreads, its degrees of freedom by
 * Welch–Satterthwaite. `null` fields when either side has fewer than 2 values.
 */
export function meanDifference(a: Moments, b: Moments): Estimate {
  if (!(a.n > 1 && b.n > 1)) return unknown()
  const [ma, ea] = meanAndError(a)
  const [mb, eb] = meanAndError(b)
  const squaredError = ea + eb
  const df = squaredError ** 2 / (ea ** 2 / (a.n - 1) + eb ** 2 / (b.n - 1))
  // No spread on either side: the difference is known exactly (df is NaN, t975 Infinity).
  return estimate(ma - mb, squaredError > 0 ? t975(df) * Math.sqrt(squaredError) : 0)
}
