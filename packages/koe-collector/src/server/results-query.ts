import type { ScoreGroup } from '../../../../src/config/survey'
import type { Period } from '../../../../src/scoring/period-key'
import type { CountQuery } from '../collector/counts'
import { type Dimension, isDimension, type SegmentCondition } from '../collector/segment'
import { filterParamProblem } from './filter-param'

const GROUPS: ScoreGroup[] = ['promoter', 'passive', 'detractor', 'easy', 'neutral', 'hard']

/** What the results API was asked, read from its query string. */
export interface ResultsRequest {
  query: CountQuery
  period: Period
  group?: ScoreGroup
  dim?: Dimension
}

/**
 * Reads the results API's parameters: `surveyId`; `from`/`until` (ISO instants) or `days` (the
 * last N whole days of the reporting zone, today included); `where=<dim>=<value>`, repeatable
 * (`where=trigger=cart_abandoned&where=attr:plan=pro`); `locale` (short for `where=locale=…`);
 * `period`, `timeZone`, `group` and `dim`. A bad one is named in `error` (a 400, never a 500).
 */
export function resultsQuery(
  params: URLSearchParams,
  reportingZone: string,
  lastDays: (days: number, timeZone: string) => { from: string; until: string },
  requireSurvey = true,
): ResultsRequest | { error: string } {
  // Exports may take every survey: their surveyId is then ''.
  const surveyId = params.get('surveyId') ?? ''
  if (!surveyId && requireSurvey) return { error: 'surveyId is required' }
  const period = (params.get('period') ?? 'day') as Period
  if (!['day', 'week', 'month'].includes(period))
    return { error: 'period must be day, week or month' }
  const timeZone = params.get('timeZone') ?? reportingZone
  try {
    new Intl.DateTimeFormat('en', { timeZone })
  } catch {
    return { error: `unknown time zone ${timeZone}` }
  }
  const where: SegmentCondition[] = []
  const locale = params.get('locale')
  if (locale) where.push({ dim: 'locale', value: locale })
  for (const condition of params.getAll('where')) {
    const split = condition.indexOf('=')
    const dim = condition.slice(0, Math.max(0, split))
    const value = condition.slice(split + 1)
    if (split < 0 || !isDimension(dim) || filterParamProblem('where', value))
      return {
        error:
          'where must be <dimension>=<value>, dimension trigger, path, device, locale or attr:<key>',
      }
    where.push({ dim, value })
  }
  const group = params.get('group') ?? undefined
  if (group && !GROUPS.includes(group as ScoreGroup))
    return { error: `group must be one of ${GROUPS.join(', ')}` }
  const dim = params.get('dim') ?? undefined
  if (dim !== undefined && !isDimension(dim))
    return { error: 'dim must be trigger, path, device, locale or attr:<key>' }
  let range = { from: params.get('from') ?? undefined, until: params.get('until') ?? undefined }
  const days = params.get('days')
  if (days !== null) {
    const n = Number(days)
    if (!Number.isInteger(n) || n < 1 || n > 3660) return { error: 'days must be 1..3660' }
    // Whole days of the zone the periods are counted in (the rollup's, unless asked otherwise).
    range = lastDays(n, timeZone)
  }
  return {
    query: {
      surveyId,
      ...(range.from ? { from: range.from } : {}),
      ...(range.until ? { until: range.until } : {}),
      ...(where.length ? { where } : {}),
      ...(params.get('timeZone') ? { timeZone } : {}),
    },
    period,
    ...(group ? { group: group as ScoreGroup } : {}),
    ...(dim ? { dim } : {}),
  }
}
