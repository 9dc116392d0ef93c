/**
 * Scores as callers hold them: a plain array, a typed array such as `Uint8Array` (read in place,
 * never copied), or any iterable (a generator, a `Set`, a database cursor adapter).
 */
export type ScoresInput = Iterable<unknown> | ArrayLike<unknown>
