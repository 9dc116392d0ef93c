import { isObject } from '../lib/is-object'
import { canBacktrack } from '../triggers/url-pattern'
import type { ConfigIssue } from './config-error'
import type { Survey } from './survey'
import { validateSurvey } from './validate-survey'

/** What the library (the editor and the collector's saves) says of a regex it refuses. */
const BACKTRACKS = 'must be a regular expression without a repeated (group) or a backreference'
const PREVIEW = 'is set by the collector on a preview link’s draft, never saved'

/** The value at a field path of the validators' errors, list indexes included (`audience.url.0`). */
const at = (input: unknown, field: string): unknown =>
  field
    .split('.')
    .reduce<unknown>(
      (v, key) =>
        typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined,
      input,
    )

/**
 * The validator for surveys kept in the collector's library (issue 27): the SDK's own
 * `validateSurvey`, which refuses regular expressions that could backtrack catastrophically
 * (`canBacktrack`) with its short message, here said in words the editor shows at the field; and
 * no `preview` mark, which the collector adds to a preview link's draft. The collector refuses to
 * save a survey with errors, so none is ever served.
 */
export function validateLibrarySurvey(
  input: unknown,
): { ok: true; value: Survey } | { ok: false; errors: ConfigIssue[] } {
  const result = validateSurvey(input)
  const errors = result.ok ? [] : result.errors
  const worded = errors.map((error) => {
    const value = at(input, error.field)
    return isObject(value) && typeof value.regex === 'string' && canBacktrack(value.regex)
      ? { field: error.field, message: BACKTRACKS }
      : error
  })
  if (isObject(input) && input.preview !== undefined)
    worded.push({ field: 'preview', message: PREVIEW })
  return worded.length ? { ok: false, errors: worded } : result
}
