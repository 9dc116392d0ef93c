import { describe, expect, it } from 'vitest'
import { classifyNps, nps } from '../../src/scoring'

/**
 * The adjusted-Wald margin of error of docs/scoring.md (Rocks 2016), written out independently of
 * the implementation: ¾ added to promoters and detractors, 3 to n.
 */
function expectedMargin(promoters: number, detractors: number, n: number): number {
  const p = (promoters + 0.75) / (n + 3)
  const d = (detractors + 0.75) / (n + 3)
  return 1.96 * 100 * Math.sqrt((p + d - (p - d) ** 2) / (n + 3))
}

describe('classifyNps', () => {
  it('puts 0–6 in detractors, 7–8 in passives and 9–10 in promoters', () => {
    const groups = Array.from({ length: 11 }, (_, s) => classifyNps(s))
    expect(groups).toEqual([
      ...Array(7).fill('detractor'),
      'passive',
      'passive',
      'promoter',
      'promoter',
    ])
  })

  it('throws a RangeError for scores outside 0..10 or fractional, a TypeError for non-numbers', () => {
    expect(() => classifyNps(11)).toThrow(RangeError)
    expect(() => classifyNps(-1)).toThrow(RangeError)
    expect(() => classifyNps(7.5)).toThrow(RangeError)
    expect(() => classifyNps(Number.NaN)).toThrow(RangeError)
    expect(() => classifyNps('9' as unknown as number)).toThrow(TypeError)
  })
})

describe('nps', () => {
  it('scores a mixed sample as computed by hand', () => {
    // 5 promoters, 3 passives, 2 detractors of 10: NPS = 50 % − 20 % = 30.
    const result = nps([10, 9, 9, 10, 9, 8, 7, 7, 3, 0])
    expect(result).toMatchObject({ n: 10, promoters: 5, passives: 3, detractors: 2 })
    expect(result.score).toBeCloseTo(30, 10)
    // Adjusted: p′ = 5.75 / 13, d′ = 2.75 / 13, centre 100 · 3 / 13 = 23.0769;
    // p′ + d′ − (p′ − d′)² = .653846 − .053254 = .600592; 196 · sqrt(.600592 / 13) = 42.1283.
    expect(result.marginOfError).toBeCloseTo(42.12831, 4)
    expect(result.marginOfError).toBeCloseTo(expectedMargin(5, 2, 10), 10)
    expect(result.interval?.[0]).toBeCloseTo(23.07692 - 42.12831, 4)
    expect(result.interval?.[1]).toBeCloseTo(23.07692 + 42.12831, 4)
  })

  it('returns an empty result, never NaN, when there are no scores', () => {
    expect(nps([])).toEqual({
      n: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      score: null,
      marginOfError: null,
      interval: null,
    })
  })

  it('gives a single answer a wide interval (the plain Wald interval gave it none)', () => {
    // p′ = 1.75 / 4, d′ = .75 / 4: centre 25, margin 196 · sqrt((.625 − .0625) / 4) = 73.5.
    expect(nps([9])).toMatchObject({
      n: 1,
      score: 100,
      marginOfError: 73.5,
      interval: [-48.5, 98.5],
    })
    expect(nps([0])).toMatchObject({
      n: 1,
      score: -100,
      marginOfError: 73.5,
      interval: [-98.5, 48.5],
    })
  })

  it('gives +100 for all promoters and −100 for all detractors', () => {
    expect(nps([9, 10, 10, 9]).score).toBe(100)
    expect(nps([0, 1, 2, 3, 4, 5, 6]).score).toBe(-100)
  })

  it('clamps the interval to −100..100', () => {
    // Ten promoters: p′ = 10.75 / 13, d′ = .75 / 13, centre 100 · 10 / 13 = 76.92; margin
    // 196 · sqrt((11.5 / 13 − (10 / 13)²) / 13) = 29.42, so the upper end (106.3) is clamped.
    const result = nps(Array(10).fill(10))
    expect(result.marginOfError).toBeCloseTo(29.42007, 4)
    expect(result.interval?.[0]).toBeCloseTo(76.92308 - 29.42007, 4)
    expect(result.interval?.[1]).toBe(100)
    for (const scores of [[0], [10, 0], Array(50).fill(0)]) {
      const [low, high] = nps(scores).interval as [number, number]
      expect(low).toBeGreaterThanOrEqual(-100)
      expect(high).toBeLessThanOrEqual(100)
    }
  })

  it('reads typed arrays and iterables the same as arrays', () => {
    const scores = [10, 9, 8, 7, 6, 5, 0]
    const expected = nps(scores)
    expect(nps(Uint8Array.from(scores))).toEqual(expected)
    expect(nps(new Set(scores))).toEqual(expected)
    expect(
      nps(
        (function* () {
          yield* scores
        })(),
      ),
    ).toEqual(expected)
  })

  it('throws a typed error naming the index of the first invalid score', () => {
    expect(() => nps([9, 10, 11])).toThrow(/index 2/)
    expect(() => nps([9, 10, 11])).toThrow(RangeError)
    expect(() => nps([9, Number.NaN])).toThrow(RangeError)
    expect(() => nps([9, 3.5])).toThrow(/index 1/)
    expect(() => nps([9, '10'])).toThrow(TypeError)
    expect(() => nps([null])).toThrow(TypeError)
    expect(() => nps([9, 10n])).toThrow(/index 1/)
    expect(() => nps(Uint8Array.from([9, 200]))).toThrow(/index 1/)
    expect(() => nps(Float64Array.from([9, 9.5]))).toThrow(/index 1/)
  })

  it('skips invalid scores and counts them when asked', () => {
    const result = nps([9, 11, 'x', 0, Number.NaN, 7], { invalid: 'skip' })
    expect(result).toMatchObject({ n: 3, promoters: 1, passives: 1, detractors: 1, skipped: 3 })
    expect(result.score).toBe(0)
  })

  it('handles invalid values in every typed array the same as in plain arrays', () => {
    const values = [9, 200, 11, 0, 7]
    const expected = { n: 3, promoters: 1, passives: 1, detractors: 1, skipped: 2 }
    for (const Typed of [
      Uint8Array,
      Uint8ClampedArray,
      Uint16Array,
      Int16Array,
      Int32Array,
      Float64Array,
    ]) {
      expect(nps(Typed.from(values), { invalid: 'skip' })).toMatchObject(expected)
      expect(() => nps(Typed.from(values))).toThrow(/index 1 .*got 200/)
    }
    expect(nps(Int8Array.from([9, -1, 10]), { invalid: 'skip' })).toMatchObject({
      n: 2,
      skipped: 1,
    })
    expect(() => nps(Int8Array.from([9, -1]))).toThrow(/index 1/)
    // Fractions in a float array and BigInts are checked one by one, as in a plain array.
    expect(() => nps(Float32Array.from([9, 8.5]))).toThrow(/index 1/)
    expect(() => nps(BigInt64Array.from([9n]))).toThrow(/index 0/)
    expect(nps(Uint32Array.from([9, 10, 0]))).toMatchObject({ promoters: 2, detractors: 1 })
  })

  it('scores ten million answers from a Uint8Array exactly', () => {
    const n = 10_000_000
    const scores = new Uint8Array(n)
    // A fixed pattern: each block of 11 holds one of each score 0..10.
    for (let i = 0; i < n; i++) scores[i] = i % 11
    const blocks = Math.floor(n / 11)
    const rest = n % 11 // scores 0..rest-1 once more
    const result = nps(scores)
    const extraDetractors = Math.min(rest, 7)
    expect(result.n).toBe(n)
    expect(result.detractors).toBe(blocks * 7 + extraDetractors)
    expect(result.promoters).toBe(blocks * 2 + Math.max(0, rest - 9))
    expect(result.marginOfError).toBeCloseTo(
      expectedMargin(result.promoters, result.detractors, n),
      10,
    )
  })
})
