/** A survey as the editor holds it: the JSON object, whatever it holds (it may be invalid). */
export type Draft = Record<string, unknown>

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The value at a dotted path (`"trigger.delay"`), or `undefined`. */
export function getPath(draft: unknown, path: string): unknown {
  let at: unknown = draft
  for (const key of path.split('.')) {
    if (!isPlainObject(at)) return undefined
    at = at[key]
  }
  return at
}

/**
 * A copy of `draft` with `value` at `path`. `undefined` removes the key, and an object left empty
 * by it goes too: clearing a field leaves the JSON as if it had never been set, so the form and
 * the JSON view round-trip. A key keeps its place; a new one goes last.
 */
export function setPath(draft: Draft, path: string, value: unknown): Draft {
  const [key, ...rest] = path.split('.') as [string, ...string[]]
  const next = { ...draft }
  const inner =
    rest.length === 0
      ? value
      : (() => {
          const child = setPath(isPlainObject(draft[key]) ? draft[key] : {}, rest.join('.'), value)
          return Object.keys(child).length ? child : undefined
        })()
  if (inner === undefined) delete next[key]
  else next[key] = inner
  return next
}
