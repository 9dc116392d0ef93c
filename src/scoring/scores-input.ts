/**
 * Scores as callers hold them: a plain array, a typed array such as `Uint8Array` (read in place,
 * never copied), or any iterable (a generator, a `Set`, a database cursor adapter).
 */
export type ScoresInput = Iterable<unknown> | ArrayLike<unknown>

/**
 * Calls `visit(value, index)` for every score without copying array-likes. Indexed access is the
 * fast path: engines optimise a counted loop over a typed array far better than an iterator.
 */
export function forEachScore(scores: ScoresInput, visit: (value: unknown, index: number) => void) {
  if (typeof (scores as ArrayLike<unknown>).length === 'number') {
    const list = scores as ArrayLike<unknown>
    for (let i = 0; i < list.length; i++) visit(list[i], i)
    return
  }
  let i = 0
  for (const value of scores as Iterable<unknown>) visit(value, i++)
}
