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

/**
 * Creates an empty CSAT accumulator. `createCsatAccumulator.fromJSON(json)` rebuilds one from its
 * `toJSON()` and throws a `TypeError` for anything else. (Built as one pure expression so that
 * bundlers can drop it when unused.)
 */
export const createCsatAccumulator = /* @__PURE__ */ Object.assign(
  (): CsatAccumulator => createCountsAccumulator(CSAT),
  {
    fromJSON: (json: unknown): CsatAccumulator =>
      createCountsAccumulator(CSAT, checkJSON(json, CSAT)),
  },
)
