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

/** Creates an empty CES accumulator for a 7-point (default) or 5-point scale. */
export function createCesAccumulator(scale: CesScale = 7): CesAccumulator {
  return createCountsAccumulator(metric(cesScale(scale)))
}

/** Rebuilds a CES accumulator from its `toJSON()`; throws a `TypeError` for anything else. */
createCesAccumulator.fromJSON = (json: unknown): CesAccumulator => {
  const scale = (json as { scale?: unknown } | null)?.scale
  const m = metric(scale === 5 ? 5 : 7)
  return createCountsAccumulator(m, checkJSON(json, m))
}
