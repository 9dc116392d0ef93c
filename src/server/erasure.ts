import type { SqlClient } from '../collector/sql-store'

/** What an erasure removed: counts only, as the erasure log keeps them. */
export interface ErasureReport {
  subject: 'userId' | 'anonymousId'
  /** Answers (responses) that carried the id. Displays and dismissals carry no id of a person. */
  records: number
  /** Follow-up statuses and notes on those answers. */
  notes: number
  /** Alerts about those answers not sent yet (sent ones are forgotten too, not counted). */
  deliveries: number
  at: string
}

/**
 * Deletes the answers that `rows` (an SQL query returning `id` of koe_records rows to delete)
 * selects, with their inbox notes and alerts; returns the counts. One statement: all or nothing.
 */
const eraseRows = (selected: string) => `WITH gone AS (${selected}),
  notes AS (DELETE FROM koe_inbox WHERE record_id IN (SELECT id FROM gone) RETURNING record_id),
  pending AS (DELETE FROM koe_outbox WHERE record_id IN (SELECT id FROM gone) AND delivered_at IS NULL RETURNING id),
  sent AS (DELETE FROM koe_outbox WHERE record_id IN (SELECT id FROM gone) AND delivered_at IS NOT NULL RETURNING id)`

/** Erasure on request (GDPR, APPI) and the retention limit. */
export function createErasure(sql: SqlClient) {
  return {
    /**
     * Erases everything stored for a user id (`identify`) or an anonymous id (`koe.forget()`
     * tells how a site learns it), and logs the counts, never the id.
     */
    async erase(subject: 'userId' | 'anonymousId', id: string): Promise<ErasureReport> {
      // A literal key per subject, so each uses its own index.
      const key = subject === 'userId' ? 'userId' : 'anonymousId'
      const { rows } = await sql.query<Record<string, unknown>>(
        `${eraseRows(`DELETE FROM koe_records WHERE kind = 'response' AND record->>'${key}' = $2 RETURNING id`)}
         INSERT INTO koe_erasures (subject, records, notes, deliveries)
         SELECT $1, (SELECT count(*) FROM gone), (SELECT count(*) FROM notes), (SELECT count(*) FROM pending)
         RETURNING subject, records, notes, deliveries, at`,
        [subject, id],
      )
      const row = rows[0] as Record<string, unknown>
      return {
        subject,
        records: Number(row.records),
        notes: Number(row.notes),
        deliveries: Number(row.deliveries),
        at: new Date(row.at as string).toISOString(),
      }
    },

    /** The erasure log, newest first. */
    async log(limit = 50): Promise<ErasureReport[]> {
      const { rows } = await sql.query<Record<string, unknown>>(
        'SELECT subject, records, notes, deliveries, at FROM koe_erasures ORDER BY id DESC LIMIT $1',
        [limit],
      )
      return rows.map((row) => ({
        subject: row.subject as ErasureReport['subject'],
        records: Number(row.records),
        notes: Number(row.notes),
        deliveries: Number(row.deliveries),
        at: new Date(row.at as string).toISOString(),
      }))
    },

    /** Deletes every record (of any kind) created more than `days` ago; resolves how many. */
    async expire(days: number): Promise<number> {
      const { rows } = await sql.query<{ n: number | string }>(
        `${eraseRows('DELETE FROM koe_records WHERE created_at < now() - make_interval(days => $1) RETURNING id')}
         SELECT count(*) AS n FROM gone`,
        [days],
      )
      return Number(rows[0]?.n ?? 0)
    },
  }
}
