import type { SurveyRecord } from '../../../../src/scoring/wire'
import type { SegmentCondition } from './segment'

/** What storing a batch's valid records did. */
export interface UpsertResult {
  /** Records stored for the first time, or changed (a comment added to a score). */
  accepted: number
  /** Records already stored unchanged, or older than the stored version: a retry. */
  duplicates: number
  /**
   * Records the database refused for what they hold (PostgreSQL error classes 22 and 23), stored
   * apart from the rest of their batch. A store failure of any other kind throws instead.
   */
  rejected?: { id: string; error: string }[]
}

/** Which records to read back. Every field narrows; none means everything. */
export interface RecordFilter {
  surveyId?: string
  kind?: SurveyRecord['kind']
  /** BCP 47 locale of responses, e.g. `"ja"`. */
  locale?: string
  /** Inclusive lower bound of `createdAt`, ISO 8601. */
  from?: string
  /** Exclusive upper bound of `createdAt`, ISO 8601. */
  until?: string
  /** Segments the records must all be in (the dashboard's filters). */
  where?: SegmentCondition[]
}

/**
 * Where a collector keeps records. `upsert` must be idempotent by record id: a retried batch is
 * never stored twice, and a newer version of a response (by `updatedAt`) replaces the older one.
 */
export interface Store {
  upsert(records: SurveyRecord[]): Promise<UpsertResult>
  /** Records matching the filter, oldest first. */
  records(filter?: RecordFilter): Promise<SurveyRecord[]>
  /**
   * The same records, oldest first, a page at a time: for exports that must not hold everything
   * in memory. Optional for custom stores; `records` is used without it.
   */
  recordPages?(filter?: RecordFilter, pageSize?: number): AsyncIterable<SurveyRecord[]>
  /** The survey ids that have records, sorted. */
  surveyIds(): Promise<string[]>
}
