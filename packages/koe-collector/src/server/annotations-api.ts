import { SURVEY_ID } from '../../../../src/config/guard-survey'
import { isWellFormed } from '../../../../src/lib/well-formed'
import { isTimestamp } from '../../../../src/scoring/validate-batch'
import type { SqlClient } from '../collector/sql-store'
import type { Annotation, AnnotationInput } from '../contract/annotations'
import { AUDIT_TARGET } from './accounts/users-api'
import { jsonBody } from './api-input'
import { json } from './json-response'

const PATH = /^\/api\/annotations(?:\/([0-9a-fA-F-]{36}))?$/
/** Most annotations one list answers: years of weekly releases. */
const LIMIT = 500

type Row = {
  id: string
  at: Date | string
  label: string
  survey_id: string | null
  author: string | null
}

const annotationOf = (row: Row): Annotation => ({
  id: row.id,
  at: new Date(row.at).toISOString(),
  label: row.label,
  surveyId: row.survey_id,
  author: row.author,
})

/** The fields of a body, checked; `partial` for an edit, where each is optional. */
function inputOf(body: unknown, partial: boolean): Partial<AnnotationInput> | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'send a JSON object like { "at": "2026-11-30T09:00:00Z", "label": "Release 4.2" }'
  const { at, label, surveyId } = body as Record<string, unknown>
  const input: Partial<AnnotationInput> = {}
  if (at !== undefined || !partial) {
    if (!isTimestamp(at)) return 'at must be an ISO 8601 UTC timestamp, e.g. 2026-11-30T09:00:00Z'
    input.at = at as string
  }
  if (label !== undefined || !partial) {
    if (typeof label !== 'string' || !label.trim() || label.length > 200 || !isWellFormed(label))
      return 'label must be text of 1..200 characters'
    input.label = label.trim()
  }
  if (surveyId !== undefined) {
    if (surveyId !== null && !(typeof surveyId === 'string' && SURVEY_ID.test(surveyId)))
      return 'surveyId must be a survey id, or null for every survey'
    input.surveyId = surveyId
  }
  return input
}

/**
 * `GET /api/annotations[?surveyId=…]` (a survey's and everyone's, oldest first), `POST` one,
 * `PATCH /api/annotations/:id` and `DELETE` it (issue 33). Returns `null` for a path it does not
 * serve; the caller has checked the role.
 */
export function createAnnotationsApi(sql: SqlClient) {
  return async (request: Request, url: URL, author?: string): Promise<Response | null> => {
    const match = PATH.exec(url.pathname)
    if (!match) return null
    const id = match[1]?.toLowerCase()
    if (!id && request.method === 'GET') {
      const surveyId = url.searchParams.get('surveyId')
      const { rows } = await sql.query<Row>(
        `SELECT id, at, label, survey_id, author FROM koe_annotations
         WHERE $1::text IS NULL OR survey_id IS NULL OR survey_id = $1
         ORDER BY at, created_at LIMIT ${LIMIT}`,
        [surveyId || null],
      )
      return json({ annotations: rows.map(annotationOf) })
    }
    if (request.method === 'DELETE' && id) {
      const { rows } = await sql.query('DELETE FROM koe_annotations WHERE id = $1 RETURNING id', [
        id,
      ])
      return rows.length
        ? new Response(null, { status: 204 })
        : json({ error: 'no such annotation' }, 404)
    }
    if (request.method !== 'POST' && request.method !== 'PATCH') return null
    const input = inputOf(await jsonBody(request), request.method === 'PATCH')
    if (typeof input === 'string') return json({ error: input }, 400)
    if (request.method === 'POST' && !id) {
      const { rows } = await sql.query<Row>(
        `INSERT INTO koe_annotations (at, label, survey_id, author) VALUES ($1, $2, $3, $4)
         RETURNING id, at, label, survey_id, author`,
        [input.at, input.label, input.surveyId ?? null, author ?? null],
      )
      const response = json(annotationOf(rows[0] as Row), 201)
      response.headers.set(AUDIT_TARGET, (rows[0] as Row).id)
      return response
    }
    if (request.method !== 'PATCH' || !id) return null
    const { rows } = await sql.query<Row>(
      `UPDATE koe_annotations SET at = coalesce($2, at), label = coalesce($3, label),
         survey_id = CASE WHEN $4 THEN $5 ELSE survey_id END
       WHERE id = $1 RETURNING id, at, label, survey_id, author`,
      [id, input.at ?? null, input.label ?? null, 'surveyId' in input, input.surveyId ?? null],
    )
    return rows[0] ? json(annotationOf(rows[0])) : json({ error: 'no such annotation' }, 404)
  }
}
