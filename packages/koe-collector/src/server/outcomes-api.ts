import { SCORE_GROUPS } from '../../../../src/config/score-groups'
import { LOYALTY_MAX_DAYS } from '../collector/loyalty-sql'
import type { SqlClient } from '../collector/sql-store'
import type { LoyaltyGroup, LoyaltyQuery } from '../contract/loyalty'
import { filterParamProblem } from './filter-param'
import { json } from './json-response'
import { createOutcomes } from './outcomes'

/**
 * `POST /api/outcomes` (NDJSON from the shop's backend), `GET /api/loyalty` and, for one cell of
 * its matrix, `GET /api/loyalty/people` (issue 30).
 * Returns `null` for a path it does not serve; the caller has checked the role.
 */
export function createOutcomesApi(sql: SqlClient) {
  const outcomes = createOutcomes(sql)
  return async (request: Request, url: URL): Promise<Response | null> => {
    if (url.pathname === '/api/outcomes' && request.method === 'POST') {
      const result = await outcomes.importLines(await request.text())
      return typeof result === 'string' ? json({ error: result }, 413) : json(result)
    }
    if (request.method !== 'GET') return null
    if (url.pathname === '/api/loyalty') {
      const query = loyaltyQuery(url.searchParams)
      return typeof query === 'string'
        ? json({ error: query }, 400)
        : json(await outcomes.loyalty(query))
    }
    if (url.pathname !== '/api/loyalty/people') return null
    // One cell of the loyalty matrix: a group, and whether they had the outcome.
    const query = loyaltyQuery(url.searchParams)
    const group = url.searchParams.get('group') as LoyaltyGroup | null
    const converted = url.searchParams.get('converted')
    if (typeof query === 'string') return json({ error: query }, 400)
    const groups = SCORE_GROUPS[query.type ?? 'nps']
    if (!group || !groups.includes(group))
      return json({ error: `group must be one of ${groups.join(', ')}` }, 400)
    if (converted !== 'true' && converted !== 'false')
      return json({ error: 'converted must be true or false' }, 400)
    return json({ people: await outcomes.people(query, group, converted === 'true') })
  }
}

/** The loyalty view's query from the URL, or what is wrong with it. */
function loyaltyQuery(params: URLSearchParams): LoyaltyQuery | string {
  const text: Record<string, string | undefined> = {}
  for (const name of ['surveyId', 'outcome', 'from', 'until', 'currency']) {
    const value = params.get(name)
    if (value === null || value === '') continue
    const problem = filterParamProblem(name, value)
    if (problem) return problem
    text[name] = value
  }
  if (!text.outcome) return 'outcome is required, e.g. outcome=purchase'
  const type = params.get('type') ?? 'nps'
  if (type !== 'nps' && type !== 'ces') return 'type must be nps or ces'
  const daysText = params.get('days') ?? '90'
  const days = /^\d{1,4}$/.test(daysText) ? Number(daysText) : Number.NaN
  if (!(days >= 1 && days <= LOYALTY_MAX_DAYS))
    return `days must be a whole number 1..${LOYALTY_MAX_DAYS}`
  return {
    type,
    outcome: text.outcome,
    days,
    surveyId: text.surveyId,
    from: text.from,
    until: text.until,
    currency: text.currency,
  }
}
