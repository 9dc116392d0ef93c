// The ways the results can be cut, as the API and the dashboard name them.
// A contract module: the server and the dashboard's browser code both import it, neither imports the other.
/**
 * A way to cut the results (issue 15): the touchpoint (the trigger that asked), the page path,
 * the device class, the locale, or an `identify` attribute (`attr:plan`).
 */
export type Dimension = 'trigger' | 'path' | 'device' | 'locale' | `attr:${string}`

/** One segment: records whose `dim` is `value` (`''`: the field was not recorded). */
export interface SegmentCondition {
  dim: Dimension
  value: string
}
