import { canBacktrack } from '../triggers/url-pattern'
import type { ConfigIssue } from './config-error'
import type { Survey, UrlPattern } from './survey'
import { validateSurvey } from './validate-survey'

/** What the library (the editor and the collector's saves) says of a regex it refuses. */
const BACKTRACKS = 'must be a regular expression without a repeated (group) or a backreference'

/**
 * The validator for surveys kept in the collector's library (issue 27): the SDK's own
 * `validateSurvey`, and no regular expression that could backtrack catastrophically
 * (`canBacktrack`), since a pattern runs on every page of the host site. The editor shows these
 * errors at their field and the collector refuses to save such a survey, so none is ever served.
 */
export function validateLibrarySurvey(
  input: unknown,
): { ok: true; value: Survey } | { ok: false; errors: ConfigIssue[] } {
  const result = validateSurvey(input)
  if (!result.ok) return result
  const { trigger, audience } = result.value
  const patterns: [string, UrlPattern | undefined][] = [
    ['trigger.pageview', 'pageview' in trigger ? trigger.pageview : undefined],
    ['trigger.url', 'url' in trigger ? trigger.url : undefined],
    ...(audience?.url ?? []).map((p, i): [string, UrlPattern] => [`audience.url.${i}`, p]),
    ...(audience?.excludeUrl ?? []).map((p, i): [string, UrlPattern] => [
      `audience.excludeUrl.${i}`,
      p,
    ]),
  ]
  const errors = patterns
    .filter(([, p]) => typeof p === 'object' && canBacktrack(p.regex))
    .map(([field]) => ({ field, message: BACKTRACKS }))
  return errors.length ? { ok: false, errors } : result
}
