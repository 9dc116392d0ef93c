import { type Period, periodKey } from '../../../../src/scoring/period-key'
import type { SurveyRecord } from '../../../../src/scoring/wire'
import { type Dimension, type SegmentCondition, segmentValue } from './segment'

export type { Comment } from '../contract/results'

/** Which records to count: one survey, a time range, and segments they must all be in. */
export interface CountQuery {
  surveyId: string
  /** Inclusive lower bound of `createdAt`, ISO 8601. */
  from?: string
  /** Exclusive upper bound of `createdAt`, ISO 8601. */
  until?: string
  where?: SegmentCondition[]
  /** IANA zone of the period keys; default the store's reporting zone. */
  timeZone?: string
}

/** How to group the counts: one total, per calendar period, or per value of a dimension. */
export type CountGrouping =
  | { by: 'total' }
  | { by: 'period'; period: Period }
  | { by: 'segment'; dim: Dimension }

/**
 * How many records of one measure and score a group holds. `measure` is `display`, `dismiss`,
 * `nps`, `ces:7` or `ces:5`; `score` is -1 for displays and dismissals.
 */
export interface CountRow {
  key: string
  measure: string
  score: number
  n: number
}

/** The measure of a record, as `MEASURE_SQL` computes it. */
export function measureOf(record: SurveyRecord): string {
  if (record.kind !== 'response') return record.kind
  return record.type === 'ces' ? `ces:${record.scale ?? 7}` : 'nps'
}

/**
 * The counts of records in JavaScript: the reference the SQL is tested against, and what a store
 * without SQL (a custom {@link Store}) is summarized with.
 */
export function countRecords(
  records: Iterable<SurveyRecord>,
  query: CountQuery,
  grouping: CountGrouping,
  reportingZone = 'UTC',
): CountRow[] {
  const rows = new Map<string, CountRow>()
  for (const record of records) {
    if (record.surveyId !== query.surveyId) continue
    const at = Date.parse(record.createdAt)
    if (query.from && at < Date.parse(query.from)) continue
    if (query.until && at >= Date.parse(query.until)) continue
    if (query.where?.some((c) => segmentValue(record, c.dim) !== c.value)) continue
    const key =
      grouping.by === 'total'
        ? ''
        : grouping.by === 'period'
          ? periodKey(record.createdAt, grouping.period, query.timeZone ?? reportingZone)
          : segmentValue(record, grouping.dim)
    if (key === undefined) continue
    const measure = measureOf(record)
    const score = record.kind === 'response' ? record.score : -1
    const id = `${key}\u0000${measure}\u0000${score}`
    const row = rows.get(id)
    if (row) row.n++
    else rows.set(id, { key, measure, score, n: 1 })
  }
  return [...rows.values()]
}
