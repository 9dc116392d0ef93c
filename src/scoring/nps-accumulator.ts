import {
  type Accumulator,
  checkJSON,
  createCountsAccumulator,
  type Metric,
} from './counts-accumulator'
import { type NpsResult, npsFromHistogram } from './nps'

const NPS: Metric<NpsResult> = { kind: 'nps', min: 0, max: 10, fromCounts: npsFromHistogram }

/** An NPS accumulator: `add`, `merge`, `result()` as {@link nps}, `toJSON`. */
export type NpsAccumulator = Accumulator<NpsResult>

/** Creates an empty NPS accumulator. */
export function createNpsAccumulator(): NpsAccumulator {
  return createCountsAccumulator(NPS)
}

/** Rebuilds an NPS accumulator from its `toJSON()`; throws a `TypeError` for anything else. */
createNpsAccumulator.fromJSON = (json: unknown): NpsAccumulator =>
  createCountsAccumulator(NPS, checkJSON(json, NPS))
