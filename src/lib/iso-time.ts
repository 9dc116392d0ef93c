/**
 * ISO 8601 UTC with milliseconds (`2026-11-22T10:00:00.000Z`) from epoch milliseconds, computed
 * with arithmetic only, so a host page that replaced `Date.prototype.toISOString` cannot make
 * Koe write a timestamp the collector refuses. Days to civil date: H. Hinnant, "chrono-Compatible
 * Low-Level Date Algorithms", civil_from_days.
 */
export function isoTime(ms: number): string {
  const t = Math.floor(ms)
  const days = Math.floor(t / 86_400_000)
  const inDay = t - days * 86_400_000
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(Math.floor(inDay / 3_600_000))}:${pad(Math.floor(inDay / 60_000) % 60)}:${pad(Math.floor(inDay / 1000) % 60)}.${pad(inDay % 1000, 3)}Z`
}
