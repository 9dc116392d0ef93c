import { throwInvalidScore } from './errors'
import { type Estimate, unknown } from './estimate'
import { Z95 } from './z'

/** How many of `n` had something (bought again, churned, …). */
export interface Count {
  count: number
  n: number
}

/** Throws a `TypeError`/`RangeError` unless `count` is an integer 0..n of an integer `n`. */
function check(count: number, n: number) {
  if (!(count >= 0 && count <= n && Number.isInteger(count) && Number.isInteger(n)))
    throwInvalidScore(count, `count of n = ${n}`, 0, n)
}

/**
 * The 95 % Wilson score interval of the share `count / n` (Wilson 1927), as fractions 0..1;
 * `null` when `n` is 0. Unlike the textbook `p ± 1.96·√(p(1−p)/n)` it stays inside 0..1, is not
 * empty at 0 or n, and covers near 95 % even for a few dozen people or a rare outcome (Brown, Cai
 * and DasGupta 2001); tests/node/outcome-intervals.test.ts measures it.
 */
export function wilson(count: number, n: number): [number, number] | null {
  check(count, n)
  if (n === 0) return null
  const z2 = Z95 * Z95
  const centre = (count + z2 / 2) / (n + z2)
  const half = (Z95 * Math.sqrt((count * (n - count)) / n + z2 / 4)) / (n + z2)
  return [Math.max(0, centre - half), Math.min(1, centre + half)]
}

/**
 * Compares two shares, e.g. how many promoters bought again against how many detractors did:
 * `a − b` with Newcombe's hybrid score interval (Newcombe 1998, method 10), built from each
 * side's Wilson interval, so it stays sound where the Wald interval of a difference fails (small
 * groups, shares near 0 or 1). `value` is `a − b`, a fraction −1..1; `null` fields when a side has
 * no one.
 */
export function compareProportions(a: Count, b: Count): Estimate {
  const ia = wilson(a.count, a.n)
  const ib = wilson(b.count, b.n)
  if (!ia || !ib) return unknown()
  const pa = a.count / a.n
  const pb = b.count / b.n
  const value = pa - pb
  return {
    value,
    interval: [
      value - Math.hypot(pa - ia[0], ib[1] - pb),
      value + Math.hypot(ia[1] - pa, pb - ib[0]),
    ],
  }
}
