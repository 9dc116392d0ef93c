import { isWellFormed } from '../lib/well-formed'
import {
  MAX_ATTRIBUTE_KEY_LENGTH,
  MAX_ATTRIBUTE_VALUE_LENGTH,
  MAX_ATTRIBUTES,
} from '../scoring/wire'

/** User attributes as the wire format accepts them. */
export type Attributes = Record<string, string | number | boolean>

/**
 * The attributes the collector will accept (docs/wire-format.md limits), and the keys left out. An
 * attribute the collector refuses would make it refuse the whole answer, so it is dropped here.
 */
export function keepAttributes(input: Record<string, unknown>): {
  kept: Attributes
  dropped: string[]
} {
  const entries = Object.entries(input)
  const fitting = entries.filter(
    ([key, value]) =>
      key &&
      key.length <= MAX_ATTRIBUTE_KEY_LENGTH &&
      // An object's `__proto__` is its prototype, not data: no store can hold it as a key.
      key !== '__proto__' &&
      isWellFormed(key) &&
      (typeof value === 'boolean' ||
        Number.isFinite(value) ||
        (typeof value === 'string' &&
          value.length <= MAX_ATTRIBUTE_VALUE_LENGTH &&
          isWellFormed(value))),
  )
  const kept = fitting.slice(0, MAX_ATTRIBUTES)
  return {
    kept: Object.fromEntries(kept) as Attributes,
    dropped: entries.filter((entry) => !kept.includes(entry)).map(([key]) => key),
  }
}
