import { ALL_SCORE_GROUPS } from '../../../../src/config/score-groups'
import type { ScoreGroup } from '../../../../src/config/survey'
import { isObject } from '../../../../src/lib/is-object'
import type { AlertRule } from '../contract/alerts'

export type { AlertRule } from '../contract/alerts'

/**
 * The score group of a `koe_records` row (alias `r`) in SQL, as `scoreGroup` of the prompt and
 * `koe/scoring` define it: NPS 0–6 detractor, 7–8 passive, 9–10 promoter; CES below the middle of
 * its scale hard, the middle neutral, above it easy.
 */
export const GROUP_SQL = `CASE WHEN r.type = 'nps' THEN
    CASE WHEN r.score >= 9 THEN 'promoter' WHEN r.score >= 7 THEN 'passive' ELSE 'detractor' END
  ELSE
    CASE WHEN r.score * 2 > COALESCE(r.scale, 7) + 1 THEN 'easy'
         WHEN r.score * 2 < COALESCE(r.scale, 7) + 1 THEN 'hard' ELSE 'neutral' END
  END`

/**
 * Whether the `koe_webhooks` row `w` wants the stored answer `r` (an endpoint that takes only
 * reports, `answers = false`, wants none) (the columns of `koe_records`,
 * with `attributes` for `record->'attributes'`), in SQL. (The JSON
 * operators are in parentheses: `IS NULL` binds tighter than `->`.)
 */
export const RULE_MATCH_SQL = `r.kind = 'response' AND w.answers
  AND ((w.rule->>'surveyId') IS NULL OR (w.rule->>'surveyId') = r.survey_id)
  AND ((w.rule->'groups') IS NULL OR (w.rule->'groups') ? (${GROUP_SQL}))
  AND ((w.rule->>'maxScore') IS NULL OR r.score <= (w.rule->>'maxScore')::numeric)
  AND (COALESCE((w.rule->>'withComment')::boolean, false) = false OR COALESCE(r.comment, '') <> '')
  AND ((w.rule->>'locale') IS NULL OR r.locale = (w.rule->>'locale'))
  AND ((w.rule->'attributes') IS NULL OR r.attributes @> (w.rule->'attributes'))`

/** Checks a rule from the dashboard API; returns the rule or the mistake, naming the field. */
export function parseAlertRule(input: unknown): { rule: AlertRule } | { error: string } {
  if (input === undefined) return { rule: {} }
  if (!isObject(input)) return { error: 'rule must be an object' }
  const rule: AlertRule = {}
  for (const key of Object.keys(input)) {
    const value = input[key]
    if (key === 'surveyId' || key === 'locale') {
      if (typeof value !== 'string' || !value || value.length > 128)
        return { error: `rule.${key} must be text of 1..128 characters` }
      rule[key] = value
    } else if (key === 'groups') {
      if (
        !Array.isArray(value) ||
        !value.length ||
        value.some((g) => !ALL_SCORE_GROUPS.includes(g))
      )
        return { error: `rule.groups must list some of ${ALL_SCORE_GROUPS.join(', ')}` }
      rule.groups = value as ScoreGroup[]
    } else if (key === 'maxScore') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 10)
        return { error: 'rule.maxScore must be a whole number 0..10' }
      rule.maxScore = value
    } else if (key === 'withComment') {
      if (typeof value !== 'boolean') return { error: 'rule.withComment must be true or false' }
      rule.withComment = value
    } else if (key === 'attributes') {
      if (
        !isObject(value) ||
        Object.values(value).some((v) => !['string', 'number', 'boolean'].includes(typeof v))
      )
        return { error: 'rule.attributes must map names to strings, numbers or booleans' }
      rule.attributes = value as AlertRule['attributes']
    } else return { error: `rule.${key} is not a rule field` }
  }
  return { rule }
}
