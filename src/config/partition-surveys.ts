import { isObject } from '../lib/is-object'
import { type ConfigIssue, show } from './config-error'
import type { Survey } from './survey'

/**
 * What is wrong with one survey, none when it may run. The npm module and the collector use the
 * full validator (`surveyErrors`, validate-survey.ts); the script tag a guard that checks only what
 * it needs to run a survey safely (`guardSurvey`, guard-survey.ts, issue 29).
 */
export type SurveyCheck = (input: unknown) => ConfigIssue[]

/**
 * Keeps the surveys `check` passes and reports each other one in one console-ready message
 * naming the survey id and the field, so the valid surveys still run.
 */
export function partitionSurveys(
  list: unknown,
  check: SurveyCheck,
): { surveys: Survey[]; _problems: string[] } {
  const surveys: Survey[] = []
  const problems: string[] = []
  if (!Array.isArray(list))
    return { surveys, _problems: [`surveys must be an array, got ${show(list)}`] }
  const seen = new Set<string>()
  list.forEach((item, index) => {
    const errors = check(item)
    const name = isObject(item) && typeof item.id === 'string' ? `"${item.id}"` : `#${index}`
    if (errors.length) {
      problems.push(
        `survey ${name} is ignored: ${errors.map((e) => `"${e.field}" ${e.message}`).join('; ')}`,
      )
      return
    }
    const survey = item as Survey
    if (seen.has(survey.id))
      problems.push(`survey ${name} is ignored: its id is used by an earlier survey`)
    else {
      seen.add(survey.id)
      surveys.push(survey)
    }
  })
  return { surveys, _problems: problems }
}
