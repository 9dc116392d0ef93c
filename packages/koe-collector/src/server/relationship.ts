import type { ResponseRecord } from '../../../../src/scoring/wire'
import type { CountQuery } from '../collector/counts'
import { LINKS_SQL, PERSON_SQL } from '../collector/person-sql'
import { segmentValue } from '../collector/segment'
import { recordValueSql } from '../collector/sql-counts'
import type { SqlClient } from '../collector/sql-store'
import type { Store } from '../collector/store'

/** Each person's latest NPS score in a range, counted per score (0..10), and the answers behind them. */
export interface RelationshipCounts {
  counts: number[]
  answers: number
}

/** Where the relationship NPS is counted: any survey, `query.surveyId` is ignored. */
export type RelationshipSource = (
  query: Omit<CountQuery, 'surveyId'>,
) => Promise<RelationshipCounts>

/**
 * The relationship NPS's counts in SQL (issue 31): every NPS answer in the range and filters, each
 * person's latest one kept (person-sql.ts: a device seen with a user id is that user's).
 */
export function relationshipFromSql(sql: SqlClient): RelationshipSource {
  return async (query) => {
    const params: unknown[] = []
    const add = (value: unknown) => `$${params.push(value)}`
    const conditions = ["r.kind = 'response'", "r.type = 'nps'"]
    if (query.from) conditions.push(`r.created_at >= ${add(query.from)}::timestamptz`)
    if (query.until) conditions.push(`r.created_at < ${add(query.until)}::timestamptz`)
    for (const c of query.where ?? [])
      conditions.push(`${recordValueSql(c.dim, add)} = ${add(c.value)}`)
    const { rows } = await sql.query<{
      score: number
      n: number | string
      answers: number | string
    }>(
      `WITH ${LINKS_SQL},
       answers AS (
         SELECT ${PERSON_SQL} AS person, r.score, r.created_at, r.id
         FROM koe_records AS r LEFT JOIN links AS l ON l.anonymous_id = r.record->>'anonymousId'
         WHERE ${conditions.join(' AND ')}
       ),
       latest AS (
         SELECT DISTINCT ON (person) score FROM answers ORDER BY person, created_at DESC, id DESC
       )
       SELECT score, count(*) AS n, (SELECT count(*) FROM answers) AS answers
       FROM latest GROUP BY score`,
      params,
    )
    const counts = new Array<number>(11).fill(0)
    for (const row of rows) counts[row.score] = Number(row.n)
    return { counts, answers: Number(rows[0]?.answers ?? 0) }
  }
}

/** The same from a custom store's records, for small stores without SQL. */
export function relationshipFromRecords(store: Store): RelationshipSource {
  return async (query) => {
    // Every response, once: the range's are counted, and any of them ties a device to its user.
    const responses = (await store.records({ kind: 'response' })).filter(
      (r): r is ResponseRecord => r.kind === 'response',
    )
    // Instants compared as instants: `…00Z` and `…00.000Z` are the same moment.
    const from = query.from ? Date.parse(query.from) : Number.NEGATIVE_INFINITY
    const until = query.until ? Date.parse(query.until) : Number.POSITIVE_INFINITY
    const answers = responses.filter(
      (r) =>
        r.type === 'nps' &&
        Date.parse(r.createdAt) >= from &&
        Date.parse(r.createdAt) < until &&
        !query.where?.some((c) => segmentValue(r, c.dim) !== c.value),
    )
    // A device seen with a user id is that user's (its latest such answer decides: oldest first).
    const userOf = new Map<string, string>()
    for (const r of responses) if (r.userId && r.anonymousId) userOf.set(r.anonymousId, r.userId)
    const latest = new Map<string, ResponseRecord>()
    for (const r of answers) {
      const person =
        r.userId ?? (r.anonymousId ? (userOf.get(r.anonymousId) ?? r.anonymousId) : r.id)
      const held = latest.get(person)
      if (
        !held ||
        r.createdAt > held.createdAt ||
        (r.createdAt === held.createdAt && r.id > held.id)
      )
        latest.set(person, r)
    }
    const counts = new Array<number>(11).fill(0)
    for (const r of latest.values()) counts[r.score] = (counts[r.score] as number) + 1
    return { counts, answers: answers.length }
  }
}
