import type { ScoreGroup } from '../../../../src/config/survey'
import type { SegmentRow, SurveySummary } from '../contract/results'
import type { SegmentCondition } from '../contract/segments'

/** The dashboard's filters. */
export interface Filters {
  surveyId: string
  period: 'day' | 'week' | 'month'
  /** Only the last N whole days of the reporting zone, today included; 0 for all. */
  days: number
  /** From this instant on (an annotation's: "since the release"), instead of `days`. */
  from?: string
  /** Segments the answers must all be in: a touchpoint, an attribute… */
  where: SegmentCondition[]
  /** Comments of one score group only. */
  group: ScoreGroup | ''
}

/** The segment table of one dimension. */
export interface SegmentTable {
  dim: string
  type: 'nps' | 'ces' | null
  rows: SegmentRow[]
}

/** Thrown when the server wants a token. */
export class Unauthorized extends Error {}

const TOKEN_KEY = 'koe-dashboard-token'

/** The token typed by the user, kept for this tab only. */
export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY) ?? '',
  set: (value: string) => sessionStorage.setItem(TOKEN_KEY, value),
}

async function get(path: string): Promise<Response> {
  const t = token.get()
  const response = await fetch(path, { headers: t ? { authorization: `Bearer ${t}` } : {} })
  if (response.status === 401) throw new Unauthorized()
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`)
  return response
}

export function query(filters: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ surveyId: filters.surveyId, ...extra })
  if (filters.from) params.set('from', filters.from)
  else if (filters.days) params.set('days', String(filters.days))
  for (const c of filters.where) params.append('where', `${c.dim}=${c.value}`)
  return params.toString()
}

export async function surveys(): Promise<string[]> {
  return (await (await get('/api/surveys')).json()).surveys
}

/** Periods are days of the collector's reporting zone (KOE_TIME_ZONE), which the rollup keeps. */
export async function summary(filters: Filters): Promise<SurveySummary> {
  const extra: Record<string, string> = { period: filters.period }
  if (filters.group) extra.group = filters.group
  return (await get(`/api/summary?${query(filters, extra)}`)).json()
}

export async function segments(filters: Filters, dim: string): Promise<SegmentTable> {
  return (await get(`/api/segments?${query(filters, { dim })}`)).json()
}

/** Downloads an export with the token header (a plain link could not carry it). */
export async function download(format: 'csv' | 'ndjson', filters: Filters): Promise<void> {
  const blob = await (await get(`/export.${format}?${query(filters)}`)).blob()
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = `koe-${filters.surveyId}.${format}`
  link.click()
  URL.revokeObjectURL(link.href)
}
