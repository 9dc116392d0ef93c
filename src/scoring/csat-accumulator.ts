import {
  type Accumulator,
  checkJSON,
  createCountsAccumulator,
  type Metric,
} from './counts-accumulator'
import { type CsatResult, csatFromCounts } from './csat'

const CSAT: Metric<CsatResult> = { kind: 'csat', min: 1, max: 5, fromCounts: csatFromCounts }

/** A CSAT accumulator: `add`, `merge`, `result()` as {@link csat}, `toJSON`. */
export type CsatAccumulator = Accumulator<CsatResult>

/** Creates an empty CSAT accumulator. */
export function createCsatAccumulator(): CsatAccumulator {
  return createCountsAccumulator(CSAT)
}

/** Rebuilds a CSAT accumulator from its `toJSON()`; throws a `TypeError` for anything else. */
createCsatAccumulator.fromJSON = (json: unknown): CsatAccumulator =>
  createCountsAccumulator(CSAT, checkJSON(json, CSAT))
