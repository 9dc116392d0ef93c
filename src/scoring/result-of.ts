/** A result as given, or an accumulator's result so far: what the comparisons take. */
export const resultOf = <R extends object>(x: R | { result(): R }): R =>
  'result' in x ? x.result() : x
