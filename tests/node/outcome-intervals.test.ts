// The loyalty view's statistics (issue 30): the share who bought again with its Wilson interval,
// the difference of two shares with Newcombe's, and the value per respondent with Student's t
// and Welch's. Shares are checked exactly, over every outcome of the binomial; means by
// simulation with a fixed seed, as tests/node/intervals.test.ts does for NPS and CES.
import { describe, expect, it } from 'vitest'
import { seededRandom as random } from '../../src/lib/seeded-random'
import {
  compareProportions,
  type Moments,
  meanDifference,
  meanInterval,
  wilson,
} from '../../src/scoring'

/** P(X = k) for k = 0..n of a binomial(n, p). */
function binomial(n: number, p: number): number[] {
  const out: number[] = []
  let ways = 1
  for (let k = 0; k <= n; k++) {
    out.push(ways * p ** k * (1 - p) ** (n - k))
    ways = (ways * (n - k)) / (k + 1)
  }
  return out
}

const covers = (interval: [number, number] | null, truth: number) =>
  interval !== null && interval[0] <= truth && truth <= interval[1]

describe('the share who had an outcome: Wilson', () => {
  // Exact coverage: the probability of every count times whether its interval holds p.
  const coverage = (n: number, p: number) =>
    binomial(n, p).reduce((sum, q, k) => sum + (covers(wilson(k, n), p) ? q : 0), 0)

  it.each([0.1, 0.2, 0.5, 0.6, 0.9])('covers p = %s 93 to 98 times in 100 from 30 people', (p) => {
    for (const n of [30, 100, 1_000]) {
      const c = coverage(n, p)
      expect(c, `n = ${n}`).toBeGreaterThanOrEqual(0.93)
      expect(c, `n = ${n}`).toBeLessThanOrEqual(0.98)
    }
  })

  it('stays above 91 % where the textbook interval collapses: a rare outcome among 10', () => {
    // p ± 1.96·√(p(1−p)/n) covers p = 0.05 among 10 people 40 % of the time (it is [0, 0] at 0).
    for (const n of [10, 20]) expect(coverage(n, 0.05)).toBeGreaterThan(0.91)
  })

  it('stays inside 0..1 and is never empty at 0 or n', () => {
    const [lo0, hi0] = wilson(0, 12) as [number, number]
    expect(lo0).toBe(0)
    expect(hi0).toBeCloseTo(0.2425, 4)
    const [loN, hiN] = wilson(12, 12) as [number, number]
    expect(loN).toBeCloseTo(0.7575, 4)
    expect(hiN).toBe(1)
    // A published value (Newcombe 1998, table I): 81 of 263 gives 0.2553..0.3662.
    const [lo, hi] = wilson(81, 263) as [number, number]
    expect(lo).toBeCloseTo(0.2553, 4)
    expect(hi).toBeCloseTo(0.3662, 4)
    expect(wilson(0, 0)).toBeNull()
  })

  it('throws a typed error for a count that is not 0..n', () => {
    expect(() => wilson(3, 2)).toThrow(RangeError)
    expect(() => wilson(-1, 2)).toThrow(RangeError)
    expect(() => wilson(0.5, 2)).toThrow(RangeError)
    expect(() => wilson(1, 2.5)).toThrow(RangeError)
    expect(() => wilson('1' as unknown as number, 2)).toThrow(TypeError)
  })
})

describe('the difference of two shares: Newcombe', () => {
  const coverage = (na: number, pa: number, nb: number, pb: number) => {
    const b = binomial(nb, pb)
    let sum = 0
    binomial(na, pa).forEach((qa, ka) => {
      b.forEach((qb, kb) => {
        const { interval } = compareProportions({ count: ka, n: na }, { count: kb, n: nb })
        if (covers(interval, pa - pb)) sum += qa * qb
      })
    })
    return sum
  }

  it.each([
    [0.6, 0.2],
    [0.3, 0.25],
    [0.9, 0.5],
    [0.1, 0.05],
  ])('covers %s − %s 93 to 98 times in 100 for groups of 30 and 20 and larger', (pa, pb) => {
    for (const [na, nb] of [
      [30, 20],
      [100, 50],
      [1_000, 300],
    ] as const) {
      const c = coverage(na, pa, nb, pb)
      expect(c, `${na} and ${nb}`).toBeGreaterThanOrEqual(0.93)
      expect(c, `${na} and ${nb}`).toBeLessThanOrEqual(0.98)
    }
  })

  it('matches a published example and says nothing for an empty group', () => {
    // Newcombe 1998, table II, example (a): 56/70 − 48/80 = 0.2, interval 0.0524..0.3339.
    const { value, interval } = compareProportions({ count: 56, n: 70 }, { count: 48, n: 80 })
    expect(value).toBeCloseTo(0.2, 10)
    expect(interval?.[0]).toBeCloseTo(0.0524, 4)
    expect(interval?.[1]).toBeCloseTo(0.3339, 4)
    expect(compareProportions({ count: 0, n: 0 }, { count: 1, n: 4 })).toEqual({
      value: null,
      interval: null,
    })
  })
})

/**
 * What a respondent spends in the window, skewed as shop revenue is: nothing for most, else an
 * order of 20..120 (uniform), and a few big ones. Its true mean is `buyShare · 80`.
 */
const spend = (next: () => number, buyShare: number) =>
  next() < buyShare ? (next() < 0.9 ? 20 + 100 * next() : 20 + 380 * next()) : 0
/** The true mean of `spend`: 0.9 · 70 + 0.1 · 210 = 84 per buyer. */
const PER_BUYER = 0.9 * 70 + 0.1 * 210

function moments(values: number[]): Moments {
  return {
    n: values.length,
    sum: values.reduce((a, b) => a + b, 0),
    sumOfSquares: values.reduce((a, b) => a + b * b, 0),
  }
}

describe('the value per respondent: Student t and Welch', () => {
  const RUNS = 2_000

  // Revenue is skewed (most spend nothing, a few spend much), so at 50 people the t interval
  // covers a little less than it says: 91.5 % here. The floor says so rather than hide it.
  it('covers the true mean 90–97 % of the time from 50 respondents, 93–97 % from 200', () => {
    const next = random(20_261_207)
    for (const [n, floor] of [
      [50, 0.9],
      [200, 0.93],
    ] as const) {
      let covered = 0
      for (let run = 0; run < RUNS; run++) {
        const values = Array.from({ length: n }, () => spend(next, 0.4))
        if (covers(meanInterval(moments(values)).interval, 0.4 * PER_BUYER)) covered++
      }
      expect(covered / RUNS, `n = ${n}`).toBeGreaterThanOrEqual(floor)
      expect(covered / RUNS, `n = ${n}`).toBeLessThanOrEqual(0.97)
    }
  })

  it('covers the true difference of unequal groups 93–97 % of the time', () => {
    const next = random(30)
    let covered = 0
    for (let run = 0; run < RUNS; run++) {
      const promoters = Array.from({ length: 300 }, () => spend(next, 0.6))
      const detractors = Array.from({ length: 60 }, () => spend(next, 0.2))
      const { interval } = meanDifference(moments(promoters), moments(detractors))
      if (covers(interval, 0.4 * PER_BUYER)) covered++
    }
    expect(covered / RUNS).toBeGreaterThanOrEqual(0.93)
    expect(covered / RUNS).toBeLessThanOrEqual(0.97)
  })

  it('gives the textbook numbers and nothing for fewer than two values', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, s = 2.138, t(0.975, 7) = 2.3646 → 5 ± 1.7875.
    const m = moments([2, 4, 4, 4, 5, 5, 7, 9])
    const { value, interval } = meanInterval(m)
    expect(value).toBe(5)
    expect(interval?.[0]).toBeCloseTo(3.2125, 3)
    expect(interval?.[1]).toBeCloseTo(6.7875, 3)
    expect(meanInterval(moments([3]))).toEqual({ value: null, interval: null })
    expect(meanDifference(m, moments([]))).toEqual({ value: null, interval: null })
    // No spread on either side: the difference is known exactly.
    expect(meanDifference(moments([3, 3]), moments([1, 1, 1]))).toEqual({
      value: 2,
      interval: [2, 2],
    })
  })
})
