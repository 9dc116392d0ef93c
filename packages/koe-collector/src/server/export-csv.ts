import type { SurveyRecord } from '../../../../src/scoring/wire'

const COLUMNS = [
  'id',
  'kind',
  'surveyId',
  'type',
  'score',
  'comment',
  'createdAt',
  'updatedAt',
  'trigger',
  'locale',
  'url',
  'anonymousId',
  'userId',
  'attributes',
  'sdk',
] as const

/**
 * One CSV cell. Quotes per RFC 4180, and a leading `'` on text that a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@`, tab, CR): these cells hold customers' own words (CSV injection).
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return ''
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The first line of the CSV: a BOM, so Excel reads Japanese as UTF-8, and the column names. */
export const CSV_HEADER = `\uFEFF${COLUMNS.join(',')}\r\n`

/** One CSV line per record. */
export const csvRows = (records: SurveyRecord[]): string =>
  records
    .map(
      (record) =>
        `${COLUMNS.map((c) => csvCell((record as unknown as Record<string, unknown>)[c])).join(',')}\r\n`,
    )
    .join('')
