/** A share, a mean or a difference with its 95 % interval; `null` fields when it is unknown. */
export interface Estimate {
  value: number | null
  interval: [number, number] | null
}

/** Nothing to estimate from (an empty group, or too few values): a new object, the caller's. */
export const unknown = (): Estimate => ({ value: null, interval: null })
