/**
 * The rollup (issue 15): per survey, local day, segment and score, how many records there are.
 * The dashboard reads its figures from it instead of from the records, so a summary costs the
 * same at ten million answers as at ten thousand. Statement-level triggers on `koe_records` keep
 * it equal to the records: an insert adds, an update (a comment added, a score changed) moves
 * the record's counts from its old version to its new one, a delete (erasure, retention)
 * subtracts. One aggregated statement per ingest statement, not one per row.
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

/** The rollup rows `source` (rows of `koe_records`) contributes, each counted `sign` times. */
const FACTS = (source: string, sign: number) => `SELECT r.survey_id, s.dim, s.value,
      (r.created_at AT TIME ZONE z.time_zone)::date AS day, ${MEASURE_SQL('r')} AS measure,
      COALESCE(r.score, -1)::smallint AS score, ${sign} AS n
    FROM ${source} AS r CROSS JOIN koe_rollup_zone AS z CROSS JOIN ${SEGMENTS_OF('r')}`

/**
 * Adds the facts to the rollup, in key order so that two ingest statements lock shared rows in
 * the same order (no deadlock). Rows that reach 0 stay: they are summed as 0.
 */
const APPLY = (
  facts: string,
) => `INSERT INTO koe_rollup AS t (survey_id, dim, value, day, measure, score, n)
    SELECT survey_id, dim, value, day, measure, score, sum(n) FROM (${facts}) AS f
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (survey_id, dim, value, day, measure, score) DO UPDATE SET n = t.n + EXCLUDED.n;`

/** Fills the rollup from every record, in the zone of `koe_rollup_zone`. */
export const REBUILD_ROLLUP_SQL = `DELETE FROM koe_rollup;
  ${APPLY(FACTS('koe_records', 1))}`

/**
 * Migration 3: the rollup, its reporting time zone, the triggers, the index of comments, and the
 * rollup of what is stored.
 */
export const ROLLUP_MIGRATION = `
  CREATE FUNCTION koe_url_path(url text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
    SELECT CASE WHEN url IS NULL THEN '' ELSE left(COALESCE(NULLIF(
      split_part(split_part(regexp_replace(url, '^[A-Za-z]+://[^/?#]*', ''), '?', 1), '#', 1),
      ''), '/'), 512) END
  $f$;
  -- The days of the rollup are days of this zone (KOE_TIME_ZONE); changing it rebuilds the rollup.
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
  CREATE FUNCTION koe_rollup_inserted() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN
    ${APPLY(FACTS('new_rows', 1))}
    RETURN NULL;
  END $f$;
  CREATE FUNCTION koe_rollup_updated() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN
    ${APPLY(`${FACTS('new_rows', 1)} UNION ALL ${FACTS('old_rows', -1)}`)}
    RETURN NULL;
  END $f$;
  CREATE FUNCTION koe_rollup_deleted() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN
    ${APPLY(FACTS('old_rows', -1))}
    RETURN NULL;
  END $f$;
  CREATE TRIGGER koe_rollup_insert AFTER INSERT ON koe_records REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION koe_rollup_inserted();
  CREATE TRIGGER koe_rollup_update AFTER UPDATE ON koe_records
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION koe_rollup_updated();
  CREATE TRIGGER koe_rollup_delete AFTER DELETE ON koe_records REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION koe_rollup_deleted();
  -- The latest comments of a survey, read by the dashboard on every summary.
  CREATE INDEX koe_records_comments ON koe_records (survey_id, created_at, id)
    WHERE kind = 'response' AND comment <> '';
  ${REBUILD_ROLLUP_SQL}
`
