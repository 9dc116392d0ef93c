import type { SurveySummary } from '../server/results'

/** The dashboard's filters. */
export interface Filters {
  surveyId: string
  period: 'day' | 'week'
  locale: string
  /** Only answers of the last N days; 0 for all. */
  days: number
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

export const query = (filters: Filters, extra: Record<string, string> = {}) =>
  new URLSearchParams({
    surveyId: filters.surveyId,
    ...(filters.locale ? { locale: filters.locale } : {}),
    ...(filters.days
      ? { from: new Date(Date.now() - filters.days * 86_400_000).toISOString() }
      : {}),
    ...extra,
  }).toString()

export async function surveys(): Promise<string[]> {
  return (await (await get('/api/surveys')).json()).surveys
}

export async function summary(filters: Filters): Promise<SurveySummary> {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone
  return (await get(`/api/summary?${query(filters, { period: filters.period, timeZone })}`)).json()
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
