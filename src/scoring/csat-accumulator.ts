import { type Accumulator, accumulatorFactory, type Metric } from './counts-accumulator'
import { type CsatResult, csatFromCounts } from './csat'

const CSAT: Metric<CsatResult> = { kind: 'csat', min: 1, max: 5, fromCounts: csatFromCounts }

/** A CSAT accumulator: `add`, `merge`, `result()` as {@link csat}, `toJSON`. */
export type CsatAccumulator = Accumulator<CsatResult>

/**
 * Creates an empty CSAT accumulator; `createCsatAccumulator.fromJSON(json)` rebuilds one from its
 * `toJSON()`. (A pure expression, so bundlers drop it when unused.)
 */
export const createCsatAccumulator = /* @__PURE__ */ accumulatorFactory(CSAT)
