import type { SurveyRecord } from '../../../../src/scoring/wire'
import { RULE_MATCH_SQL } from './alert-rule'
import { jsonColumn } from './json-column'
import { MIGRATIONS } from './migrations'
import { foldAll, REBUILD_SQL } from './rollup-sql'
import { createSqlCounts, recordValueSql, type SqlCounts } from './sql-counts'
import type { RecordFilter, Store, UpsertResult } from './store'
import { ERASED_SQL } from './tombstones'

/**
 * The part of a database client the SQL store uses. PGlite and node-postgres (`pg.Pool`,
 * `pg.Client`) both have it, so the store needs neither as a dependency.
 */
export interface SqlClient {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>
}

/** A {@link Store} on PostgreSQL or PGlite. Call `migrate()` once before use. */
export interface SqlStore extends Store, SqlCounts {
  /** Creates or updates the schema; safe to call on every start, from several processes. */
  migrate(): Promise<void>
  recordPages(filter?: RecordFilter, pageSize?: number): AsyncIterable<SurveyRecord[]>
  /**
   * Says that alert endpoints were added or removed, so the next batch looks again at once
   * (otherwise within a second; another process on the same database also within a second).
   */
  alertEndpointsChanged(): void
  /**
   * Makes `timeZone` (IANA) the reporting zone: the rollup's days are days there. Counts every
   * record again when it changes (seconds per million records).
   */
  useTimeZone(timeZone: string): Promise<void>
  /**
   * Counts the records stored or changed since the last call into the rollup; resolves how many.
   * Reads call it first, so they are exact; a server calls it every few seconds as well, so that
   * a read never has much to do.
   */
  rollUp(): Promise<number>
  /** Counts every record again, in one statement (faster than `rollUp` for a whole store). */
  rebuildRollup(): Promise<void>
  /** Milliseconds since the last batch was stored: a server folds when ingest is quiet. */
  quietFor(): number
}

/** A fixed key for the migration lock, so two starting servers migrate one after the other. */
const MIGRATION_LOCK = 4_242_001

/** Keeps, per id, the version a store should hold: the latest `updatedAt` (responses), else the first. */
function latestPerId(records: SurveyRecord[]): SurveyRecord[] {
  const byId = new Map<string, SurveyRecord>()
  for (const record of records) {
    const held = byId.get(record.id)
    const newer =
      held?.kind === 'response' && record.kind === 'response' && record.updatedAt > held.updatedAt
    if (!held || newer) byId.set(record.id, record)
  }
  return [...byId.values()]
}

/**
 * PostgreSQL's classes 22 (data exception: a NUL in text, a date out of range) and 23 (integrity
 * constraint violation) are about the data sent, so they belong to a record; anything else (a
 * lost connection, a full disk) is the store's, and the client retries the whole batch later.
 */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^2[23]/.test(code)
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * The batch `$1` as rows `r`, each with whether it carries an id erased after it was made
 * (tombstones.ts): such a record is never stored again, and counts as accepted.
 */
const INPUT = `input AS MATERIALIZED (
    SELECT r, ${ERASED_SQL('r')} AS erased FROM jsonb_array_elements($1::jsonb) AS r
  )`

/** The last part of an ingest statement: what it changed, and what it refused as erased. */
const COUNTED = `SELECT (SELECT count(*) FROM changed) AS changed,
    (SELECT count(*) FROM input WHERE erased) AS erased`

/** The counts {@link COUNTED} answers. */
type Counted = { changed: number | string; erased: number | string }

/** Rows per read query; see `recordPages`. */
const PAGE_SIZE = 2_000

/** Options of {@link createSqlStore}. */
export interface SqlStoreOptions {
  /**
   * Where reads (dashboard, exports) run: a pool of their own on PostgreSQL, so that ingest never
   * waits for a free connection behind dashboard work. Default: the same client as writes.
   */
  readClient?: SqlClient
  /**
   * Seconds an alert waits before it is sent, so that the comment that usually follows a score
   * is in it. Default 30.
   */
  alertDelaySeconds?: number
}

/** Creates the SQL store on a client. */
export function createSqlStore(client: SqlClient, options: SqlStoreOptions = {}): SqlStore {
  const reader = options.readClient ?? client
  const alertDelaySeconds = options.alertDelaySeconds ?? 30
  /**
   * The upsert of records with distinct ids, one statement per batch. A row changes only when the
   * incoming version differs and is not older: a retry is a no-op, a later comment replaces the
   * score-only version, and a stale retry cannot undo it. RETURNING lists what changed. It reads
   * `input`, the batch with each record's tombstone looked up once (see {@link INPUT}).
   */
  const UPSERT = `INSERT INTO koe_records (id, kind, survey_id, type, score, scale, comment, created_at, updated_at, locale, record)
       SELECT (r->>'id')::uuid, r->>'kind', r->>'surveyId', r->>'type', (r->>'score')::smallint,
              (r->>'scale')::smallint, r->>'comment', (r->>'createdAt')::timestamptz,
              (r->>'updatedAt')::timestamptz, r->>'locale', r
       FROM input WHERE NOT erased
       ON CONFLICT (id) DO UPDATE SET
         score = EXCLUDED.score, comment = EXCLUDED.comment, updated_at = EXCLUDED.updated_at,
         record = EXCLUDED.record, received_at = now()
       WHERE koe_records.record IS DISTINCT FROM EXCLUDED.record
         AND koe_records.kind = EXCLUDED.kind
         AND (koe_records.updated_at IS NULL OR EXCLUDED.updated_at >= koe_records.updated_at)
         -- A later version changes the score and the comment. Where it was asked stays the
         -- first version's (the SDK never changes it): the rollup moves only a record's score.
         AND koe_records.survey_id = EXCLUDED.survey_id
         AND koe_records.created_at = EXCLUDED.created_at
         AND koe_records.type IS NOT DISTINCT FROM EXCLUDED.type
         AND koe_records.scale IS NOT DISTINCT FROM EXCLUDED.scale
         AND koe_records.locale IS NOT DISTINCT FROM EXCLUDED.locale
         AND koe_records.record->'trigger' IS NOT DISTINCT FROM EXCLUDED.record->'trigger'
         AND koe_records.record->'url' IS NOT DISTINCT FROM EXCLUDED.record->'url'
         AND koe_records.record->'device' IS NOT DISTINCT FROM EXCLUDED.record->'device'
         AND koe_records.record->'attributes' IS NOT DISTINCT FROM EXCLUDED.record->'attributes'`
  /**
   * The same upsert, queueing in the same statement an alert for each endpoint whose rule the
   * stored version matches (issue 16): atomic with the answer, so a crash never keeps one without
   * the other, and ingest never waits for a receiver. One alert per record and endpoint: a comment
   * added later is in the alert when it is sent, `alertDelaySeconds` after.
   */
  const UPSERT_WITH_ALERTS = `WITH ${INPUT}, changed AS (
       ${UPSERT}
       RETURNING id, kind, survey_id, type, score, scale, comment, locale,
         record->'attributes' AS attributes
     ), marked AS (
       INSERT INTO koe_rollup_dirty SELECT id FROM changed
     ), alerts AS (
       INSERT INTO koe_outbox (webhook_id, record_id, next_at)
       SELECT w.id, r.id, now() + make_interval(secs => $2)
       FROM changed r JOIN koe_webhooks w ON ${RULE_MATCH_SQL}
       ON CONFLICT (record_id, webhook_id) DO NOTHING
     )
     ${COUNTED}`
  /**
   * Whether any alert endpoint exists, looked up at most once a second: without one, ingest runs
   * the plain upsert, as fast as before alerts existed (the statement with the outbox costs about
   * a sixth more even with nothing to queue). An endpoint added takes effect at once in this
   * process ({@link SqlStore.alertEndpointsChanged}), within a second in others.
   */
  let endpoints = { known: false, at: Number.NEGATIVE_INFINITY }
  const hasEndpoints = async (): Promise<boolean> => {
    if (performance.now() - endpoints.at < 1_000) return endpoints.known
    const { rows } = await client.query<{ known: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM koe_webhooks) AS known',
    )
    endpoints = { known: !!rows[0]?.known, at: performance.now() }
    return endpoints.known
  }
  /**
   * Upserts records with distinct ids in one statement; resolves how many rows changed or were
   * erased before (accepted: the client may forget them, and nothing is stored).
   */
  const insert = async (records: SurveyRecord[]): Promise<number> => {
    const { rows } = (await hasEndpoints())
      ? await client.query<Counted>(UPSERT_WITH_ALERTS, [
          JSON.stringify(records),
          alertDelaySeconds,
        ])
      : await client.query<Counted>(
          // What changed is marked for the dashboard's rollup (rollup-sql.ts), in the same statement.
          `WITH ${INPUT}, changed AS (${UPSERT} RETURNING id),
             marked AS (INSERT INTO koe_rollup_dirty SELECT id FROM changed)
           ${COUNTED}`,
          [JSON.stringify(records)],
        )
    return Number(rows[0]?.changed ?? 0) + Number(rows[0]?.erased ?? 0)
  }

  /**
   * One fold at a time in this process, each after the one before: the summary's queries run at
   * once, and each must see every mark taken before it, so a read never sees a fold that has not
   * committed yet. Folds of other processes take turns with these in the database.
   */
  let folding: Promise<number> = Promise.resolve(0)
  const rollUp = () => {
    const fold = () => foldAll(client)
    folding = folding.then(fold, fold)
    return folding
  }
  const counts = createSqlCounts(reader, rollUp)
  let lastWrite = Number.NEGATIVE_INFINITY
  return {
    ...counts,
    rollUp,
    async rebuildRollup() {
      await client.query(REBUILD_SQL)
    },
    async useTimeZone(timeZone) {
      // A DO block takes no parameters: the name is checked to be a plain zone name first.
      if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(timeZone))
        throw new RangeError(`not a time zone name: ${timeZone}`)
      await client.query('SELECT now() AT TIME ZONE $1', [timeZone])
      await client.query(`DO $koe$ BEGIN
        PERFORM pg_advisory_xact_lock(${MIGRATION_LOCK});
        IF (SELECT time_zone FROM koe_rollup_zone) IS DISTINCT FROM '${timeZone}' THEN
          LOCK TABLE koe_records IN SHARE MODE;
          UPDATE koe_rollup_zone SET time_zone = '${timeZone}';
          PERFORM koe_rollup_rebuild();
        END IF;
      END $koe$`)
      counts.forgetZone()
    },

    alertEndpointsChanged() {
      endpoints = { known: false, at: Number.NEGATIVE_INFINITY }
    },

    async migrate() {
      // One DO block per step: a single statement is a single transaction on any client (a pool
      // may run each query on another connection), and the transaction-scoped lock makes two
      // servers starting at once migrate one after the other.
      for (const [index, sql] of MIGRATIONS.entries()) {
        await client.query(`DO $koe$ BEGIN
          PERFORM pg_advisory_xact_lock(${MIGRATION_LOCK});
          CREATE TABLE IF NOT EXISTS koe_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
          IF NOT EXISTS (SELECT 1 FROM koe_migrations WHERE version = ${index + 1}) THEN
            ${sql}
            INSERT INTO koe_migrations (version) VALUES (${index + 1});
          END IF;
        END $koe$`)
      }
    },

    quietFor: () => performance.now() - lastWrite,

    async upsert(records): Promise<UpsertResult> {
      if (records.length === 0) return { accepted: 0, duplicates: 0, rejected: [] }
      lastWrite = performance.now()
      const unique = latestPerId(records)
      try {
        const accepted = await insert(unique)
        return { accepted, duplicates: records.length - accepted, rejected: [] }
      } catch (error) {
        if (!isDataError(error)) throw error
      }
      // Something in the batch is data the database refuses: store the rest, one by one, and
      // name the culprit, so that one record never holds back the answers sent with it.
      let accepted = 0
      const rejected: { id: string; error: string }[] = []
      for (const record of unique) {
        try {
          accepted += await insert([record])
        } catch (error) {
          if (!isDataError(error)) throw error
          rejected.push({ id: record.id, error: `the database refused it: ${messageOf(error)}` })
        }
      }
      const refused = new Set(rejected.map((r) => r.id))
      const sent = records.filter((r) => !refused.has(r.id)).length
      return { accepted, duplicates: sent - accepted, rejected }
    },

    async *recordPages(filter: RecordFilter = {}, pageSize = PAGE_SIZE) {
      const where: string[] = []
      const params: unknown[] = []
      const add = (sql: string, value: unknown) => {
        params.push(value)
        where.push(sql.replaceAll('?', `$${params.length}`))
      }
      if (filter.surveyId) add('survey_id = ?', filter.surveyId)
      if (filter.kind) add('kind = ?', filter.kind)
      // Displays and dismissals carry their locale too (issue 15); older ones without it are
      // in the totals only.
      if (filter.locale) add('locale = ?', filter.locale)
      if (filter.from) add('created_at >= ?::timestamptz', filter.from)
      if (filter.until) add('created_at < ?::timestamptz', filter.until)
      for (const c of filter.where ?? []) {
        const value = recordValueSql(c.dim, (v) => `$${params.push(v)}`)
        add(`${value} = ?`, c.value)
      }
      const fixed = where.length
      const fixedParams = params.length
      // Keyset pages, each its own short query: memory stays bounded by the page, and on a
      // single-connection database (PGlite) ingest statements run between pages instead of
      // waiting for the whole read.
      for (let after: { created_at: unknown; id: string } | undefined; ; ) {
        where.length = fixed
        params.length = fixedParams
        if (after) {
          params.push(after.created_at, after.id)
          where.push(
            `(created_at, id) > ($${fixedParams + 1}::timestamptz, $${fixedParams + 2}::uuid)`,
          )
        }
        const { rows } = await reader.query<{
          record: SurveyRecord | string
          created_at: unknown
          id: string
        }>(
          // The key as text: a JavaScript Date would drop the microseconds a row stored by SQL
          // may have, and the next page would repeat rows.
          // ORDER BY names the table's column: the bare name would be the text alias, sorted
          // in full for every page instead of read from the index (issue 27).
          `SELECT record, created_at::text AS created_at, id FROM koe_records AS r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY r.created_at, r.id LIMIT ${Math.max(1, Math.floor(pageSize))}`,
          params,
        )
        if (rows.length) yield rows.map((row) => jsonColumn<SurveyRecord>(row.record))
        if (rows.length < pageSize) return
        after = rows[rows.length - 1]
      }
    },

    async records(filter: RecordFilter = {}) {
      const all: SurveyRecord[] = []
      for await (const page of this.recordPages(filter)) for (const record of page) all.push(record)
      return all
    },

    async surveyIds() {
      const { rows } = await reader.query<{ survey_id: string }>(
        'SELECT DISTINCT survey_id FROM koe_records ORDER BY survey_id',
      )
      return rows.map((row) => row.survey_id)
    },
  }
}
