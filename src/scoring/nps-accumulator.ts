import { type Accumulator, accumulatorFactory, type Metric } from './counts-accumulator'
import { type NpsResult, npsFromHistogram } from './nps'

const NPS: Metric<NpsResult> = { kind: 'nps', min: 0, max: 10, fromCounts: npsFromHistogram }

/** An NPS accumulator: `add`, `merge`, `result()` as {@link nps}, `toJSON`. */
export type NpsAccumulator = Accumulator<NpsResult>

/**
 * Creates an empty NPS accumulator; `createNpsAccumulator.fromJSON(json)` rebuilds one from its
 * `toJSON()`. (A pure expression, so bundlers drop it when unused.)
 */
export const createNpsAccumulator = /* @__PURE__ */ accumulatorFactory(NPS)
