import type { Comparison } from '../../contract/results'
import { compare, ENOUGH, type Measure } from '../results'

/** The recent window a change alert looks at: the last seven whole days. */
export const RECENT_DAYS = 7
/** Its baseline: the 28 whole days just before the recent window. */
export const BASELINE_DAYS = 28
/**
 * The significance of one daily look. A survey is looked at once a day, seven times a week, so
 * by the union bound a week brings a false alarm (an alert on a score that did not move) at most
 * 7 × 0.005 / 7 = 0.5 % of the time, were the normal approximation exact. It is not in the far
 * tail of small windows (30 answers), so the stated rate is 1 % of weeks, with room; the
 * simulation in tests/node/score-change.test.ts measures it.
 */
export const CHANGE_ALPHA = 0.005 / 7

/** The answers' counts per score of the two windows of one look. */
export interface ChangeWindows {
  recent: number[]
  baseline: number[]
}

/**
 * Whether the recent window's score differs from the baseline's beyond chance: both windows have
 * enough answers for the normal approximation ({@link ENOUGH}) and the two-sided p-value of the
 * difference is below {@link CHANGE_ALPHA}.
 */
export function isSignificant(measure: Measure, windows: ChangeWindows): boolean {
  const n = (counts: number[]) => counts.reduce((a, b) => a + b, 0)
  if (Math.min(n(windows.recent), n(windows.baseline)) < ENOUGH) return false
  const { p } = compare(measure, windows.recent, windows.baseline)
  return p !== null && p < CHANGE_ALPHA
}

/** The days one look spans: the recent window and its baseline. */
export const LOOK_DAYS = RECENT_DAYS + BASELINE_DAYS
/**
 * The daily counts {@link changeToAlert} reads: the last look's windows and the looks of the
 * {@link LOOK_DAYS} days before it.
 */
export const CHANGE_HISTORY_DAYS = 2 * LOOK_DAYS

/**
 * The change to alert on after the day that just ended (its windows and their comparison), or
 * `null`. `days` are the answers' counts
 * per score of each whole day, oldest first, the day that just ended last (days before the first
 * count as none). An alert fires when the score is significantly different and none of the looks
 * of the {@link LOOK_DAYS} days before was: a drop that lasts weeks is told once, not again each
 * time the significance flickers until the baseline has caught up.
 */
export function changeToAlert(
  measure: Measure,
  days: number[][],
): (ChangeWindows & { change: Comparison }) | null {
  const size = days.at(-1)?.length ?? 0
  // sums[k]: the counts of the last k days.
  const sums = [new Array<number>(size).fill(0)]
  for (let k = 1; k <= CHANGE_HISTORY_DAYS; k++) {
    const day = days[days.length - k] ?? []
    sums.push((sums[k - 1] as number[]).map((v, i) => v + (day[i] ?? 0)))
  }
  const between = (newest: number, oldest: number) =>
    (sums[oldest] as number[]).map((v, i) => v - ((sums[newest] as number[])[i] as number))
  /** The windows of the look made `back` days ago. */
  const look = (back: number): ChangeWindows => ({
    recent: between(back, back + RECENT_DAYS),
    baseline: between(back + RECENT_DAYS, back + LOOK_DAYS),
  })
  const today = look(0)
  if (!isSignificant(measure, today)) return null
  for (let back = 1; back <= LOOK_DAYS; back++) if (isSignificant(measure, look(back))) return null
  return { ...today, change: compare(measure, today.recent, today.baseline) }
}
