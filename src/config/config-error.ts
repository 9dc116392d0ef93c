/** One problem in the config or a survey, naming the field, the value and the fix. */
export interface ConfigIssue {
  /** Dotted path of the field, e.g. `"endpoint"` or `"trigger.delay"`. */
  field: string
  /** What is wrong and how to fix it, e.g. `must be 5 or 7, got 6`. */
  message: string
}

/** Records "`field` must be `expectation`, got `value`" problems. */
export type Expect = (field: string, expectation: string, value: unknown) => void

/** A list of issues and the function that adds to it. */
export function issues(): { list: ConfigIssue[]; expect: Expect } {
  const list: ConfigIssue[] = []
  return {
    list,
    expect: (field, expectation, value) =>
      list.push({ field, message: `must be ${expectation}, got ${show(value)}` }),
  }
}

/** Shows a value in an error message, short enough for a console line. */
export function show(value: unknown): string {
  let text: string
  try {
    text = String(JSON.stringify(value))
  } catch {
    text = typeof value
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/** Unknown keys are errors naming the key and the keys that exist there. */
export function onlyKeys(object: object, known: string[], prefix: string, expect: Expect) {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) expect(prefix + key, `one of ${known.join(', ')}`, key)
  }
}

/** A rule for an optional field: whether a given value is right, and what it must be. */
// biome-ignore lint/suspicious/noExplicitAny: each rule reads the value as its own type
export type Rule = [ok: (value: any) => unknown, expectation: string]

/** The rule of a flag: `true` or `false`. */
export const BOOLEAN: Rule = [(v) => typeof v === 'boolean', 'true or false']

/**
 * Checks the optional fields `rules` name, each where present: one table instead of an `if` per
 * field keeps the script tag small (issue 27).
 */
export function checkOptional(
  object: Record<string, unknown>,
  prefix: string,
  rules: Record<string, Rule>,
  expect: Expect,
) {
  for (const [key, [ok, expectation]] of Object.entries(rules)) {
    const value = object[key]
    if (value !== undefined && !ok(value)) expect(prefix + key, expectation, value)
  }
}
