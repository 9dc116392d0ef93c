import { SCORE_GROUPS } from '../../../../src/config/score-groups'
import {
  compareProportions,
  type Moments,
  meanDifference,
  meanInterval,
  wilson,
} from '../../../../src/scoring'
import type { OutcomeRecord } from '../../../../src/scoring/wire'
import { GROUP_SQL } from '../collector/alert-rule'
import type { OutcomesStored } from '../collector/create-collector'
import { catchUpLoyalty } from '../collector/loyalty-catch-up'
import { LINKS_SQL } from '../collector/person-sql'
import { foldAll } from '../collector/rollup-sql'
import type { SqlClient } from '../collector/sql-store'
import { tombstoneKey } from '../collector/tombstones'
import type {
  LoyaltyGroup,
  LoyaltyGroupResult,
  LoyaltyPerson,
  LoyaltyQuery,
  LoyaltyResult,
  OutcomeImport,
} from '../contract/loyalty'
import { MAX_OUTCOME_LINES, type OutcomeRow, parseOutcomeLine } from './outcome-lines'
import { ENOUGH, signed } from './results'

/** Rows per INSERT: one statement of arrays, small enough to leave the database to others. */
const CHUNK = 5_000

/**
 * `per`: each respondent's latest answer in range and what they did in the window after it, over
 * `$1` survey id (NULL: every survey), `$2` outcome name, `$3` days, `$4`/`$5` from/until, `$6`
 * the currency whose values are summed (NULL: any), `$7` the answers' type (`nps`, `ces`).
 */
const PER_PERSON_SQL = `WITH ${LINKS_SQL},
  answers AS (
    SELECT DISTINCT ON (person) * FROM (
      SELECT coalesce(r.record->>'userId', l.user_id, r.record->>'anonymousId') AS person,
             r.type, r.score, r.scale, r.created_at, r.id, r.survey_id, r.comment,
             r.record->>'userId' AS user_id, r.record->>'anonymousId' AS anonymous_id
      FROM koe_records AS r
      LEFT JOIN links AS l ON l.anonymous_id = r.record->>'anonymousId'
      WHERE r.kind = 'response' AND r.type = $7
        AND ($1::text IS NULL OR r.survey_id = $1)
        AND ($4::timestamptz IS NULL OR r.created_at >= $4::timestamptz)
        AND ($5::timestamptz IS NULL OR r.created_at < $5::timestamptz)
    ) AS a
    WHERE person IS NOT NULL
    ORDER BY person, created_at DESC, id DESC
  ),
  outcomes AS (
    SELECT coalesce(o.user_id, l.user_id, o.anonymous_id) AS person, o.at,
           CASE WHEN $6::text IS NULL OR o.currency IS NULL OR o.currency = $6 THEN o.value END AS value
    FROM koe_outcomes AS o
    LEFT JOIN links AS l ON o.user_id IS NULL AND l.anonymous_id = o.anonymous_id
    WHERE o.name = $2
      -- Only what can fall in some answer's window: with a date range, a slice of the table.
      AND ($4::timestamptz IS NULL OR o.at > $4::timestamptz)
      AND ($5::timestamptz IS NULL OR o.at <= $5::timestamptz + make_interval(secs => $3::int * 86400))
  ),
  hits AS (
    SELECT a.person, count(*) AS outcomes, sum(o.value) AS value, min(o.at) AS first_at
    FROM answers AS a
    JOIN outcomes AS o ON o.person = a.person AND o.at > a.created_at
      AND o.at <= a.created_at + make_interval(secs => $3::int * 86400)
    GROUP BY a.person
  ),
  per AS (
    SELECT a.*, coalesce(h.outcomes, 0) AS outcomes, coalesce(h.value, 0) AS value,
           -- The day since the answer of the first outcome: 1 for the first 24 hours.
           ceil(extract(epoch FROM h.first_at - a.created_at) / 86400)::int AS first_day
    FROM answers AS a LEFT JOIN hits AS h ON h.person = a.person
  )`

/**
 * The answers `r` of `koe_loyalty_answers` or `koe_loyalty_hits` that are their person's latest
 * in range, over `$1` survey id (NULL: every survey of the type `$4`), `$2`/`$3` from/until: in
 * range, and the person's next answer (of the survey, or of the type) is not.
 */
const LATEST_SQL = `r.type = $4 AND ($1::text IS NULL OR r.survey_id = $1)
  AND ($2::timestamptz IS NULL OR r.created_at >= $2::timestamptz)
  AND ($3::timestamptz IS NULL OR r.created_at < $3::timestamptz)
  AND (CASE WHEN $1::text IS NULL THEN r.next_type_at ELSE r.next_survey_at END IS NULL
       OR CASE WHEN $1::text IS NULL THEN r.next_type_at ELSE r.next_survey_at END >= $3::timestamptz)`

/**
 * The latest answers' rows of `koe_loyalty_hits` with the outcome `$5` within `$6` days, each
 * with how many outcomes (`n`) and their summed value (`v`) in the window: `width_bucket` finds
 * in the sorted offsets how many fall in it, and the running sums hold their value.
 */
const CONVERTED_SQL = `SELECT r.record_id, r.grp, r.first_day,
    width_bucket($6::int * 86400, r.offsets) AS n,
    r.sums[width_bucket($6::int * 86400, r.offsets)] AS v
  FROM koe_loyalty_hits AS r
  WHERE r.name = $5 AND ${LATEST_SQL} AND r.first_day <= $6::int`

/** The parameters `$1`…`$6` of {@link LATEST_SQL} and {@link CONVERTED_SQL}. */
const keptParams = (query: LoyaltyQuery, type: string) => [
  query.surveyId ?? null,
  query.from ?? null,
  query.until ?? null,
  type,
  query.outcome,
  query.days,
]

/** The parameters `$1`…`$7` of {@link PER_PERSON_SQL}, summing the values of `currency`. */
const rawParams = (query: LoyaltyQuery, type: string, currency: string | undefined) => [
  query.surveyId ?? null,
  query.outcome,
  query.days,
  query.from ?? null,
  query.until ?? null,
  currency ?? null,
  type,
]

/**
 * Where the loyalty view counts: the totals of the latest answers (no range), the kept rows of
 * each answer (a range, or a cell's people), or the records and outcomes themselves (a currency
 * that is not the only one; and the tests' reference for the other two).
 */
export type LoyaltySource = 'totals' | 'rows' | 'raw'

/** When this process last stored outcomes (see {@link outcomesQuietFor}). */
let lastWrite = Number.NEGATIVE_INFINITY

/**
 * Milliseconds since this process last stored outcomes: a server works out the loyalty rows of
 * the people an import marked once imports are quiet, not between the parts of an export.
 */
export const outcomesQuietFor = () => performance.now() - lastWrite

/** Outcomes from the shop's backend and the loyalty view over them and the answers (issue 30). */
export function createOutcomes(sql: SqlClient) {
  /** Stores rows; an erased person's outcomes from before the erasure are taken, never stored. */
  async function store(rows: OutcomeRow[]): Promise<{ stored: number; erased: number }> {
    const column = <K extends keyof OutcomeRow>(key: K) => rows.map((row) => row[key])
    const { rows: result } = await sql.query<{ stored: string | number; erased: string | number }>(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                              $6::float8[], $7::text[])
           AS i(name, external_id, user_id, anonymous_id, at, value, currency)
       ),
       kept AS (
         SELECT * FROM input AS i WHERE NOT EXISTS (
           SELECT 1 FROM koe_tombstones AS t
           WHERE t.key IN (${tombstoneKey('userId', 'i.user_id')},
                           ${tombstoneKey('anonymousId', 'i.anonymous_id')},
                           ${tombstoneKey('anonymousOf', 'CASE WHEN i.user_id IS NULL THEN i.anonymous_id END')})
             AND i.at <= t.erased_at)
       ),
       stored AS (
         INSERT INTO koe_outcomes (name, external_id, user_id, anonymous_id, at, value, currency)
         SELECT name, external_id, user_id, anonymous_id, at, value, currency FROM kept
         ON CONFLICT (name, external_id) DO NOTHING
         RETURNING name, currency, coalesce(user_id, anonymous_id) AS person
       ),
       -- The view's choices, and whose loyalty rows to work out again (loyalty-sql.ts).
       kinds AS (
         INSERT INTO koe_outcome_kinds
         SELECT DISTINCT name, coalesce(currency, '') FROM stored
         ON CONFLICT DO NOTHING
       ),
       marked AS (INSERT INTO koe_loyalty_dirty SELECT DISTINCT person FROM stored)
       SELECT (SELECT count(*) FROM stored) AS stored,
              (SELECT count(*) FROM input) - (SELECT count(*) FROM kept) AS erased`,
      [
        column('name'),
        column('externalId'),
        column('userId'),
        column('anonymousId'),
        column('at'),
        column('value'),
        column('currency'),
      ],
    )
    return { stored: Number(result[0]?.stored ?? 0), erased: Number(result[0]?.erased ?? 0) }
  }

  /**
   * Stores rows in parts of {@link CHUNK}: accepted are those stored now or taken for an erased
   * person (never stored); the others were stored before, duplicates.
   */
  async function storeAll(rows: OutcomeRow[]): Promise<{ accepted: number; duplicates: number }> {
    let accepted = 0
    for (let i = 0; i < rows.length; i += CHUNK) {
      // Each part counts as a write: an import of many parts is not quiet until its last.
      lastWrite = performance.now()
      const part = await store(rows.slice(i, i + CHUNK))
      accepted += part.stored + part.erased
    }
    lastWrite = performance.now()
    return { accepted, duplicates: rows.length - accepted }
  }

  /**
   * Brings the loyalty tables up to date: folds what ingest marked (the fold hands changed
   * answers over) and works out again the people marked since. Reads call it first.
   */
  async function refresh(): Promise<number> {
    await foldAll(sql)
    return catchUpLoyalty(sql)
  }

  /** The outcome names stored (up to 100) and the currencies of `outcome`'s values. */
  async function kinds(outcome: string) {
    const { rows } = await sql.query<{ name: string; currency: string }>(
      'SELECT name, currency FROM koe_outcome_kinds ORDER BY name, currency',
    )
    const names = [...new Set(rows.map((row) => row.name))].slice(0, 100)
    const currencies = rows
      .filter((row) => row.name === outcome && row.currency !== '')
      .map((row) => row.currency)
    return { names, currencies }
  }

  /**
   * The kept tables sum every value of the outcome; that is the view's sum unless a currency
   * is asked for that is not the only one (then the raw tables sum that currency's).
   */
  const keptSums = (query: LoyaltyQuery, currencies: string[]) =>
    query.currency === undefined || currencies.every((c) => c === query.currency)

  /**
   * Without a range: the totals of the latest answers (loyalty-sql.ts), a few hundred rows
   * whatever the number of answers. Per group and day after the answer, who had their first
   * outcome then, and what that day's outcomes add to the value and to its square.
   */
  async function totalRows(query: LoyaltyQuery, type: string): Promise<LoyaltyRow[]> {
    const survey = query.surveyId ?? ''
    const [{ rows: everyone }, { rows: days }] = await Promise.all([
      sql.query<{ grp: string; people: string }>(
        'SELECT grp, n AS people FROM koe_loyalty_respondents WHERE type = $1 AND survey_id = $2',
        [type, survey],
      ),
      sql.query<LoyaltyRow>(
        `SELECT grp, day AS first_day, converted AS people, value, squares FROM koe_loyalty_days
         WHERE type = $1 AND survey_id = $2 AND name = $3 AND day <= $4`,
        [type, survey, query.outcome, query.days],
      ),
    ])
    return withOthers(everyone, days)
  }

  /** The latest answers in a range per group and first day, read from the kept rows. */
  async function keptRows(query: LoyaltyQuery, type: string): Promise<LoyaltyRow[]> {
    const params = keptParams(query, type)
    const [{ rows: everyone }, { rows: converted }] = await Promise.all([
      sql.query<{ grp: string; people: string }>(
        `SELECT r.grp, count(*) AS people FROM koe_loyalty_answers AS r WHERE ${LATEST_SQL}
         GROUP BY r.grp`,
        params.slice(0, 4),
      ),
      sql.query<LoyaltyRow>(
        `SELECT grp, first_day, count(*) AS people, sum(v) AS value, sum(v * v) AS squares
         FROM (${CONVERTED_SQL}) AS c GROUP BY grp, first_day`,
        params,
      ),
    ])
    return withOthers(everyone, converted)
  }

  /** The same rows, counted from the records and outcomes themselves (see PER_PERSON_SQL). */
  async function rawRows(query: LoyaltyQuery, type: string, currency: string | undefined) {
    const { rows } = await sql.query<LoyaltyRow>(
      `${PER_PERSON_SQL}
       SELECT ${GROUP_SQL} AS grp, first_day, count(*) AS people, sum(value) AS value,
              sum(value * value) AS squares
       FROM per AS r GROUP BY grp, first_day`,
      rawParams(query, type, currency),
    )
    return rows
  }

  return {
    refresh,

    /**
     * Imports NDJSON lines, idempotent by `name` and `id`: a line already stored (an export sent
     * twice, or twice in one body) is a duplicate. Bad lines are refused one by one with their
     * number; the good ones are stored. A string says why the whole body was refused.
     */
    async importLines(text: string): Promise<OutcomeImport | string> {
      const lines = text.split('\n')
      // A last line break ends the last line; it does not start another.
      if (lines.at(-1) === '') lines.pop()
      if (lines.length > MAX_OUTCOME_LINES)
        return `at most ${MAX_OUTCOME_LINES} lines per request; send a larger export in parts`
      const rows: OutcomeRow[] = []
      const rejected: OutcomeImport['rejected'] = []
      lines.forEach((raw, index) => {
        const line = raw.trim()
        if (line === '') return
        const row = parseOutcomeLine(line)
        if (typeof row === 'string') rejected.push({ line: index + 1, error: row })
        else rows.push(row)
      })
      return { ...(await storeAll(rows)), rejected }
    },

    /**
     * Stores outcome records a page sent (`koe.outcome`), as an import stores lines: the same
     * table, the same key, so an order recorded by the page and by the shop's export counts once.
     * Without an `externalId`, the record's id is the key (a retried batch is a duplicate).
     */
    async storeRecords(records: OutcomeRecord[]): Promise<OutcomesStored> {
      const rows: OutcomeRow[] = []
      const rejected: OutcomesStored['rejected'] = []
      for (const r of records) {
        if (r.userId === undefined && r.anonymousId === undefined)
          rejected.push({ id: r.id, error: 'an outcome needs a userId or an anonymousId' })
        else
          rows.push({
            name: r.name,
            externalId: r.externalId ?? r.id,
            userId: r.userId ?? null,
            anonymousId: r.anonymousId ?? null,
            at: r.createdAt,
            value: r.value ?? null,
            currency: r.currency ?? null,
          })
      }
      return { ...(await storeAll(rows)), rejected }
    },

    /**
     * The respondents of one cell of the loyalty matrix (e.g. detractors who bought again: the
     * ones to call first), most valuable first, at most `limit`.
     */
    async people(
      query: LoyaltyQuery,
      group: LoyaltyGroup,
      converted: boolean,
      limit = 200,
      source: LoyaltySource = 'rows',
    ): Promise<LoyaltyPerson[]> {
      await refresh()
      const most = Math.min(500, Math.max(1, Math.floor(limit)))
      const type = query.type ?? 'nps'
      const kept = source !== 'raw' && keptSums(query, (await kinds(query.outcome)).currencies)
      const { rows } = kept
        ? await sql.query<Record<string, unknown>>(
            // The converted from the hits, the others from the answers without one in the window.
            `WITH cell AS (${
              converted
                ? `SELECT record_id, n AS outcomes, v AS value FROM (${CONVERTED_SQL}) AS c
                   WHERE grp = $7`
                : `SELECT record_id, 0 AS outcomes, 0 AS value FROM koe_loyalty_answers AS r
                   WHERE ${LATEST_SQL} AND r.grp = $7 AND NOT EXISTS (
                     SELECT 1 FROM koe_loyalty_hits AS h
                     WHERE h.record_id = r.record_id AND h.name = $5 AND h.first_day <= $6::int)`
            })
             SELECT k.id, k.survey_id, k.score, k.comment, k.created_at,
                    k.record->>'userId' AS user_id, k.record->>'anonymousId' AS anonymous_id,
                    c.outcomes, c.value
             FROM cell AS c JOIN koe_records AS k ON k.id = c.record_id
             ORDER BY c.value DESC, k.created_at DESC, k.id LIMIT ${most}`,
            [...keptParams(query, type), group],
          )
        : await sql.query<Record<string, unknown>>(
            `${PER_PERSON_SQL}
             SELECT * FROM per AS r
             WHERE (${GROUP_SQL}) = $8 AND (outcomes > 0) = $9
             ORDER BY value DESC, created_at DESC, id
             LIMIT ${most}`,
            [...rawParams(query, type, query.currency), group, converted],
          )
      return rows.map((row) => ({
        recordId: row.id as string,
        surveyId: row.survey_id as string,
        userId: (row.user_id as string | null) ?? null,
        anonymousId: (row.anonymous_id as string | null) ?? null,
        score: Number(row.score),
        comment: (row.comment as string | null) || null,
        answeredAt: new Date(row.created_at as string).toISOString(),
        outcomes: Number(row.outcomes),
        value: Number(row.value),
      }))
    },

    /**
     * Per NPS group, the respondents whose latest answer is in range, how many had the outcome
     * strictly after that answer and within `days`, and what it was worth per respondent; and the
     * difference promoters − detractors. The counts come from SQL, the statistics from
     * koe/scoring, so a team can compute the same on its own servers.
     */
    async loyalty(
      query: LoyaltyQuery,
      source: LoyaltySource = 'totals',
    ): Promise<LoyaltyResult<LoyaltyGroup>> {
      const type = query.type ?? 'nps'
      const GROUPS = SCORE_GROUPS[type]
      await refresh()
      const { names, currencies } = await kinds(query.outcome)
      // Values of several currencies do not add up: sum one, the one asked for.
      const currency = query.currency ?? (currencies.length === 1 ? currencies[0] : undefined)
      const summable = currencies.length <= 1 || query.currency !== undefined
      const ranged = query.from !== undefined || query.until !== undefined
      const rows =
        source === 'raw' || !keptSums(query, currencies)
          ? await rawRows(query, type, currency)
          : source === 'rows' || ranged
            ? await keptRows(query, type)
            : await totalRows(query, type)
      const moments = {} as Record<LoyaltyGroup, Moments>
      const converted = {} as Record<LoyaltyGroup, number>
      const curve = {} as Record<LoyaltyGroup, number[]>
      for (const group of GROUPS) {
        const m: Moments = { n: 0, sum: 0, sumOfSquares: 0 }
        const firsts = new Array<number>(query.days).fill(0)
        for (const row of rows.filter((r) => r.grp === group)) {
          const people = Number(row.people)
          m.n += people
          m.sum += Number(row.value)
          m.sumOfSquares += Number(row.squares)
          const day = row.first_day === null ? -1 : Number(row.first_day) - 1
          if (day >= 0 && day < firsts.length) firsts[day] = (firsts[day] as number) + people
        }
        moments[group] = m
        let sum = 0
        const shares: number[] = []
        for (const count of firsts) {
          sum += count
          shares.push(sum / m.n)
        }
        curve[group] = m.n ? shares : []
        converted[group] = sum
      }
      const groups = {} as Record<LoyaltyGroup, LoyaltyGroupResult>
      for (const group of GROUPS) {
        const m = moments[group]
        const value = summable ? meanInterval(m) : { value: null, interval: null }
        groups[group] = {
          respondents: m.n,
          converted: converted[group],
          rate: m.n ? converted[group] / m.n : null,
          interval: wilson(converted[group], m.n),
          // One respondent has a mean but no interval; none has neither.
          valuePerRespondent: summable && m.n ? m.sum / m.n : null,
          valueInterval: value.interval,
        }
      }
      // The top group against the bottom one: promoters − detractors, easy − hard.
      const [bottom, , top] = GROUPS as [LoyaltyGroup, LoyaltyGroup, LoyaltyGroup]
      const [promoter, detractor] = [groups[top], groups[bottom]]
      const difference = compareProportions(
        { count: promoter.converted, n: promoter.respondents },
        { count: detractor.converted, n: detractor.respondents },
      )
      return {
        type,
        outcome: query.outcome,
        days: query.days,
        names,
        currencies,
        groups,
        curve,
        difference: {
          ...difference,
          verdict: verdictOf(
            difference.value,
            difference.interval,
            Math.min(promoter.respondents, detractor.respondents),
          ),
        },
        valueDifference: summable
          ? meanDifference(moments[top], moments[bottom])
          : { value: null, interval: null },
      }
    },
  }
}

/**
 * The rows of those who had the outcome, and per group one more for its other respondents
 * (`everyone` less them), who had none in the window: worth nothing.
 */
function withOthers(everyone: { grp: string; people: string }[], converted: LoyaltyRow[]) {
  const others = everyone.map((row) => ({
    grp: row.grp,
    first_day: null,
    people:
      Number(row.people) -
      converted.filter((c) => c.grp === row.grp).reduce((n, c) => n + Number(c.people), 0),
    value: 0,
    squares: 0,
  }))
  return [...converted, ...others]
}

/** Per group and day of the first outcome (NULL: none in the window), people and value moments. */
type LoyaltyRow = {
  grp: string
  first_day: number | string | null
  people: number | string
  value: number | string | null
  squares: number | string | null
}

/** The difference of two rates in words, as the segments' comparisons say theirs. */
function verdictOf(value: number | null, interval: [number, number] | null, fewest: number) {
  if (value === null || interval === null) return 'not enough answers yet to tell'
  // Rounded first, so that a difference under half a point reads ±0.
  const shown = `${signed(Math.round(value * 100), 0)} points`
  if (fewest < ENOUGH) return `${shown}, not enough answers yet to tell`
  return interval[0] > 0 || interval[1] < 0 ? `${shown}, likely real` : `${shown}, could be chance`
}
