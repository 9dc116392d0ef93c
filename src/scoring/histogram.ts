import { type InvalidPolicy, throwInvalidScore } from './errors'
import type { ScoresInput } from './scores-input'

/** Counts per score and how many invalid scores were skipped. */
export interface Histogram {
  /** `counts[k]` = number of answers equal to `min + k`. */
  counts: number[]
  skipped: number
}

/**
 * Counts each integer score `min..max` in one pass. Array-likes (plain and typed arrays) are read
 * in place with a counted loop, the fastest form for engines; other iterables are iterated.
 * Invalid scores throw a `RangeError`/`TypeError` naming the index, or are counted in `skipped`.
 */
export function histogram(
  scores: ScoresInput,
  min: number,
  max: number,
  invalid?: InvalidPolicy,
): Histogram {
  const counts = new Array<number>(max - min + 1).fill(0)
  const skip = invalid === 'skip'
  let skipped = 0
  const bad = (value: unknown, index: number) => {
    if (!skip) throwInvalidScore(value, index, min, max)
    skipped++
  }
  if (typeof (scores as ArrayLike<unknown>).length === 'number') {
    const list = scores as ArrayLike<unknown>
    const length = list.length
    for (let i = 0; i < length; i++) {
      const value = list[i]
      // `value - min` is an integer index only for integral numbers in range; `=== (x | 0)`
      // rejects NaN, fractions and non-numbers in one comparison on the hot path.
      const k = (value as number) - min
      if (k >= 0 && k <= max - min && k === (k | 0) && typeof value === 'number') {
        counts[k] = (counts[k] as number) + 1
      } else bad(value, i)
    }
  } else {
    let i = 0
    for (const value of scores as Iterable<unknown>) {
      const k = (value as number) - min
      if (k >= 0 && k <= max - min && k === (k | 0) && typeof value === 'number') {
        counts[k] = (counts[k] as number) + 1
      } else bad(value, i)
      i++
    }
  }
  return { counts, skipped }
}
