/** The offset of `timeZone` from UTC at an instant, in milliseconds (+9 h for Asia/Tokyo). */
function offsetMs(instant: number, timeZone: string): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(instant)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT'
  const match = /GMT([+-])(\d\d):(\d\d)/.exec(name)
  if (!match) return 0
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000
}

/**
 * The last `days` whole days in `timeZone`, today included, as ISO instants: `from` is the local
 * midnight that starts the first, `until` the one that ends today. Whole local days are what the
 * rollup holds (issue 15), and what a person means by "the last 30 days".
 */
export function lastDays(days: number, timeZone: string, now = Date.now()) {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(now)
    .split('-')
    .map(Number) as [number, number, number]
  /** The instant of local midnight of a calendar day (Date.UTC normalises day overflow). */
  const midnight = (d: number) => {
    const wall = Date.UTC(year, month - 1, d)
    const guess = wall - offsetMs(wall, timeZone)
    return new Date(wall - offsetMs(guess, timeZone)).toISOString()
  }
  return { from: midnight(day + 1 - days), until: midnight(day + 1) }
}

/**
 * The last whole day (yesterday) or week (Monday to Sunday) before today in `timeZone`, as ISO
 * instants `[from, until)`: what a digest is about, the same whenever in the day or week it is
 * made, so a digest sent late (a server down on Monday) still covers the week that ended.
 */
export function lastPeriod(period: 'day' | 'week', timeZone: string, now = Date.now()) {
  if (period === 'day')
    return { from: lastDays(2, timeZone, now).from, until: lastDays(1, timeZone, now).from }
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(now)
  /** Days since Monday: 0 on a Monday. */
  const sinceMonday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(weekday)
  return {
    from: lastDays(8 + sinceMonday, timeZone, now).from,
    until: lastDays(1 + sinceMonday, timeZone, now).from,
  }
}
