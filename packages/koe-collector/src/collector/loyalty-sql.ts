import { GROUP_SQL } from './alert-rule'
import { FOLD_LOCK } from './rollup-sql'

/**
 * The loyalty view's own tables (issue 30): what each answer's person did after it, kept as
 * answers and outcomes arrive, so that the view sums a few hundred rows of totals (or, with a
 * range, reads one row per answer) instead of joining every answer's person with every outcome
 * (18 s at 10⁶ answers and 10⁷ outcomes; 11–16 ms now, docs/benchmarks.md).
 *
 * - `koe_loyalty_answers`: one row per NPS or CES answer that names a person, with that person
 *   (its user id, the user its device was last seen with, else its anonymous id) and the time of
 *   the person's next answer of the type and of the survey: the latest answer in a range is the
 *   one whose next answer is not in it, a filter instead of a sort.
 * - `koe_loyalty_devices`: each device seen with a user id (the records that carry both), and
 *   when last. A device belongs to the user it was last seen with.
 * - `koe_loyalty_hits`: per answer and outcome name, every outcome of the person after the answer
 *   (within ten years, the longest window): the day of the first (whether the person converted
 *   within any window is `first_day <= days`), and two arrays, the seconds from the answer to
 *   each and the running sum of their values. The value within any window is then one
 *   `width_bucket` (a binary search) away. A day is 24 hours here.
 * - `koe_loyalty_respondents` and `koe_loyalty_days`: totals of the latest answers (see
 *   {@link COUNT}), per type, survey (`''`: every survey of the type) and group, and for the
 *   days also per outcome name and day after the answer.
 * - `koe_loyalty_dirty`: the user and anonymous ids whose rows must be worked out again. The
 *   fold of the results rollup (rollup-sql.ts) passes it the records that changed, the outcome
 *   import marks the ids it stored, triggers mark what erasure and retention delete; a refresh
 *   (below) takes them page by page. Reads refresh first, so they are exact.
 * - `koe_outcome_kinds`: the outcome names and currencies stored, for the view's choices.
 */

/**
 * The advisory lock every writer of the loyalty tables takes. The fold holds the rollup's lock
 * when it hands records over, so the delete triggers take the rollup's first too: always in
 * that order, never a deadlock.
 */
const LOYALTY_LOCK = 4_242_003

/** Longest window after an answer the loyalty view looks at: ten years. */
export const LOYALTY_MAX_DAYS = 3650

/**
 * `column` is one of the array `array`'s elements, as a join the planner hashes or drives an
 * index with: `= ANY (array)` compares each row with every element, and a refresh's arrays hold
 * thousands (quadratic: 7 s for 4,000 people on PGlite).
 */
const IN = (column: string, array: string) => `${column} IN (SELECT unnest(${array}))`

/** The user the device `anonymousId` (SQL) was last seen with, or NULL. */
const LINK = (anonymousId: string) => `(SELECT d.user_id FROM koe_loyalty_devices AS d
    WHERE d.anonymous_id = ${anonymousId} ORDER BY d.last_at DESC, d.user_id LIMIT 1)`

/** Each answer's next one by the same person, of the type and of the survey (window columns). */
const NEXT_ANSWERS = `lead(created_at) OVER (PARTITION BY person, type ORDER BY created_at, record_id)
      AS next_type_at,
    lead(created_at) OVER (PARTITION BY person, type, survey_id ORDER BY created_at, record_id)
      AS next_survey_at`

/**
 * The answers among the records `r` that `where` picks, as rows of `koe_loyalty_answers` without
 * their person (worked out later): an NPS or CES answer that names a user or a device.
 */
const ANSWERS_OF = (where: string) => `SELECT r.id AS record_id, r.record->>'userId' AS user_id,
      r.record->>'anonymousId' AS anonymous_id, r.type, r.survey_id, ${GROUP_SQL} AS grp,
      r.created_at
    FROM koe_records AS r
    WHERE ${where} AND r.kind = 'response' AND r.type IS NOT NULL
      AND (r.record->>'userId' IS NOT NULL OR r.record->>'anonymousId' IS NOT NULL)`

/**
 * The ties of a device to a user among the records that `where` picks (those carrying both ids),
 * as rows of `koe_loyalty_devices`: when each was last seen.
 */
const DEVICES_OF = (where: string) => `SELECT record->>'anonymousId' AS anonymous_id,
      record->>'userId' AS user_id, max(created_at) AS last_at
    FROM koe_records
    WHERE ${where} AND record->>'userId' IS NOT NULL AND record->>'anonymousId' IS NOT NULL
    GROUP BY 1, 2`

/** The devices of the array `people`: the ids themselves (a device as its own person) and theirs. */
const DEVICES_OF_PEOPLE = `ARRAY(SELECT unnest(people)
      UNION SELECT anonymous_id FROM koe_loyalty_devices WHERE ${IN('user_id', 'people')})`

/**
 * Stores what each person did after each of their answers (`answers`: a condition on
 * `koe_loyalty_answers AS a`), per outcome name, from their outcomes (`outcomes`: rows of
 * `koe_outcomes`, at least theirs). Times are whole seconds after the answer,
 * rounded up: a window of whole days ends at a whole second, so `<=` stays exact.
 */
const STORE_HITS = (answers: string, outcomes: string) => `
    WITH outcomes AS (
      SELECT coalesce(o.user_id, ${LINK('o.anonymous_id')}, o.anonymous_id) AS person, o.name,
             o.external_id, o.at, o.value
      FROM ${outcomes} AS o
    ), after AS (
      SELECT o.name, a.record_id, a.type, a.survey_id, a.grp, a.created_at, a.next_type_at,
        a.next_survey_at, o.at, o.external_id,
        ceil(date_part('epoch', o.at - a.created_at))::integer AS offset_s,
        sum(coalesce(o.value, 0)) OVER (PARTITION BY a.record_id, o.name ORDER BY o.at, o.external_id
          ROWS UNBOUNDED PRECEDING) AS running
      FROM koe_loyalty_answers AS a
      JOIN outcomes AS o ON o.person = a.person AND o.at > a.created_at
        AND o.at <= a.created_at + make_interval(secs => ${LOYALTY_MAX_DAYS * 86_400})
      WHERE ${answers}
    )
    INSERT INTO koe_loyalty_hits (record_id, name, type, survey_id, grp, created_at, next_type_at,
      next_survey_at, first_day, offsets, sums)
    SELECT record_id, name, type, survey_id, grp, created_at, next_type_at, next_survey_at,
      ceil(min(offset_s) / 86400.0)::integer,
      array_agg(offset_s ORDER BY at, external_id), array_agg(running ORDER BY at, external_id)
    FROM after
    GROUP BY record_id, name, type, survey_id, grp, created_at, next_type_at, next_survey_at;`

/**
 * Adds to the totals of the latest answers (`sign` 1) or takes out (-1) what the answers `ids`
 * (SQL for an array of record ids; `null`: every answer) count there: per type and survey (and
 * `''`, every survey of the type), each answer that is its person's latest counts as a respondent
 * of its group, and on each day after it that an outcome came, that outcome's value and what it
 * adds to the square of the person's running sum. The sum of those up to day `days` is then
 * the value per person within any window, and its squares, without reading a single answer: a
 * running sum's square is the sum of such steps. An answer not worked out yet (no person) counts
 * nowhere. Numeric sums: what is added and taken out again cancels exactly.
 */
const COUNT = (ids: string | null, sign: 1 | -1) => {
  const of = (column: string) => (ids === null ? 'true' : IN(column, ids))
  return `
    INSERT INTO koe_loyalty_respondents AS t (type, survey_id, grp, n)
      SELECT a.type, s.survey_id, a.grp, ${sign} * count(*)
      FROM koe_loyalty_answers AS a
      CROSS JOIN LATERAL (VALUES ('', a.next_type_at IS NULL),
        (a.survey_id, a.next_survey_at IS NULL)) AS s (survey_id, latest)
      WHERE ${of('a.record_id')} AND a.person IS NOT NULL AND s.latest
      GROUP BY 1, 2, 3
      ON CONFLICT (type, survey_id, grp) DO UPDATE SET n = t.n + EXCLUDED.n;
    INSERT INTO koe_loyalty_days AS t (type, survey_id, name, grp, day, converted, value, squares)
      SELECT h.type, s.survey_id, h.name, h.grp, ceil(e.offset_s / 86400.0)::integer,
        ${sign} * count(*) FILTER (WHERE e.i = 1),
        ${sign} * sum(e.running::numeric - coalesce(h.sums[e.i - 1], 0)::numeric),
        ${sign} * sum(e.running::numeric * e.running::numeric
          - coalesce(h.sums[e.i - 1], 0)::numeric * coalesce(h.sums[e.i - 1], 0)::numeric)
      FROM koe_loyalty_hits AS h
      CROSS JOIN LATERAL (VALUES ('', h.next_type_at IS NULL),
        (h.survey_id, h.next_survey_at IS NULL)) AS s (survey_id, latest)
      CROSS JOIN LATERAL unnest(h.offsets, h.sums) WITH ORDINALITY AS e (offset_s, running, i)
      WHERE ${of('h.record_id')} AND s.latest
      GROUP BY 1, 2, 3, 4, 5
      ON CONFLICT (type, survey_id, name, grp, day) DO UPDATE SET
        converted = t.converted + EXCLUDED.converted, value = t.value + EXCLUDED.value,
        squares = t.squares + EXCLUDED.squares;`
}

/** The ids a record names (`r`), if the loyalty view cares: an answer, or a device tied to a user. */
const IDS_OF = (r: string) => `SELECT k FROM ${r} AS r
    CROSS JOIN LATERAL (VALUES (r.record->>'userId'), (r.record->>'anonymousId')) AS v (k)
    WHERE k IS NOT NULL AND (r.kind = 'response'
      OR (r.record->>'userId' IS NOT NULL AND r.record->>'anonymousId' IS NOT NULL))`

/**
 * Takes the records `ids` that ingest changed (called by the rollup's fold, which reads every
 * changed record's id once): their answers and devices are stored, their people marked.
 */
const TAKE_FUNCTION = `CREATE FUNCTION koe_loyalty_take(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $f$
  DECLARE
    counted uuid[];
  BEGIN
    PERFORM pg_advisory_xact_lock(${LOYALTY_LOCK});
    -- Whoever a changed record names, and whoever its answer counted for until now.
    INSERT INTO koe_loyalty_dirty (key)
      ${IDS_OF(`(SELECT * FROM koe_records WHERE ${IN('id', 'ids')})`)}
      UNION SELECT person FROM koe_loyalty_answers WHERE ${IN('record_id', 'ids')} AND person IS NOT NULL;
    -- A changed answer counts nowhere until its person is worked out again.
    counted := ARRAY(SELECT record_id FROM koe_loyalty_answers
      WHERE ${IN('record_id', 'ids')} AND person IS NOT NULL);
    IF cardinality(counted) > 0 THEN
      ${COUNT('counted', -1)}
      DELETE FROM koe_loyalty_hits WHERE ${IN('record_id', 'counted')};
      UPDATE koe_loyalty_answers SET person = NULL WHERE ${IN('record_id', 'counted')};
    END IF;
    INSERT INTO koe_loyalty_devices AS d (anonymous_id, user_id, last_at)
      ${DEVICES_OF(IN('id', 'ids'))}
      ON CONFLICT (anonymous_id, user_id) DO UPDATE SET last_at = greatest(d.last_at, EXCLUDED.last_at);
    INSERT INTO koe_loyalty_answers AS a (record_id, user_id, anonymous_id, type, survey_id, grp, created_at)
      ${ANSWERS_OF(IN('r.id', 'ids'))}
      ON CONFLICT (record_id) DO UPDATE SET user_id = EXCLUDED.user_id,
        anonymous_id = EXCLUDED.anonymous_id, grp = EXCLUDED.grp;
  END $f$;`

/**
 * Works out again the rows of up to `page` marked ids' people, under the lock; returns how many
 * marks it took. A person's people are the id itself, every user a device id was seen with (the
 * one it counted for until now and the one it counts for from now), and their devices.
 */
const REFRESH_FUNCTION = `CREATE FUNCTION koe_loyalty_refresh(page integer) RETURNS integer LANGUAGE plpgsql AS $f$
  DECLARE
    keys text[];
    people text[];
    devices text[];
    moved uuid[];
    moved_to text[];
    moved_from text[];
    answers uuid[];
    taken integer;
  BEGIN
    PERFORM pg_advisory_xact_lock(${LOYALTY_LOCK});
    WITH marks AS (
      DELETE FROM koe_loyalty_dirty
      WHERE ctid = ANY (ARRAY(SELECT ctid FROM koe_loyalty_dirty LIMIT page))
      RETURNING key
    )
    SELECT count(*), array_agg(DISTINCT key) INTO taken, keys FROM marks;
    IF taken = 0 THEN RETURN 0; END IF;
    people := ARRAY(SELECT unnest(keys)
      UNION SELECT user_id FROM koe_loyalty_devices WHERE ${IN('anonymous_id', 'keys')});
    devices := ${DEVICES_OF_PEOPLE};
    -- Who each of their answers is now: its user id, the user its device was last seen with, its
    -- device. An answer that moves from one person to another makes both of them people here.
    SELECT coalesce(array_agg(n.record_id), '{}'), coalesce(array_agg(n.person), '{}'),
           coalesce(array_agg(n.was) FILTER (WHERE n.was IS NOT NULL), '{}')
    INTO moved, moved_to, moved_from
    FROM (
      SELECT a.record_id, a.person AS was,
             coalesce(a.user_id, ${LINK('a.anonymous_id')}, a.anonymous_id) AS person
      FROM koe_loyalty_answers AS a
      WHERE a.record_id IN (
        SELECT record_id FROM koe_loyalty_answers WHERE ${IN('user_id', 'people')}
        UNION SELECT record_id FROM koe_loyalty_answers WHERE ${IN('anonymous_id', 'devices')}
        UNION SELECT record_id FROM koe_loyalty_answers WHERE ${IN('person', 'people')})
    ) AS n
    WHERE n.was IS DISTINCT FROM n.person;
    people := ARRAY(SELECT unnest(people) UNION SELECT unnest(moved_to) UNION SELECT unnest(moved_from));
    devices := ${DEVICES_OF_PEOPLE};
    answers := ARRAY(SELECT record_id FROM koe_loyalty_answers WHERE ${IN('person', 'people')}
      UNION SELECT unnest(moved));
    -- Out of the totals with what they counted, worked out again, and back in.
    ${COUNT('answers', -1)}
    UPDATE koe_loyalty_answers AS a SET person = m.person
      FROM unnest(moved, moved_to) AS m (record_id, person) WHERE a.record_id = m.record_id;
    UPDATE koe_loyalty_answers AS a
    SET next_type_at = n.next_type_at, next_survey_at = n.next_survey_at
    FROM (
      SELECT record_id, ${NEXT_ANSWERS} FROM koe_loyalty_answers WHERE ${IN('person', 'people')}
    ) AS n
    WHERE a.record_id = n.record_id AND (a.next_type_at IS DISTINCT FROM n.next_type_at
      OR a.next_survey_at IS DISTINCT FROM n.next_survey_at);
    DELETE FROM koe_loyalty_hits WHERE ${IN('record_id', 'answers')};
    ${STORE_HITS(
      IN('a.person', 'people'),
      `(SELECT * FROM koe_outcomes WHERE ${IN('user_id', 'people')}
        UNION ALL SELECT * FROM koe_outcomes WHERE user_id IS NULL AND ${IN('anonymous_id', 'devices')})`,
    )}
    ${COUNT('answers', 1)}
    RETURN taken;
  END $f$;`

/** Works out every row again (a first start on stored answers), in set-wide statements. */
const REBUILD_FUNCTION = `CREATE FUNCTION koe_loyalty_rebuild() RETURNS void LANGUAGE plpgsql AS $f$ BEGIN
    PERFORM pg_advisory_xact_lock(${LOYALTY_LOCK});
    DELETE FROM koe_loyalty_dirty;
    DELETE FROM koe_loyalty_respondents;
    DELETE FROM koe_loyalty_days;
    DELETE FROM koe_loyalty_hits;
    DELETE FROM koe_loyalty_answers;
    DELETE FROM koe_loyalty_devices;
    INSERT INTO koe_loyalty_devices (anonymous_id, user_id, last_at) ${DEVICES_OF('true')};
    INSERT INTO koe_loyalty_answers (record_id, user_id, anonymous_id, person, type, survey_id, grp,
      created_at, next_type_at, next_survey_at)
      SELECT record_id, user_id, anonymous_id, person, type, survey_id, grp, created_at,
        ${NEXT_ANSWERS}
      FROM (
        SELECT n.*, coalesce(n.user_id, ${LINK('n.anonymous_id')}, n.anonymous_id) AS person
        FROM (${ANSWERS_OF('true')}) AS n
      ) AS a;
    ${STORE_HITS('true', 'koe_outcomes')}
    ${COUNT(null, 1)}
  END $f$;`

/**
 * What erasure and retention delete leaves the loyalty tables at once (an erased person's
 * answers and what they did), and marks who else it changes (a user whose device it was).
 * A device's tie to a user goes with the record that last showed it, unless an older one shows
 * it still.
 */
const DELETE_TRIGGERS = `
  CREATE FUNCTION koe_loyalty_records_deleted() RETURNS trigger LANGUAGE plpgsql AS $f$
  DECLARE
    gone_devices text[];
    gone_users text[];
  BEGIN
    PERFORM pg_advisory_xact_lock(${FOLD_LOCK});
    PERFORM pg_advisory_xact_lock(${LOYALTY_LOCK});
    INSERT INTO koe_loyalty_dirty (key)
      ${IDS_OF('old_rows')}
      UNION SELECT person FROM koe_loyalty_answers
        WHERE record_id IN (SELECT id FROM old_rows) AND person IS NOT NULL;
    ${COUNT('ARRAY(SELECT id FROM old_rows)', -1)}
    DELETE FROM koe_loyalty_hits WHERE record_id IN (SELECT id FROM old_rows);
    DELETE FROM koe_loyalty_answers WHERE record_id IN (SELECT id FROM old_rows);
    WITH gone AS (
      DELETE FROM koe_loyalty_devices AS d USING old_rows AS r
      WHERE d.anonymous_id = r.record->>'anonymousId' AND d.user_id = r.record->>'userId'
        AND d.last_at <= r.created_at
      RETURNING d.anonymous_id, d.user_id
    )
    SELECT coalesce(array_agg(anonymous_id), '{}'), coalesce(array_agg(user_id), '{}')
    INTO gone_devices, gone_users FROM gone;
    -- Erasure and retention leave no older record of such a tie; any other delete may.
    IF cardinality(gone_devices) > 0 THEN
      INSERT INTO koe_loyalty_devices (anonymous_id, user_id, last_at)
        ${DEVICES_OF(`(record->>'anonymousId', record->>'userId')
          IN (SELECT * FROM unnest(gone_devices, gone_users))`)};
    END IF;
    RETURN NULL;
  END $f$;
  CREATE TRIGGER koe_loyalty_records_delete AFTER DELETE ON koe_records
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION koe_loyalty_records_deleted();
  CREATE FUNCTION koe_loyalty_outcomes_deleted() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN
    PERFORM pg_advisory_xact_lock(${FOLD_LOCK});
    PERFORM pg_advisory_xact_lock(${LOYALTY_LOCK});
    INSERT INTO koe_loyalty_dirty (key)
      SELECT DISTINCT coalesce(user_id, anonymous_id) FROM old_rows;
    DELETE FROM koe_outcome_kinds AS k
      WHERE (k.name, k.currency) IN (SELECT name, coalesce(currency, '') FROM old_rows)
        AND NOT EXISTS (SELECT 1 FROM koe_outcomes AS o
          WHERE o.name = k.name AND coalesce(o.currency, '') = k.currency);
    RETURN NULL;
  END $f$;
  CREATE TRIGGER koe_loyalty_outcomes_delete AFTER DELETE ON koe_outcomes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION koe_loyalty_outcomes_deleted();`

/**
 * The migration: the tables, the functions, the triggers, and the rows of what is already
 * stored. `foldFunction` is the rollup's fold that also passes its records to `koe_loyalty_take`.
 */
export const LOYALTY_MIGRATION = (foldFunction: string) => `
  CREATE TABLE koe_loyalty_answers (
    record_id uuid PRIMARY KEY,
    user_id text,
    anonymous_id text,
    person text,
    type text NOT NULL,
    survey_id text NOT NULL,
    grp text NOT NULL,
    created_at timestamptz NOT NULL,
    next_type_at timestamptz,
    next_survey_at timestamptz
  );
  CREATE INDEX koe_loyalty_answers_user ON koe_loyalty_answers (user_id);
  CREATE INDEX koe_loyalty_answers_device ON koe_loyalty_answers (anonymous_id);
  CREATE INDEX koe_loyalty_answers_person ON koe_loyalty_answers (person);
  CREATE TABLE koe_loyalty_devices (
    anonymous_id text NOT NULL,
    user_id text NOT NULL,
    last_at timestamptz NOT NULL,
    PRIMARY KEY (anonymous_id, user_id)
  );
  CREATE INDEX koe_loyalty_devices_user ON koe_loyalty_devices (user_id);
  CREATE TABLE koe_loyalty_hits (
    record_id uuid NOT NULL,
    name text NOT NULL,
    type text NOT NULL,
    survey_id text NOT NULL,
    grp text NOT NULL,
    created_at timestamptz NOT NULL,
    next_type_at timestamptz,
    next_survey_at timestamptz,
    first_day integer NOT NULL,
    offsets integer[] NOT NULL,
    sums double precision[] NOT NULL,
    PRIMARY KEY (record_id, name)
  );
  CREATE TABLE koe_loyalty_respondents (
    type text NOT NULL,
    survey_id text NOT NULL,
    grp text NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (type, survey_id, grp)
  );
  CREATE TABLE koe_loyalty_days (
    type text NOT NULL,
    survey_id text NOT NULL,
    name text NOT NULL,
    grp text NOT NULL,
    day integer NOT NULL,
    converted bigint NOT NULL,
    value numeric NOT NULL,
    squares numeric NOT NULL,
    PRIMARY KEY (type, survey_id, name, grp, day)
  );
  CREATE TABLE koe_loyalty_dirty (key text NOT NULL);
  CREATE TABLE koe_outcome_kinds (
    name text NOT NULL,
    currency text NOT NULL,
    PRIMARY KEY (name, currency)
  );
  INSERT INTO koe_outcome_kinds SELECT DISTINCT name, coalesce(currency, '') FROM koe_outcomes;
  ${TAKE_FUNCTION}
  ${REFRESH_FUNCTION}
  ${REBUILD_FUNCTION}
  ${DELETE_TRIGGERS}
  ${foldFunction}
  PERFORM koe_loyalty_rebuild();
`

/** Marks per refresh: a few thousand people, well under a second. */
export const LOYALTY_REFRESH_PAGE = 5_000

/** One refresh of at most `$1` marks; resolves `taken`. */
export const LOYALTY_REFRESH_SQL = 'SELECT koe_loyalty_refresh($1) AS taken'

/** Works out every row again, in set-wide statements (after a bulk load). */
export const LOYALTY_REBUILD_SQL = 'SELECT koe_loyalty_rebuild()'
