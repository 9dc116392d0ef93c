import { drain } from './drain'
import type { SqlClient } from './sql-store'

/**
 * The rollup (issue 15): per survey, local day, segment and score, how many records there are.
 * The dashboard reads its figures from it instead of from the records, so a summary costs the
 * same at ten million answers as at ten thousand. Ingest only marks a record as not yet counted
 * (an insert, or a new version); the fold below counts marked records in one aggregated
 * statement, moving a new version's count from its old score to its new one, and a trigger takes
 * deleted records (erasure, retention) out. Counting in the ingest statement itself (triggers)
 * cost a third of ingest's throughput; marking costs a few per cent.
 */

/**
 * The segments a record counts in, as (`dim`, `value`): `''` (everything), `trigger`, `path`
 * (the URL's path), `device`, `locale`, and `attr:<key>` for each string or boolean `identify`
 * attribute (numbers are measures, not segments). A record without a field counts under `''`
 * (not recorded): older records stay in every total.
 */
const SEGMENTS_OF = (g: string) => `LATERAL (
    VALUES ('', ''),
      ('trigger', COALESCE(${g}.trigger, '')),
      ('path', koe_url_path(${g}.url)),
      ('device', COALESCE(${g}.device, '')),
      ('locale', COALESCE(${g}.locale, ''))
    UNION ALL
    SELECT 'attr:' || a.key, a.value #>> '{}'
    FROM jsonb_each(CASE WHEN jsonb_typeof(${g}.attributes) = 'object'
                         THEN ${g}.attributes ELSE '{}'::jsonb END) AS a
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
 * their score (a record's earlier version counts with the score it was counted with). Records
 * asked alike (same survey, day, score and context) are grouped first, so the segments are
 * worked out once per group rather than once per record.
 */
const FACTS = (source: string, sign: number, score = 'r.score') => `SELECT g.survey_id, s.dim,
      s.value, g.day, g.measure, g.score, ${sign} * g.n AS n
    FROM (
      SELECT r.survey_id, (r.created_at AT TIME ZONE z.time_zone)::date AS day,
        ${MEASURE_SQL('r')} AS measure, COALESCE(${score}, -1)::smallint AS score,
        r.record->>'trigger' AS trigger, r.record->>'url' AS url, r.record->>'device' AS device,
        r.locale, r.record->'attributes' AS attributes, count(*) AS n
      FROM ${source} AS r CROSS JOIN koe_rollup_zone AS z
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ) AS g CROSS JOIN ${SEGMENTS_OF('g')}`

/**
 * Adds the facts to the rollup. Whatever writes the rollup first takes the fold's lock, so two
 * writers never meet (no deadlock, no need to sort). Rows that reach 0 stay: they are summed as 0.
 */
const APPLY = (
  facts: string,
) => `INSERT INTO koe_rollup AS t (survey_id, dim, value, day, measure, score, n)
    SELECT survey_id, dim, value, day, measure, score, sum(n) FROM (${facts}) AS f
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0
    ON CONFLICT (survey_id, dim, value, day, measure, score) DO UPDATE SET n = t.n + EXCLUDED.n`

/** The advisory lock every writer of the rollup takes first. */
export const FOLD_LOCK = 4_242_002

/**
 * The fold, as a function: counts up to `page` records marked in `koe_rollup_dirty` (ingest marks
 * each record it stores or changes, in the same statement) into the rollup, each moving from the
 * score it was counted with (`counted_score`: -1 for a record without a score, NULL when never
 * counted) to its current one, and returns how many marks it took. Folds take turns (an advisory
 * lock), so two never count one change twice; a record changed while being folded is marked again
 * and counted by the next fold. Setting `counted_score`, in no index, is a HOT update.
 */
const foldFunction = (
  create: string,
  hook: string,
) => `${create} koe_rollup_fold(page integer) RETURNS integer LANGUAGE plpgsql AS $f$
  DECLARE
    ids uuid[];
    folded integer;
    moved integer;
  BEGIN
    PERFORM pg_advisory_xact_lock(${FOLD_LOCK});
    WITH dirty AS (
      DELETE FROM koe_rollup_dirty
      WHERE ctid = ANY (ARRAY(SELECT ctid FROM koe_rollup_dirty LIMIT page))
      RETURNING id
    )
    SELECT count(*), array_agg(DISTINCT id) INTO folded, ids FROM dirty;
    IF folded = 0 THEN RETURN 0; END IF;${hook}
    -- By primary key, a page of records at a time: never a scan of the whole table.
    WITH done AS (
      UPDATE koe_records AS r SET counted_score = COALESCE(r.score, -1)
      FROM unnest(ids) AS d (id) JOIN koe_records AS o ON o.id = d.id
      WHERE r.id = d.id AND o.counted_score IS DISTINCT FROM COALESCE(o.score, -1)
      RETURNING r.survey_id, r.kind, r.type, r.scale, r.score, r.created_at, r.locale, r.record,
        o.counted_score AS before
    ), applied AS (
      ${APPLY(`${FACTS('done', 1)} UNION ALL ${FACTS('(SELECT * FROM done WHERE before IS NOT NULL)', -1, 'NULLIF(r.before, -1)')}`)}
    )
    SELECT count(*) INTO moved FROM done;
    RETURN folded;
  END $f$;`

/**
 * The fold that also hands the records it takes to the loyalty view's tables (loyalty-sql.ts):
 * the one pass over what ingest changed feeds both, and ingest itself only marks.
 */
export const FOLD_WITH_LOYALTY = foldFunction(
  'CREATE OR REPLACE FUNCTION',
  `
    PERFORM koe_loyalty_take(ids);`,
)

/**
 * One fold of at most `$1` marks. Ingest only marks; this runs before every read and when ingest
 * is quiet, so reads are exact and answers are stored almost as fast as before the rollup existed.
 */
const FOLD_SQL = 'SELECT koe_rollup_fold($1) AS folded'

/** Records per fold statement. */
const FOLD_PAGE = 20_000

/**
 * Folds every mark, in pages, so that a large backlog (a first start on old data) is many short
 * statements; resolves how many marks it took. Reads (the store's summaries, the loyalty view)
 * call it first.
 */
export const foldAll = (client: SqlClient) => drain(client, FOLD_SQL, 'folded', FOLD_PAGE)

/**
 * Counts every record again, in one aggregated statement (a new reporting zone, the first start
 * on stored records): far faster than folding them page by page. Under the fold's lock.
 */
const REBUILD_FUNCTION = `CREATE FUNCTION koe_rollup_rebuild() RETURNS void LANGUAGE plpgsql AS $f$ BEGIN
    PERFORM pg_advisory_xact_lock(${FOLD_LOCK});
    -- Ingest of other servers waits: a record stored meanwhile would be counted twice.
    LOCK TABLE koe_records IN SHARE MODE;
    DELETE FROM koe_rollup;
    DELETE FROM koe_rollup_dirty;
    UPDATE koe_records SET counted_score = COALESCE(score, -1)
      WHERE counted_score IS DISTINCT FROM COALESCE(score, -1);
    ${APPLY(FACTS('koe_records', 1))};
  END $f$;`

/** Counts every record again (see the function above). */
export const REBUILD_SQL = 'SELECT koe_rollup_rebuild()'

/** What deleted records (`old_rows`) counted, taken out of the rollup. */
const TAKE_OUT_DELETED = APPLY(
  FACTS(
    '(SELECT * FROM old_rows WHERE counted_score IS NOT NULL)',
    -1,
    'NULLIF(r.counted_score, -1)',
  ),
)

/**
 * Migration 5 (issue 27): deleted records leave no row behind. A row summed to 0 still named
 * its segment (an erased person's attribute value, the path they answered on) and kept it in the
 * list of segment values, so the rows of the surveys a delete touched that are now 0 go too.
 */
export const ROLLUP_FORGETS_MIGRATION = `
  CREATE OR REPLACE FUNCTION koe_rollup_deleted() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN
    PERFORM pg_advisory_xact_lock(${FOLD_LOCK});
    ${TAKE_OUT_DELETED};
    DELETE FROM koe_rollup WHERE n = 0 AND survey_id IN (SELECT DISTINCT survey_id FROM old_rows);
    RETURN NULL;
  END $f$;
  DELETE FROM koe_rollup WHERE n = 0;
`

/**
 * Migration 3: the rollup and its reporting time zone, the marks and the fold, and the trigger
 * that takes erased records out, and the count of what is already stored.
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
  -- Byte order ("C"): keys are compared for equality, and the locale's rules cost a third of a fold.
  CREATE TABLE koe_rollup (
    survey_id text COLLATE "C" NOT NULL,
    dim text COLLATE "C" NOT NULL,
    value text COLLATE "C" NOT NULL,
    day date NOT NULL,
    measure text COLLATE "C" NOT NULL,
    score smallint NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (survey_id, dim, value, day, measure, score)
  );
  -- Room on each page for the fold's update of counted_score to stay on its page (HOT).
  ALTER TABLE koe_records ADD COLUMN counted_score smallint, SET (fillfactor = 90);
  -- Records stored or changed and not counted yet: appended by ingest, taken by the fold. No
  -- index: marking costs ingest one small heap row.
  CREATE TABLE koe_rollup_dirty (id uuid NOT NULL);
  ${foldFunction('CREATE FUNCTION', '')}
  ${REBUILD_FUNCTION}
  -- Erasure and retention delete records: what they counted leaves the rollup with them.
  CREATE FUNCTION koe_rollup_deleted() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN
    PERFORM pg_advisory_xact_lock(${FOLD_LOCK});
    ${TAKE_OUT_DELETED};
    RETURN NULL;
  END $f$;
  CREATE TRIGGER koe_rollup_delete AFTER DELETE ON koe_records REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION koe_rollup_deleted();
  PERFORM koe_rollup_rebuild();
`
