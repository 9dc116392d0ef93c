import { describe, expect, it } from 'vitest'
import { ces, compareMeans, createCesAccumulator, csat } from '../../src/scoring'

describe('ces', () => {
  it('scores a 7-point sample as computed by hand', () => {
    // 1, 4, 5, 6, 7, 7: n 6, sum 30, mean 5; squares 16+1+0+1+4+4 = 26, s² = 26/5 = 5.2;
    // half-width t(.975, 5) · sqrt(5.2 / 6) = 2.5706 · 0.930949 = 2.393098; the top is clamped to 7.
    const result = ces([1, 4, 5, 6, 7, 7])
    expect(result.n).toBe(6)
    expect(result.mean).toBe(5)
    expect(result.easyShare).toBeCloseTo(4 / 6, 12) // 5, 6, 7, 7
    expect(result.distribution).toEqual([1, 0, 0, 1, 1, 1, 2])
    expect(result.interval?.[0]).toBeCloseTo(5 - 2.393098, 5)
    expect(result.interval?.[1]).toBe(7)
  })

  it('uses the 5-point top box (4–5) and rejects 6 on that scale', () => {
    const result = ces([1, 2, 3, 4, 5], { scale: 5 })
    expect(result).toMatchObject({ n: 5, mean: 3, easyShare: 0.4, distribution: [1, 1, 1, 1, 1] })
    expect(() => ces([6], { scale: 5 })).toThrow(RangeError)
    expect(() => ces([1], { scale: 10 as 7 })).toThrow(/scale/)
  })

  it('is empty at n = 0, and one answer’s interval is the whole scale', () => {
    expect(ces([])).toEqual({
      n: 0,
      mean: null,
      easyShare: null,
      interval: null,
      distribution: [0, 0, 0, 0, 0, 0, 0],
    })
    expect(ces([6])).toMatchObject({ n: 1, mean: 6, easyShare: 1, interval: [1, 7] })
  })

  it('throws naming the index, or skips and counts', () => {
    expect(() => ces([7, 0])).toThrow(/index 1/)
    expect(() => ces([7, 8])).toThrow(RangeError)
    expect(ces([7, 0, 8, 'x', 1], { invalid: 'skip' })).toMatchObject({ n: 2, mean: 4, skipped: 3 })
  })
})

describe('csat', () => {
  it('scores 1..5 with satisfied share 4–5, as computed by hand', () => {
    // 2, 4, 5, 5: mean 4; squares 4+0+1+1 = 6, s² = 2, half-width t(.975, 3) · sqrt(2/4) =
    // 3.1824 · 0.707107 = 2.250297; the top is clamped to 5.
    const result = csat(Int8Array.from([2, 4, 5, 5]))
    expect(result).toMatchObject({
      n: 4,
      mean: 4,
      satisfiedShare: 0.75,
      distribution: [0, 1, 0, 1, 2],
    })
    expect(result.interval?.[0]).toBeCloseTo(4 - 2.250297, 5)
    expect(result.interval?.[1]).toBe(5)
  })

  it('is empty at n = 0 and rejects 0 and 6', () => {
    expect(csat([])).toMatchObject({ n: 0, mean: null, satisfiedShare: null, interval: null })
    expect(() => csat([0])).toThrow(RangeError)
    expect(() => csat([6])).toThrow(RangeError)
  })
})

describe('compareMeans', () => {
  it('is Welch’s test of two CES means, as computed by hand', () => {
    // a: 7, 6, 5 (mean 6, s² 1); b: 4, 2 (mean 3, s² 2). SE = √(1/3 + 2/2) = 1.1547.
    const result = compareMeans(ces([7, 6, 5]), ces([4, 2]))
    expect(result.difference).toBe(3)
    expect(result.standardError).toBeCloseTo(1.154_700_5, 6)
    expect(result.z).toBeCloseTo(2.598_076, 5)
    // Two-sided normal p of z = 2.598: 0.00937.
    expect(result.p).toBeCloseTo(0.009_375, 4)
  })

  it('takes accumulators, and says nothing below two answers a side', () => {
    const a = createCesAccumulator(5)
    a.addAll([5, 4, 4, 5])
    expect(compareMeans(a, ces([3, 3, 4], { scale: 5 })).difference).toBeCloseTo(4.5 - 10 / 3, 10)
    expect(compareMeans(ces([7]), ces([1, 2]))).toEqual({
      difference: null,
      standardError: null,
      z: null,
      p: null,
    })
  })
})
