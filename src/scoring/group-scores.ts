import type { Accumulator } from './counts-accumulator'
import { type Period, periodKey } from './period-key'

/** How to group answers: by calendar period, by segment, or both. */
export interface GroupOptions<T, A> {
  /** Makes the accumulator of a new group, e.g. `createNpsAccumulator`. */
  create: () => A
  /** The score of an item. */
  score: (item: T) => number
  /** Group by day, ISO week or month of `at(item)` in `timeZone`. */
  period?: Period
  /** IANA time zone of the calendar (default `"UTC"`). */
  timeZone?: string
  /** When an item happened (default: its `createdAt` field). */
  at?: (item: T) => Date | string | number
  /** Group by this key too, e.g. locale, plan or survey id; `null`/`undefined` form their own group. */
  segment?: (item: T) => string | number | null | undefined
}

/** One group and its accumulator. */
export interface Group<A> {
  /** Period key (`"2026-11-23"`, `"2026-W48"`, `"2026-11"`), when grouping by period. */
  period?: string
  /** Segment key as a string, when grouping by segment. */
  segment?: string
  accumulator: A
}

const defaultAt = (item: unknown) => (item as { createdAt: string }).createdAt

/**
 * Groups answers by period and/or segment, with one accumulator per group, sorted by period then
 * segment. The accumulators merge, so groups computed on separate machines combine exactly.
 */
export function groupScores<T, A extends Accumulator<unknown>>(
  items: Iterable<T>,
  options: GroupOptions<T, A>,
): Group<A>[] {
  const groups = new Map<string, Group<A>>()
  const at = options.at ?? defaultAt
  for (const item of items) {
    const period = options.period
      ? periodKey(at(item), options.period, options.timeZone)
      : undefined
    const segment = options.segment ? String(options.segment(item) ?? '') : undefined
    const key = `${period ?? ''}\u0000${segment ?? ''}`
    let group = groups.get(key)
    if (!group) {
      group = {
        ...(period !== undefined ? { period } : {}),
        ...(segment !== undefined ? { segment } : {}),
        accumulator: options.create(),
      }
      groups.set(key, group)
    }
    group.accumulator.add(options.score(item))
  }
  // The default sort compares UTF-16 code units, as `<` does.
  return [...groups.keys()].sort().map((key) => groups.get(key) as Group<A>)
}
