/** A calendar period to group answers by. ISO weeks start on Monday. */
export type Period = 'day' | 'week' | 'month'

const formatters = /* @__PURE__ */ new Map<string, Intl.DateTimeFormat>()

/** Year, month and day of an instant on the wall calendar of an IANA time zone. */
function calendarDate(instant: Date, timeZone: string): [number, number, number] {
  let format = formatters.get(timeZone)
  if (!format) {
    // Throws a RangeError for an unknown time zone, which is what the caller should see.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    })
    formatters.set(timeZone, format)
  }
  // en-US numeric: "11/23/2026".
  const [month, day, year] = format.format(instant).split('/').map(Number)
  return [year as number, month as number, day as number]
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * The period an instant falls in, as a sortable key, on the calendar of `timeZone` (an IANA name
 * such as `"Asia/Tokyo"`; default UTC): `"2026-11-23"` (day), `"2026-W48"` (ISO week),
 * `"2026-11"` (month). Tokyo midnight is Tokyo midnight: 2026-11-22T15:30Z is `"2026-11-23"` in
 * Tokyo and `"2026-11-22"` in UTC.
 */
export function periodKey(at: Date | string | number, period: Period, timeZone = 'UTC'): string {
  const instant = at instanceof Date ? at : new Date(at)
  if (Number.isNaN(instant.getTime()))
    throw new RangeError(`koe/scoring: not a date: ${String(at)}`)
  const [year, month, day] = calendarDate(instant, timeZone)
  if (period === 'day') return `${year}-${pad(month)}-${pad(day)}`
  if (period === 'month') return `${year}-${pad(month)}`
  if (period !== 'week')
    throw new RangeError(`koe/scoring: period must be day, week or month (got ${String(period)})`)
  // ISO 8601: the week belongs to the year of its Thursday.
  const date = new Date(Date.UTC(year, month - 1, day))
  const weekday = date.getUTCDay() || 7
  date.setUTCDate(day + 4 - weekday)
  const isoYear = date.getUTCFullYear()
  const week = Math.ceil(((date.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 + 1) / 7)
  return `${isoYear}-W${pad(week)}`
}
