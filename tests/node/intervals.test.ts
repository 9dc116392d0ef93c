// Coverage of koe/scoring's 95 % intervals by simulation: how often the interval of a sample holds
// the true value. A fixed seed makes every run draw the same samples.
import { describe, expect, it } from 'vitest'
import { seededRandom as random } from '../../src/lib/seeded-random'
import { ces, nps } from '../../src/scoring'
import { t975 } from '../../src/scoring/t'

/** Draws `n` scores from a distribution given as weights of scores `first`, `first + 1`, … */
function sampler(weights: number[], first: number, next: () => number) {
  const total = weights.reduce((a, b) => a + b, 0)
  const cumulative = weights.map(
    (
      (sum) => (w) =>
        (sum += w / total)
    )(0),
  )
  return (n: number) => {
    const scores = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      const u = next()
      let k = 0
      while (k < cumulative.length - 1 && u > (cumulative[k] as number)) k++
      scores[i] = first + k
    }
    return scores
  }
}

const SIZES = [10, 30, 100, 1_000]
/** Samples per distribution and size: the coverage's own error is then about ±0.5 %. */
const RUNS = 2_000

describe('the 95 % intervals cover the true value 93–97 % of the time', () => {
  // NPS: promoter / passive / detractor shares, from a loved brand to a struggling one.
  const NPS_CASES: [string, number, number, number][] = [
    ['loved (70/20/10)', 0.7, 0.2, 0.1],
    ['typical (45/35/20)', 0.45, 0.35, 0.2],
    ['split (40/20/40)', 0.4, 0.2, 0.4],
    ['struggling (15/30/55)', 0.15, 0.3, 0.55],
  ]
  for (const [name, promoters, passives, detractors] of NPS_CASES) {
    it(`NPS, adjusted Wald, ${name}`, () => {
      const next = random(20_161_027)
      // Scores 10, 7 and 0 stand for the three groups.
      const weights = [detractors, 0, 0, 0, 0, 0, 0, passives, 0, 0, promoters]
      const draw = sampler(weights, 0, next)
      const truth = 100 * (promoters - detractors)
      for (const n of SIZES) {
        let covered = 0
        for (let run = 0; run < RUNS; run++) {
          const [low, high] = nps(draw(n)).interval as [number, number]
          if (low <= truth && truth <= high) covered++
        }
        expect(covered / RUNS, `n = ${n}`).toBeGreaterThanOrEqual(0.93)
        expect(covered / RUNS, `n = ${n}`).toBeLessThanOrEqual(0.97)
      }
    })
  }

  // CES on 1..7: answers as sites see them, from mostly easy to mostly hard. The t interval
  // assumes a mean that is about normal; for answers piled against one end of the scale that
  // needs more answers: with this seed, mostly easy covers 88 % at n = 10 and 92 % at n = 30,
  // mostly hard 91 % at n = 10. Each is held to the band from the size where it gets there;
  // docs/scoring.md says so.
  const CES_CASES: [string, number[], number][] = [
    ['middling', [5, 10, 15, 25, 20, 15, 10], 10],
    ['spread', [15, 10, 10, 15, 15, 15, 20], 10],
    ['mostly easy', [1, 1, 2, 4, 10, 30, 52], 100],
    ['mostly hard', [35, 25, 15, 10, 8, 5, 2], 30],
  ]
  for (const [name, weights, from] of CES_CASES) {
    it(`CES mean, Student's t, ${name}, from n = ${from}`, () => {
      const next = random(7)
      const draw = sampler(weights, 1, next)
      const total = weights.reduce((a, b) => a + b, 0)
      const truth = weights.reduce((sum, w, k) => sum + (w / total) * (k + 1), 0)
      for (const n of SIZES.filter((size) => size >= from)) {
        let covered = 0
        for (let run = 0; run < RUNS; run++) {
          const [low, high] = ces(draw(n)).interval as [number, number]
          if (low <= truth && truth <= high) covered++
        }
        expect(covered / RUNS, `n = ${n}`).toBeGreaterThanOrEqual(0.93)
        expect(covered / RUNS, `n = ${n}`).toBeLessThanOrEqual(0.97)
      }
    })
  }
})

describe('small samples', () => {
  it('gives one answer a wide interval, not a zero-width one', () => {
    const one = nps([9])
    expect(one.score).toBe(100)
    expect((one.interval?.[1] ?? 0) - (one.interval?.[0] ?? 0)).toBeGreaterThan(100)
    expect(ces([6]).interval).toEqual([1, 7])
  })

  it('keeps every interval on the scale', () => {
    for (const scores of [
      [10, 10, 10],
      [0, 0],
      [10, 0, 10, 0, 9],
    ]) {
      const [low, high] = nps(scores).interval as [number, number]
      expect(low).toBeGreaterThanOrEqual(-100)
      expect(high).toBeLessThanOrEqual(100)
    }
    const [low, high] = ces([7, 7, 6, 7], { scale: 7 }).interval as [number, number]
    expect(low).toBeGreaterThanOrEqual(1)
    expect(high).toBe(7)
  })

  it('uses Student’s t: the published values, and the normal one in the limit', () => {
    expect(t975(1)).toBeCloseTo(12.7062, 4)
    expect(t975(4)).toBeCloseTo(2.7764, 4)
    expect(t975(5)).toBeCloseTo(2.5706, 4)
    expect(t975(6)).toBeCloseTo(2.4469, 3)
    expect(t975(9)).toBeCloseTo(2.2622, 3)
    expect(t975(30)).toBeCloseTo(2.0423, 4)
    expect(t975(40)).toBeCloseTo(2.0211, 3)
    expect(t975(120)).toBeCloseTo(1.9799, 3)
    expect(t975(1e6)).toBeCloseTo(1.96, 3)
  })
})
