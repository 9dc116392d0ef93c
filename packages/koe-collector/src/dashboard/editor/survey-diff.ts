/** One field that differs between two versions of a survey. */
export interface FieldChange {
  /** Dotted path, e.g. `"question.ja"`. */
  path: string
  before: unknown
  after: unknown
}

/** Leaves of a JSON value by dotted path; arrays are leaves (a list of patterns reads as one). */
function leaves(value: unknown, prefix: string, into: Map<string, unknown>) {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value))
      leaves(inner, prefix ? `${prefix}.${key}` : key, into)
  } else into.set(prefix, value)
  return into
}

/** What changed from `before` to `after`, field by field, in the order the fields appear. */
export function diffSurveys(before: unknown, after: unknown): FieldChange[] {
  const a = leaves(before, '', new Map())
  const b = leaves(after, '', new Map())
  const changes: FieldChange[] = []
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const was = a.get(path)
    const is = b.get(path)
    if (JSON.stringify(was) !== JSON.stringify(is)) changes.push({ path, before: was, after: is })
  }
  return changes
}
