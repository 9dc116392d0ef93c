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
