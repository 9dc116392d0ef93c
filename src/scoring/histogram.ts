import { type InvalidPolicy, throwInvalidScore } from './errors'
import type { ScoresInput } from './scores-input'

/** Counts per score and how many invalid scores were skipped. */
export interface Histogram {
  /** `counts[k]` = number of answers equal to `min + k`. */
  counts: number[]
  skipped: number
}

/** Called for each invalid score with its index. */
type OnInvalid = (value: unknown, index: number) => void

/**
 * Counts each integer score `min..max` in one pass, reading array-likes in place (no copy).
 * Invalid scores throw a `RangeError`/`TypeError` naming the index, or are counted in `skipped`.
 */
export function histogram(
  scores: ScoresInput,
  min: number,
  max: number,
  invalid?: InvalidPolicy,
): Histogram {
  // Built by push, so V8 keeps it a packed array of small integers (new Array(n) is holey).
  const counts: number[] = []
  for (let k = min; k <= max; k++) counts.push(0)
  let skipped = 0
  const onInvalid: OnInvalid = (value, index) => {
    if (invalid !== 'skip') throwInvalidScore(value, `score at index ${index}`, min, max)
    skipped++
  }
  // Bytes, how scores are best kept, take the fast path; other typed arrays and plain arrays are
  // read value by value, each checked to be an integer.
  if (scores instanceof Uint8Array || scores instanceof Uint8ClampedArray)
    countBytes(scores, min, max, counts, onInvalid)
  else countValues(scores, min, max - min, counts, onInvalid)
  return { counts, skipped }
}

// The loops live in their own functions so that no closure captures their locals: a captured
// variable is kept in a heap context, and the hot loop would load `counts` from it every time.

/**
 * The hottest path, bytes: tally all 256 possible values without a branch (the same work as a
 * hand-written loop), then check the bins. Only if some value is out of range is the data scanned
 * again, to report the first bad index or to count what is skipped.
 */
function countBytes(
  scores: Uint8Array | Uint8ClampedArray,
  min: number,
  max: number,
  counts: number[],
  onInvalid: OnInvalid,
) {
  const bins: number[] = []
  for (let v = 0; v < 256; v++) bins.push(0)
  const length = scores.length
  for (let i = 0; i < length; i++)
    bins[scores[i] as number] = (bins[scores[i] as number] as number) + 1
  let invalid = 0
  for (let v = 0; v < 256; v++) {
    if (v >= min && v <= max) counts[v - min] = bins[v] as number
    else invalid += bins[v] as number
  }
  if (invalid === 0) return
  for (let i = 0; i < length; i++) {
    const v = scores[i] as number
    if (v < min || v > max) onInvalid(v, i)
  }
}

/** Plain arrays, other typed arrays and iterables: every value is checked to be an integer number. */
function countValues(
  scores: ScoresInput,
  min: number,
  range: number,
  counts: number[],
  onInvalid: OnInvalid,
) {
  const count = (value: unknown, index: number) => {
    // `typeof` first: subtracting from a BigInt or a Symbol would throw without naming the index.
    const k = typeof value === 'number' ? value - min : -1
    if (k >= 0 && k <= range && k === Math.floor(k)) counts[k] = (counts[k] as number) + 1
    else onInvalid(value, index)
  }
  if (typeof (scores as ArrayLike<unknown>).length === 'number') {
    const list = scores as ArrayLike<unknown>
    for (let i = 0; i < list.length; i++) count(list[i], i)
  } else {
    let i = 0
    for (const value of scores as Iterable<unknown>) count(value, i++)
  }
}
