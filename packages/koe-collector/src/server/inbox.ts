import type { ScoreGroup } from '../../../../src/config/survey'
import { GROUP_SQL } from '../collector/alert-rule'
import { jsonColumn } from '../collector/json-column'
import type { SqlClient } from '../collector/sql-store'
import type { FollowUpStatus, InboxItem } from '../contract/inbox'
import { type CommentForThemes, themePattern } from './themes'

export type { InboxItem } from '../contract/inbox'

/** Which answers the inbox lists; every field narrows. */
export interface InboxFilter {
  surveyId?: string
  group?: ScoreGroup
  status?: FollowUpStatus
  locale?: string
  /** A theme from the themes list: its words in order in the comment. */
  theme?: string
  /** `identify` attributes the answer must carry. */
  attributes?: Record<string, string>
  from?: string
  until?: string
  /** The `createdAt` and id of the last item of the previous page. */
  before?: { createdAt: string; id: string }
  limit?: number
}

const SELECT = `SELECT r.id, r.survey_id, r.type, r.score, r.comment, r.locale, r.created_at,
    r.record->>'userId' AS user_id, r.record->'attributes' AS attributes, ${GROUP_SQL} AS grp,
    COALESCE(i.status, 'new') AS status, i.note
  FROM koe_records r LEFT JOIN koe_inbox i ON i.record_id = r.id`

/**
 * The SQL condition on `koe_records r` (joined with `koe_inbox i`) for answers with comments that
 * `filter` selects, and its parameters.
 */
function whereOf(filter: InboxFilter): { where: string; params: unknown[] } {
  const where = ["r.kind = 'response'", "r.comment <> ''"]
  const params: unknown[] = []
  const add = (clause: string, ...values: unknown[]) => {
    let text = clause
    for (const value of values) {
      params.push(value)
      text = text.replace('?', `$${params.length}`)
    }
    where.push(text)
  }
  if (filter.surveyId) add('r.survey_id = ?', filter.surveyId)
  if (filter.group) add(`(${GROUP_SQL}) = ?`, filter.group)
  if (filter.status) add("COALESCE(i.status, 'new') = ?", filter.status)
  if (filter.locale) add('r.locale = ?', filter.locale)
  if (filter.theme) add('r.comment ILIKE ?', themePattern(filter.theme, filter.locale))
  if (filter.attributes && Object.keys(filter.attributes).length)
    add("r.record->'attributes' @> ?::jsonb", JSON.stringify(filter.attributes))
  if (filter.from) add('r.created_at >= ?::timestamptz', filter.from)
  if (filter.until) add('r.created_at < ?::timestamptz', filter.until)
  if (filter.before)
    add(
      '(r.created_at, r.id) < (?::timestamptz, ?::uuid)',
      filter.before.createdAt,
      filter.before.id,
    )
  return { where: where.join(' AND '), params }
}

/** The follow-up inbox: answers with comments, newest first, and where each follow-up stands. */
export function createInbox(sql: SqlClient) {
  return {
    async list(filter: InboxFilter = {}): Promise<InboxItem[]> {
      const { where, params } = whereOf(filter)
      const limit = Math.min(200, Math.max(1, Math.floor(filter.limit ?? 50)))
      const { rows } = await sql.query<Record<string, unknown>>(
        `${SELECT} WHERE ${where} ORDER BY r.created_at DESC, r.id DESC LIMIT ${limit}`,
        params,
      )
      return rows.map((row) => ({
        id: row.id as string,
        surveyId: row.survey_id as string,
        type: row.type as 'nps' | 'ces',
        score: row.score as number,
        group: row.grp as ScoreGroup,
        comment: row.comment as string,
        locale: (row.locale as string | null) ?? null,
        createdAt: new Date(row.created_at as string).toISOString(),
        userId: (row.user_id as string | null) ?? null,
        attributes: jsonColumn<Record<string, unknown> | null>(row.attributes) ?? null,
        status: row.status as FollowUpStatus,
        note: (row.note as string | null) ?? null,
      }))
    },

    /** The latest `limit` comments `filter` selects, with their group, for the themes. */
    async comments(filter: InboxFilter, limit: number): Promise<CommentForThemes[]> {
      const { where, params } = whereOf(filter)
      const { rows } = await sql.query<{ comment: string; locale: string | null; grp: ScoreGroup }>(
        `SELECT r.comment, r.locale, ${GROUP_SQL} AS grp FROM koe_records r
           LEFT JOIN koe_inbox i ON i.record_id = r.id
         WHERE ${where} ORDER BY r.created_at DESC LIMIT ${Math.floor(limit)}`,
        params,
      )
      return rows.map((row) => ({
        comment: row.comment,
        locale: row.locale ?? 'en',
        group: row.grp,
      }))
    },

    /** Sets where a follow-up stands, with an optional short note; false when no such answer. */
    async update(id: string, status: FollowUpStatus, note: string | null): Promise<boolean> {
      const { rows } = await sql.query(
        `INSERT INTO koe_inbox (record_id, status, note)
         SELECT id, $2, $3 FROM koe_records WHERE id = $1 AND kind = 'response'
         ON CONFLICT (record_id) DO UPDATE SET status = EXCLUDED.status, note = EXCLUDED.note, updated_at = now()
         RETURNING record_id`,
        [id, status, note],
      )
      return rows.length > 0
    },
  }
}
