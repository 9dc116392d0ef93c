import { type CesResult, type CesScale, cesFromCounts, cesScale } from './ces'
import {
  type Accumulator,
  checkJSON,
  createCountsAccumulator,
  type Metric,
} from './counts-accumulator'

const metric = (scale: CesScale): Metric<CesResult> => ({
  kind: 'ces',
  scale,
  min: 1,
  max: scale,
  fromCounts: (counts) => cesFromCounts(counts, scale),
})

/** A CES accumulator: `add`, `merge`, `result()` as {@link ces}, `toJSON`. */
export type CesAccumulator = Accumulator<CesResult>

/**
 * Creates an empty CES accumulator for a 7-point (default) or 5-point scale.
 * `createCesAccumulator.fromJSON(json)` rebuilds one from its `toJSON()` and throws a `TypeError`
 * for anything else. (One pure expression, so that bundlers can drop it when unused.)
 */
export const createCesAccumulator = /* @__PURE__ */ Object.assign(
  (scale: CesScale = 7): CesAccumulator => createCountsAccumulator(metric(cesScale(scale))),
  {
    fromJSON: (json: unknown): CesAccumulator => {
      const m = metric((json as { scale?: unknown } | null)?.scale === 5 ? 5 : 7)
      return createCountsAccumulator(m, checkJSON(json, m))
    },
  },
)
