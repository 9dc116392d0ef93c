import { catchUpLoyalty } from '../collector/loyalty-catch-up'
import type { SqlClient } from '../collector/sql-store'
import { tombstoneKey } from '../collector/tombstones'
import type { ErasureReport } from '../contract/erasure'

export type { ErasureReport } from '../contract/erasure'

/**
 * Deletes the records that `selected` (an SQL query returning `id` of koe_records rows to delete)
 * selects, with their inbox notes and alerts, and the digests not sent yet that name one of them
 * (a detractor to contact): the next look queues the digest again, without them. A report's
 * content is cleared once it is sent. Part of one statement: all or nothing.
 */
const eraseRows = (selected: string) => `gone AS (${selected}),
  notes AS (DELETE FROM koe_inbox WHERE record_id IN (SELECT id FROM gone) RETURNING record_id),
  pending AS (DELETE FROM koe_outbox WHERE record_id IN (SELECT id FROM gone) AND delivered_at IS NULL RETURNING id),
  sent AS (DELETE FROM koe_outbox WHERE record_id IN (SELECT id FROM gone) AND delivered_at IS NOT NULL RETURNING id),
  reports AS (DELETE FROM koe_outbox o WHERE o.report IS NOT NULL AND o.delivered_at IS NULL
    AND EXISTS (SELECT 1 FROM gone WHERE strpos(o.payload::text, gone.id::text) > 0) RETURNING id)`

/**
 * Which records a subject's erasure removes, and which tombstones it leaves (tombstones.ts), as
 * SQL over `$2` (the id). A user id takes the answers it gave and, from each device it answered
 * on (their anonymous ids), what carries no other person's user id: its displays, dismissals and
 * the answers given there before `identify`. An anonymous id (`koe.forget()`) takes its device's
 * records, all of them.
 */
const SUBJECTS = {
  userId: {
    devices: `SELECT DISTINCT record->>'anonymousId' AS id FROM koe_records
              WHERE record->>'userId' = $2 AND record ? 'anonymousId'`,
    records: `record->>'userId' = $2
              OR (NOT record ? 'userId' AND record->>'anonymousId' IN (SELECT id FROM devices))`,
    stones: `SELECT ${tombstoneKey('userId', '$2')}
             UNION SELECT ${tombstoneKey('anonymousOf', 'id')} FROM devices`,
    outcomes: `user_id = $2 OR (user_id IS NULL AND anonymous_id IN (SELECT id FROM devices))`,
  },
  anonymousId: {
    devices: 'SELECT $2::text AS id',
    records: `record->>'anonymousId' = $2`,
    stones: `SELECT ${tombstoneKey('anonymousId', '$2')}`,
    outcomes: `anonymous_id = $2`,
  },
} as const

/** Erasure on request (GDPR, APPI) and the retention limit. */
export function createErasure(sql: SqlClient) {
  return {
    /**
     * Erases everything stored for a user id (`identify`) or an anonymous id (`koe.forget()`
     * tells how a site learns it), leaves tombstones so that no retry stores it again, and logs
     * the counts, never the id. One statement: all or nothing.
     */
    async erase(subject: 'userId' | 'anonymousId', id: string): Promise<ErasureReport> {
      const { devices, records, stones, outcomes } = SUBJECTS[subject]
      const { rows } = await sql.query<Record<string, unknown>>(
        `WITH devices AS (${devices}),
         ${eraseRows(`DELETE FROM koe_records WHERE ${records} RETURNING id`)},
         outcomes AS (DELETE FROM koe_outcomes WHERE ${outcomes} RETURNING 1),
         stones AS (
           INSERT INTO koe_tombstones (key)
           SELECT ${tombstoneKey('record', 'id::text')} FROM gone UNION ${stones}
           ON CONFLICT (key) DO UPDATE SET erased_at = now()
         )
         INSERT INTO koe_erasures (subject, records, notes, deliveries, outcomes)
         SELECT $1, (SELECT count(*) FROM gone), (SELECT count(*) FROM notes), (SELECT count(*) FROM pending),
                (SELECT count(*) FROM outcomes)
         RETURNING subject, records, notes, deliveries, outcomes, at`,
        [subject, id],
      )
      return reportOf(rows[0] as Record<string, unknown>)
    },

    /**
     * Reclaims the space of deleted rows, so that what was erased leaves the table files
     * (VACUUM; it cannot run inside the erasure's transaction). What the write-ahead log still
     * holds goes at the database's next checkpoints (docs/collector.md).
     */
    async vacuum(): Promise<void> {
      // The loyalty view's rows of the people an erasure touched (a user whose device it was)
      // are worked out again first, and the ids marked for it leave with them.
      await catchUpLoyalty(sql)
      await sql.query(
        'VACUUM koe_records, koe_inbox, koe_outbox, koe_rollup, koe_outcomes, koe_loyalty_answers, koe_loyalty_hits, koe_loyalty_devices, koe_loyalty_dirty',
      )
    },

    /** The erasure log, newest first. */
    async log(limit = 50): Promise<ErasureReport[]> {
      const { rows } = await sql.query<Record<string, unknown>>(
        'SELECT subject, records, notes, deliveries, outcomes, at FROM koe_erasures ORDER BY id DESC LIMIT $1',
        [limit],
      )
      return rows.map(reportOf)
    },

    /**
     * Deletes every record (of any kind) created more than `days` ago, and the outcomes that
     * happened before then; resolves how many records.
     */
    async expire(days: number): Promise<number> {
      const { rows } = await sql.query<{ n: number | string }>(
        `WITH ${eraseRows('DELETE FROM koe_records WHERE created_at < now() - make_interval(days => $1) RETURNING id')},
         outcomes AS (DELETE FROM koe_outcomes WHERE at < now() - make_interval(days => $1) RETURNING 1)
         SELECT count(*) AS n FROM gone`,
        [days],
      )
      return Number(rows[0]?.n ?? 0)
    },
  }
}

const reportOf = (row: Record<string, unknown>): ErasureReport => ({
  subject: row.subject as ErasureReport['subject'],
  records: Number(row.records),
  notes: Number(row.notes),
  deliveries: Number(row.deliveries),
  outcomes: Number(row.outcomes),
  at: new Date(row.at as string).toISOString(),
})
