/**
 * The rollup (issue 15): per survey, local day, segment and score, how many records there are.
 * The dashboard reads its figures from it instead of from the records, so a summary costs the
 * same at ten million answers as at ten thousand. Ingest only marks a record as not yet counted
 * (an insert, or a new version); the fold below counts marked records in one aggregated
 * statement, moving a new version's count from its old score to its new one, and a trigger takes
 * deleted records (erasure, retention) out.
 */

/**
 * The segments a record counts in, as (`dim`, `value`): `''` (everything), `trigger`, `path`
 * (the URL's path), `device`, `locale`, and `attr:<key>` for each string or boolean `identify`
 * attribute (numbers are measures, not segments). A record without a field counts under `''`
 * (not recorded): older records stay in every total.
 */
const SEGMENTS_OF = (r: string) => `LATERAL (
    VALUES ('', ''),
      ('trigger', COALESCE(${r}.record->>'trigger', '')),
      ('path', koe_url_path(${r}.record->>'url')),
      ('device', COALESCE(${r}.record->>'device', '')),
      ('locale', COALESCE(${r}.locale, ''))
    UNION ALL
    SELECT 'attr:' || a.key, a.value #>> '{}'
    FROM jsonb_each(CASE WHEN jsonb_typeof(${r}.record->'attributes') = 'object'
                         THEN ${r}.record->'attributes' ELSE '{}'::jsonb END) AS a
    WHERE jsonb_typeof(a.value) IN ('string', 'boolean')
  ) AS s (dim, value)`

/**
 * What a record counts as: `display`, `dismiss`, `nps`, `ces:7` or `ces:5` (a survey's scale is
 * part of what its answers mean), with its score (-1 without one).
 */
export const MEASURE_SQL = (r: string) =>
  `CASE WHEN ${r}.kind <> 'response' THEN ${r}.kind
        WHEN ${r}.type = 'ces' THEN 'ces:' || COALESCE(${r}.scale, 7) ELSE 'nps' END`

/**
 * The rollup rows the records `source` contributes, each counted `sign` times, with `score` as
 * their score (a record's earlier version counts with the score it was counted with).
 */
const FACTS = (source: string, sign: number, score = 'r.score') => `SELECT r.survey_id, s.dim, s.value,
      (r.created_at AT TIME ZONE z.time_zone)::date AS day, ${MEASURE_SQL('r')} AS measure,
      COALESCE(${score}, -1)::smallint AS score, ${sign} AS n
    FROM ${source} AS r CROSS JOIN koe_rollup_zone AS z CROSS JOIN ${SEGMENTS_OF('r')}`

/**
 * Adds the facts to the rollup, in key order so that two statements lock shared rows in the same
 * order (no deadlock). Rows that reach 0 stay: they are summed as 0.
 */
const APPLY = (facts: string) => `INSERT INTO koe_rollup AS t (survey_id, dim, value, day, measure, score, n)
    SELECT survey_id, dim, value, day, measure, score, sum(n) FROM (${facts}) AS f
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (survey_id, dim, value, day, measure, score) DO UPDATE SET n = t.n + EXCLUDED.n`

/**
 * Counts records not yet counted (new, or a new version: `rolled` is false) into the rollup, at
 * most `$1` of them, in one statement: each moves from the score it was counted with
 * (`counted_score`, -1 for a record without a score, NULL when never counted) to its current one.
 * Ingest only marks a row; this runs before every read and every few seconds, so reads are exact
 * and answers are stored as fast as before the rollup existed (issue 15). Rows another fold holds
 * are skipped, not waited for.
 */
export const FOLD_SQL = `WITH picked AS (
    SELECT id, counted_score FROM koe_records WHERE NOT rolled
    ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
  ), done AS (
    UPDATE koe_records AS r SET rolled = true, counted_score = COALESCE(r.score, -1)
    FROM picked AS p WHERE r.id = p.id
    RETURNING r.survey_id, r.kind, r.type, r.scale, r.score, r.created_at, r.locale, r.record,
      p.counted_score AS before
  ), applied AS (
    ${APPLY(`${FACTS('done', 1)} UNION ALL ${FACTS('(SELECT * FROM done WHERE before IS NOT NULL)', -1, 'NULLIF(r.before, -1)')}`)}
  )
  SELECT count(*)::int AS folded FROM done`

/** Empties the rollup and marks every record to be counted again (a new reporting zone). */
export const RESET_ROLLUP_SQL = `DELETE FROM koe_rollup;
  UPDATE koe_records SET rolled = false, counted_score = NULL WHERE rolled OR counted_score IS NOT NULL;`

/**
 * Migration 3: the rollup and its reporting time zone, the marks on records, the trigger that
 * takes erased records out, and the index of comments. Stored records are counted by the first
 * fold.
 */
export const ROLLUP_MIGRATION = `
  CREATE FUNCTION koe_url_path(url text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
    SELECT CASE WHEN url IS NULL THEN '' ELSE left(COALESCE(NULLIF(
      split_part(split_part(regexp_replace(url, '^[A-Za-z]+://[^/?#]*', ''), '?', 1), '#', 1),
      ''), '/'), 512) END
  $f$;
  -- The days of the rollup are days of this zone (KOE_TIME_ZONE); changing it counts again.
  CREATE TABLE koe_rollup_zone (time_zone text NOT NULL);
  INSERT INTO koe_rollup_zone VALUES ('UTC');
  CREATE TABLE koe_rollup (
    survey_id text NOT NULL,
    dim text NOT NULL,
    value text NOT NULL,
    day date NOT NULL,
    measure text NOT NULL,
    score smallint NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (survey_id, dim, value, day, measure, score)
  );
  ALTER TABLE koe_records ADD COLUMN rolled boolean NOT NULL DEFAULT false,
    ADD COLUMN counted_score smallint;
  CREATE INDEX koe_records_unrolled ON koe_records (id) WHERE NOT rolled;
  -- Erasure and retention delete records: what they counted leaves the rollup with them.
  CREATE FUNCTION koe_rollup_deleted() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN
    ${APPLY(FACTS('(SELECT * FROM old_rows WHERE counted_score IS NOT NULL)', -1, 'NULLIF(r.counted_score, -1)'))};
    RETURN NULL;
  END $f$;
  CREATE TRIGGER koe_rollup_delete AFTER DELETE ON koe_records REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION koe_rollup_deleted();
  -- The latest comments of a survey, read by the dashboard on every summary.
  CREATE INDEX koe_records_comments ON koe_records (survey_id, created_at, id)
    WHERE kind = 'response' AND comment <> '';
`
