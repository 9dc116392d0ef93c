import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ces,
  compareNps,
  createCesAccumulator,
  createCsatAccumulator,
  createNpsAccumulator,
  csat,
  nps,
} from '../../src/scoring'
import { twoSidedP } from '../../src/scoring/z'

/** Cuts `items` into `k` consecutive parts at the given (sorted, clamped) cut points. */
function split<T>(items: T[], cuts: number[]): T[][] {
  const points = [
    0,
    ...cuts.map((c) => Math.min(c, items.length)).sort((a, b) => a - b),
    items.length,
  ]
  return points.slice(1).map((end, i) => items.slice(points[i], end))
}

const metrics = [
  {
    name: 'NPS',
    score: fc.integer({ min: 0, max: 10 }),
    create: createNpsAccumulator,
    whole: (s: number[]) => nps(s),
  },
  {
    name: 'CES 7',
    score: fc.integer({ min: 1, max: 7 }),
    create: () => createCesAccumulator(7),
    whole: (s: number[]) => ces(s),
  },
  {
    name: 'CES 5',
    score: fc.integer({ min: 1, max: 5 }),
    create: () => createCesAccumulator(5),
    whole: (s: number[]) => ces(s, { scale: 5 }),
  },
  {
    name: 'CSAT',
    score: fc.integer({ min: 1, max: 5 }),
    create: createCsatAccumulator,
    whole: (s: number[]) => csat(s),
  },
] as const

describe('accumulators', () => {
  for (const metric of metrics) {
    it(`${metric.name}: merging any split into k parts equals scoring the whole`, () => {
      fc.assert(
        fc.property(
          fc.array(metric.score, { maxLength: 300 }),
          fc.array(fc.nat(300), { maxLength: 6 }),
          (scores, cuts) => {
            const total = metric.create()
            for (const part of split(scores, cuts)) {
              const partial = metric.create()
              for (const s of part) partial.add(s)
              // Half the parts travel as JSON, as between workers.
              total.merge(part.length % 2 ? JSON.parse(JSON.stringify(partial)) : partial)
            }
            expect(total.result()).toEqual(metric.whole(scores))
          },
        ),
        { seed: 20261123, numRuns: 200 },
      )
    })

    it(`${metric.name}: survives toJSON → fromJSON and addAll equals add`, () => {
      fc.assert(
        fc.property(fc.array(metric.score, { maxLength: 200 }), (scores) => {
          const one = metric.create()
          for (const s of scores) one.add(s)
          const many = metric.create()
          many.addAll(Uint8Array.from(scores))
          const restored = (
            metric.name === 'NPS'
              ? createNpsAccumulator
              : metric.name === 'CSAT'
                ? createCsatAccumulator
                : createCesAccumulator
          ).fromJSON(JSON.parse(JSON.stringify(one)))
          expect(many.result()).toEqual(one.result())
          expect(restored.result()).toEqual(one.result())
        }),
        { seed: 7, numRuns: 100 },
      )
    })
  }

  it('refuses to merge different metrics or scales, and bad JSON, with a TypeError', () => {
    expect(() => createNpsAccumulator().merge(createCsatAccumulator().toJSON() as never)).toThrow(
      TypeError,
    )
    expect(() => createCesAccumulator(7).merge(createCesAccumulator(5))).toThrow(TypeError)
    expect(() => createNpsAccumulator.fromJSON({ kind: 'nps', counts: [1, 2] })).toThrow(TypeError)
    expect(() =>
      createNpsAccumulator.fromJSON({ kind: 'nps', counts: Array(11).fill(-1) }),
    ).toThrow(TypeError)
    expect(() => createNpsAccumulator.fromJSON(null)).toThrow(TypeError)
  })

  it('throws for invalid scores on add', () => {
    const a = createNpsAccumulator()
    expect(() => a.add(11)).toThrow(RangeError)
    expect(() => a.add('9' as unknown as number)).toThrow(TypeError)
    expect(a.result().n).toBe(0)
  })
})

describe('compareNps', () => {
  it('computes difference, standard error, z and p as by hand', () => {
    // a: 60 promoters, 20 passives, 20 detractors of 100 → NPS 40; variance .8 − .16 = .64
    // b: 40, 30, 30 of 100 → NPS 10; variance .7 − .01 = .69
    // SE = 100 · sqrt(.64/100 + .69/100) = 100 · sqrt(.0133) = 11.53256; z = 30 / 11.53256 = 2.60133
    // p = 2 · (1 − Φ(2.60133)) = 0.009286
    const a = [...Array(60).fill(10), ...Array(20).fill(7), ...Array(20).fill(0)]
    const b = [...Array(40).fill(9), ...Array(30).fill(8), ...Array(30).fill(3)]
    const result = compareNps(nps(a), nps(b))
    expect(result.difference).toBeCloseTo(30, 10)
    expect(result.standardError).toBeCloseTo(11.53256, 4)
    expect(result.z).toBeCloseTo(2.60133, 4)
    expect(result.p).toBeCloseTo(0.009286, 5)
  })

  it('accepts accumulators, is symmetric in p, and gives p = 1 for equal scores', () => {
    const a = createNpsAccumulator()
    const b = createNpsAccumulator()
    a.addAll([10, 9, 0, 7])
    b.addAll([10, 0, 9, 8])
    const ab = compareNps(a, b)
    expect(ab).toMatchObject({ difference: 0, z: 0 })
    expect(ab.p).toBeCloseTo(1, 6)
    const c = createNpsAccumulator()
    c.addAll([0, 0, 0, 9, 5])
    expect(compareNps(a, c).p).toBeCloseTo(compareNps(c, a).p as number, 12)
  })

  it.each([
    [0, 1],
    [1.0, 0.3173105],
    [1.96, 0.0499958],
    [2.5758293, 0.01],
    [3.2905267, 0.001],
    [-1.96, 0.0499958],
  ])('gives the textbook two-sided p at z = %s', (z, p) => {
    expect(twoSidedP(z)).toBeCloseTo(p, 6)
  })

  it('returns nulls when a side is empty', () => {
    expect(compareNps(nps([]), nps([9]))).toEqual({
      difference: null,
      standardError: null,
      z: null,
      p: null,
    })
  })
})
