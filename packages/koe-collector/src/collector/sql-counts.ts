import type { ScoreGroup } from '../../../../src/config/survey'
import { GROUP_SQL } from './alert-rule'
import type { Comment, CountGrouping, CountQuery, CountRow } from './counts'
import { MEASURE_SQL } from './rollup-sql'
import type { Dimension } from './segment'
import type { SqlClient } from './sql-store'

/** `to_char` formats of the period keys `periodKey` makes (ISO weeks: `2026-W48`). */
const PERIOD_FORMAT = { day: 'YYYY-MM-DD', week: 'IYYY-"W"IW', month: 'YYYY-MM' } as const

/**
 * The value of a record `r` in a dimension, as the rollup computes it; `param` makes the
 * placeholder of an attribute's name.
 */
export function recordValueSql(dim: Dimension, param: (value: unknown) => string): string {
  if (dim === 'trigger') return "COALESCE(r.record->>'trigger', '')"
  if (dim === 'path') return "koe_url_path(r.record->>'url')"
  if (dim === 'device') return "COALESCE(r.record->>'device', '')"
  if (dim === 'locale') return "COALESCE(r.locale, '')"
  const attr = `${param(dim.slice(5))}::text`
  return `CASE WHEN jsonb_typeof(r.record->'attributes'->${attr}) IN ('string', 'boolean')
    THEN r.record->'attributes'->>${attr} END`
}

/**
 * The local date of an instant when it is midnight in `timeZone` (the rollup holds whole local
 * days), else `null`.
 */
export function localMidnight(iso: string, timeZone: string): string | null {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  )
  if (new Date(iso).getUTCMilliseconds() || parts.hour !== '00' || parts.minute !== '00')
    return null
  return parts.second === '00' ? `${parts.year}-${parts.month}-${parts.day}` : null
}

/** Counts records in SQL: from the rollup when it can answer, else from the records. */
export interface SqlCounts {
  counts(query: CountQuery, grouping: CountGrouping): Promise<CountRow[]>
  /** Where the last `counts` came from (for tests and the benchmark). */
  lastSource(): 'rollup' | 'records'
  /** The reporting zone: the days of the rollup are days there. */
  zone(): Promise<string>
  /** The latest comments the query selects, newest first; `group` narrows to a score group. */
  comments(query: CountQuery, group: ScoreGroup | undefined, limit: number): Promise<Comment[]>
  /** Reads the reporting zone again (it was changed). */
  forgetZone(): void
  /** Lists the segment values again at the next read (records were erased). */
  forgetSegments(): void
  /** Each dimension a survey's records have, with its values, most records first (≤ 50 each). */
  dimensions(surveyId: string): Promise<{ dim: Dimension; values: string[] }[]>
}

/** How long a survey's list of segment values is reused: filters need not be up to the second. */
const DIMENSIONS_MS = 60_000

/**
 * Counts on `reader`; `rollUp` brings the rollup up to date before each count (it writes, so it
 * runs on the store's own client).
 */
export function createSqlCounts(reader: SqlClient, rollUp: () => Promise<number>): SqlCounts {
  let zone: string | undefined
  const dimensionsOf = new Map<
    string,
    { at: number; list: Promise<{ dim: Dimension; values: string[] }[]> }
  >()
  let source: 'rollup' | 'records' = 'rollup'
  const reportingZone = async () => {
    zone ??= (await reader.query<{ time_zone: string }>('SELECT time_zone FROM koe_rollup_zone'))
      .rows[0]?.time_zone
    return zone ?? 'UTC'
  }

  /**
   * The rollup answers when the range is whole days of its zone, period keys are in its zone,
   * and the records are cut by at most one dimension (the grouping's, if it groups by one).
   */
  const fromRollup = async (query: CountQuery, grouping: CountGrouping, tz: string) => {
    const where = query.where ?? []
    const dims = new Set(where.map((c) => c.dim))
    if (grouping.by === 'segment') dims.add(grouping.dim)
    if (dims.size > 1 || (query.timeZone && query.timeZone !== tz)) return null
    if (where.length > 1) return null
    const fromDay = query.from ? localMidnight(query.from, tz) : undefined
    const untilDay = query.until ? localMidnight(query.until, tz) : undefined
    if (fromDay === null || untilDay === null) return null
    const params: unknown[] = [query.surveyId]
    const add = (value: unknown) => `$${params.push(value)}`
    const conditions = ['survey_id = $1']
    const [dim] = dims
    conditions.push(`dim = ${add(dim ?? '')}`)
    if (where[0]) conditions.push(`value = ${add(where[0].value)}`)
    if (fromDay) conditions.push(`day >= ${add(fromDay)}::date`)
    if (untilDay) conditions.push(`day < ${add(untilDay)}::date`)
    const key =
      grouping.by === 'total'
        ? "''"
        : grouping.by === 'period'
          ? `to_char(day, '${PERIOD_FORMAT[grouping.period]}')`
          : 'value'
    const { rows } = await reader.query<CountRow>(
      `SELECT ${key} AS key, measure, score, sum(n)::float8 AS n FROM koe_rollup
       WHERE ${conditions.join(' AND ')} GROUP BY 1, 2, 3 HAVING sum(n) <> 0`,
      params,
    )
    return rows
  }

  /** The conditions on `koe_records r` a query sets, with their parameters. */
  const recordConditions = (query: CountQuery) => {
    const params: unknown[] = [query.surveyId]
    const add = (value: unknown) => `$${params.push(value)}`
    const conditions = ['r.survey_id = $1']
    if (query.from) conditions.push(`r.created_at >= ${add(query.from)}::timestamptz`)
    if (query.until) conditions.push(`r.created_at < ${add(query.until)}::timestamptz`)
    for (const c of query.where ?? [])
      conditions.push(`${recordValueSql(c.dim, add)} = ${add(c.value)}`)
    return { params, add, conditions }
  }

  const fromRecords = async (query: CountQuery, grouping: CountGrouping, tz: string) => {
    const { params, add, conditions } = recordConditions(query)
    let key = "''"
    if (grouping.by === 'period')
      key = `to_char(r.created_at AT TIME ZONE ${add(query.timeZone ?? tz)}, '${PERIOD_FORMAT[grouping.period]}')`
    if (grouping.by === 'segment') {
      key = recordValueSql(grouping.dim, add)
      conditions.push(`${key} IS NOT NULL`)
    }
    const { rows } = await reader.query<CountRow>(
      `SELECT ${key} AS key, ${MEASURE_SQL('r')} AS measure, COALESCE(r.score, -1) AS score,
         count(*)::float8 AS n
       FROM koe_records AS r WHERE ${conditions.join(' AND ')} GROUP BY 1, 2, 3`,
      params,
    )
    return rows
  }

  return {
    async counts(query, grouping) {
      await rollUp()
      const tz = await reportingZone()
      const rollup = await fromRollup(query, grouping, tz)
      source = rollup ? 'rollup' : 'records'
      const rows = rollup ?? (await fromRecords(query, grouping, tz))
      return rows.map((r) => ({ key: r.key, measure: r.measure, score: r.score, n: Number(r.n) }))
    },
    lastSource: () => source,
    async comments(query, group, limit) {
      const { params, add, conditions } = recordConditions(query)
      conditions.push("r.kind = 'response'", "r.comment <> ''")
      if (group) conditions.push(`(${GROUP_SQL}) = ${add(group)}`)
      const { rows } = await reader.query<Record<string, unknown>>(
        `SELECT r.id, r.score, r.comment, r.locale, r.created_at, r.record->>'trigger' AS trigger
         FROM koe_records AS r WHERE ${conditions.join(' AND ')}
         ORDER BY r.created_at DESC, r.id DESC LIMIT ${Math.max(1, Math.floor(limit))}`,
        params,
      )
      return rows.map((row) => ({
        id: row.id as string,
        score: row.score as number,
        comment: row.comment as string,
        locale: (row.locale as string | null) ?? undefined,
        trigger: (row.trigger as string | null) ?? undefined,
        createdAt: new Date(row.created_at as string).toISOString(),
      }))
    },
    forgetZone: () => {
      zone = undefined
    },
    forgetSegments: () => dimensionsOf.clear(),
    zone: reportingZone,
    dimensions(surveyId) {
      // It sums every segment row of the survey: the slowest part of a summary on a large store.
      const held = dimensionsOf.get(surveyId)
      if (held && performance.now() - held.at < DIMENSIONS_MS) return held.list
      if (dimensionsOf.size > 1_000) dimensionsOf.clear()
      const list = rollUp().then(() => listDimensions(surveyId))
      dimensionsOf.set(surveyId, { at: performance.now(), list })
      list.catch(() => dimensionsOf.delete(surveyId))
      return list
    },
  }

  async function listDimensions(surveyId: string) {
    const { rows } = await reader.query<{ dim: Dimension; values: string[] }>(
      `SELECT dim, (array_agg(value ORDER BY total DESC, value))[1:50] AS values
       FROM (SELECT dim, value, sum(n) AS total FROM koe_rollup
             WHERE survey_id = $1 AND dim <> '' GROUP BY dim, value HAVING sum(n) > 0) AS v
       GROUP BY dim ORDER BY dim`,
      [surveyId],
    )
    return rows
  }
}
