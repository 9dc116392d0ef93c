import { throwInvalidScore } from './errors'
import { histogram } from './histogram'
import type { ScoresInput } from './scores-input'

/** The plain-JSON form of an accumulator: which metric, and the count of each score. */
export interface AccumulatorJSON {
  /** `'nps'`, `'ces'` or `'csat'`. */
  kind: 'nps' | 'ces' | 'csat'
  /** CES only: 7 or 5. */
  scale?: 7 | 5
  /** `counts[k]` = answers equal to the lowest score + k (0 for NPS, 1 for CES and CSAT). */
  counts: number[]
}

/**
 * A running score that can be split and merged: it keeps the count of each score, so merging
 * the parts of any partition of the data gives exactly what scoring the whole would.
 */
export interface Accumulator<R> {
  /** Adds one answer; throws a `RangeError`/`TypeError` for an invalid score. */
  add(score: number): void
  /** Adds many answers (array, typed array or iterable); throws like the scoring functions. */
  addAll(scores: ScoresInput): void
  /** Adds the counts of another accumulator of the same kind, or of its JSON. */
  merge(other: Accumulator<R> | AccumulatorJSON): void
  /** The score of everything added so far. */
  result(): R
  /** Plain JSON to store or send between workers; read back with `fromJSON`. */
  toJSON(): AccumulatorJSON
}

/** What distinguishes one metric's accumulator. */
export interface Metric<R> {
  kind: AccumulatorJSON['kind']
  scale?: 7 | 5
  min: number
  max: number
  fromCounts(counts: readonly number[]): R
}

/** Creates an accumulator for a metric, starting from `counts` when given. */
export function createCountsAccumulator<R>(
  metric: Metric<R>,
  initial?: readonly number[],
): Accumulator<R> {
  const { min, max } = metric
  const counts = initial ? initial.slice() : new Array<number>(max - min + 1).fill(0)
  const accumulator: Accumulator<R> = {
    add(score) {
      const k = score - min
      if (!(typeof score === 'number' && k >= 0 && k <= max - min && Number.isInteger(k))) {
        throwInvalidScore(score, 'score', min, max)
      }
      counts[k] = (counts[k] as number) + 1
    },
    addAll(scores) {
      histogram(scores, min, max).counts.forEach((count, k) => {
        counts[k] = (counts[k] as number) + count
      })
    },
    merge(other) {
      const json = 'toJSON' in other ? other.toJSON() : other
      const checked = checkJSON(json, metric)
      checked.forEach((count, k) => {
        counts[k] = (counts[k] as number) + count
      })
    },
    result: () => metric.fromCounts(counts),
    toJSON: () => ({
      kind: metric.kind,
      ...(metric.scale ? { scale: metric.scale } : {}),
      counts: counts.slice(),
    }),
  }
  return accumulator
}

/** Checks accumulator JSON against a metric; throws a `TypeError` saying what does not fit. */
export function checkJSON(json: unknown, metric: Metric<unknown>): number[] {
  const value = json as Partial<AccumulatorJSON> | null
  const size = metric.max - metric.min + 1
  const counts = value?.counts
  if (
    value?.kind !== metric.kind ||
    value.scale !== metric.scale ||
    !Array.isArray(counts) ||
    counts.length !== size ||
    !counts.every((c) => Number.isSafeInteger(c) && c >= 0)
  )
    throw new TypeError(
      `koe/scoring: expected a ${metric.kind}${metric.scale ? ` (scale ${metric.scale})` : ''} accumulator with ${size} counts, got ${JSON.stringify(json)?.slice(0, 80)}`,
    )
  return counts
}

/**
 * The public factory of a fixed metric: `create()` for an empty accumulator, `create.fromJSON()`
 * to rebuild one from `toJSON()` (throwing a `TypeError` for anything else).
 */
export function accumulatorFactory<R>(metric: Metric<R>) {
  return Object.assign((): Accumulator<R> => createCountsAccumulator(metric), {
    fromJSON: (json: unknown): Accumulator<R> =>
      createCountsAccumulator(metric, checkJSON(json, metric)),
  })
}
