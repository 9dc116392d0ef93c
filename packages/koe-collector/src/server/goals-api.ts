import type { SqlClient } from '../collector/sql-store'
import { AUDIT_TARGET } from './accounts/users-api'
import { objectBody } from './api-input'
import { json } from './json-response'

const PATH = /^\/api\/goals\/([A-Za-z0-9][A-Za-z0-9._:-]{0,127})$/

/** A survey's goal, or `null` when it has none. */
export async function goalOf(sql: SqlClient, surveyId: string): Promise<number | null> {
  const { rows } = await sql.query<{ target: number }>(
    'SELECT target FROM koe_goals WHERE survey_id = $1',
    [surveyId],
  )
  return rows[0] ? Number(rows[0].target) : null
}

/**
 * `PUT /api/goals/:surveyId` with `{ "target": 40 }` sets a survey's goal (an NPS −100..100, or a
 * CES/CSAT mean), `{ "target": null }` removes it (issue 33). The summary carries it as `goal`.
 * Returns `null` for a path it does not serve; the caller has checked the role.
 */
export function createGoalsApi(sql: SqlClient) {
  return async (request: Request, url: URL, author?: string): Promise<Response | null> => {
    const match = PATH.exec(url.pathname)
    if (!match || request.method !== 'PUT') return null
    const surveyId = match[1] as string
    const { target } = await objectBody(request)
    if (target !== null && !(typeof target === 'number' && target >= -100 && target <= 100))
      return json({ error: 'target must be a number −100..100 (the score to reach), or null' }, 400)
    if (target === null) await sql.query('DELETE FROM koe_goals WHERE survey_id = $1', [surveyId])
    else
      await sql.query(
        `INSERT INTO koe_goals (survey_id, target, author) VALUES ($1, $2, $3)
         ON CONFLICT (survey_id) DO UPDATE SET target = $2, author = $3, updated_at = now()`,
        [surveyId, target, author ?? null],
      )
    const response = json({ surveyId, goal: target })
    response.headers.set(AUDIT_TARGET, surveyId)
    return response
  }
}
