import { scoreGroup } from '../../../../src/config/score-groups'
import type { ScoreGroup } from '../../../../src/config/survey'
import type { CesResult } from '../../../../src/scoring/ces'
import { createCesAccumulator } from '../../../../src/scoring/ces-accumulator'
import { compareMeans } from '../../../../src/scoring/compare-means'
import { compareNps } from '../../../../src/scoring/compare-nps'
import type { NpsResult } from '../../../../src/scoring/nps'
import { createNpsAccumulator } from '../../../../src/scoring/nps-accumulator'
import type { Period } from '../../../../src/scoring/period-key'
import type { SurveyRecord } from '../../../../src/scoring/wire'
import { Z95 } from '../../../../src/scoring/z'
import {
  type CountGrouping,
  type CountQuery,
  type CountRow,
  countRecords,
} from '../collector/counts'
import { type Dimension, FIXED_DIMENSIONS, segmentValue } from '../collector/segment'
import type { SqlCounts } from '../collector/sql-counts'
import type { Store } from '../collector/store'
import type {
  Comparison,
  Rates,
  SegmentRow,
  SurveySummary,
  TimelinePoint,
} from '../contract/results'

export type {
  Comparison,
  Rates,
  Score,
  SegmentRow,
  SurveySummary,
  TimelinePoint,
} from '../contract/results'

/** Where results are counted: the SQL rollup, or (a custom store) the records themselves. */
export type ResultsSource = Pick<SqlCounts, 'counts' | 'zone' | 'dimensions' | 'comments'>

/**
 * A source for a store without SQL aggregates: it reads every record of the survey on each call,
 * so it suits small custom stores only; the SQL store never loads records for results.
 */
export function recordsSource(store: Store): ResultsSource {
  const load = (query: CountQuery) =>
    store.records({ surveyId: query.surveyId, from: query.from, until: query.until })
  const selected = (records: SurveyRecord[], query: CountQuery) =>
    records.filter((r) => !query.where?.some((c) => segmentValue(r, c.dim) !== c.value))
  return {
    counts: async (query, grouping) => countRecords(await load(query), query, grouping),
    zone: async () => 'UTC',
    async dimensions(surveyId) {
      const records = await store.records({ surveyId })
      const names = new Set<Dimension>(FIXED_DIMENSIONS)
      for (const r of records)
        for (const key of Object.keys(r.attributes ?? {})) names.add(`attr:${key}`)
      return [...names].sort().flatMap((dim) => {
        const counts = new Map<string, number>()
        for (const r of records) {
          const value = segmentValue(r, dim)
          if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1)
        }
        const values = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        return values.length ? [{ dim, values: values.slice(0, 50).map(([v]) => v) }] : []
      })
    },
    async comments(query, group, limit) {
      return selected(await load(query), query)
        .flatMap((r) =>
          r.kind === 'response' &&
          r.comment &&
          (!group || scoreGroup(r.type, r.score, r.scale ?? 7) === group)
            ? [
                {
                  id: r.id,
                  score: r.score,
                  comment: r.comment,
                  locale: r.locale,
                  trigger: r.trigger,
                  createdAt: r.createdAt,
                },
              ]
            : [],
        )
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
        .slice(0, limit)
    },
  }
}

/** A survey's measure: `nps`, `ces:7` or `ces:5`. */
export type Measure = 'nps' | 'ces:7' | 'ces:5'

/** Counts of one group (a period, a segment, everything). */
interface Tally {
  displays: number
  dismissals: number
  scores: Map<string, number[]>
}

const sizeOf = (measure: string) => (measure === 'nps' ? 11 : Number(measure.slice(4)))

function tallies(rows: CountRow[]): Map<string, Tally> {
  const byKey = new Map<string, Tally>()
  for (const row of rows) {
    const tally = byKey.get(row.key) ?? { displays: 0, dismissals: 0, scores: new Map() }
    byKey.set(row.key, tally)
    if (row.measure === 'display') tally.displays += row.n
    else if (row.measure === 'dismiss') tally.dismissals += row.n
    else {
      const counts = tally.scores.get(row.measure) ?? new Array(sizeOf(row.measure)).fill(0)
      tally.scores.set(row.measure, counts)
      const index = row.measure === 'nps' ? row.score : row.score - 1
      counts[index] = (counts[index] as number) + row.n
    }
  }
  return byKey
}

const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0)

/** The measure most answers of the survey have (a survey's type rarely changes, but it can). */
function measureOf(total: Tally | undefined): Measure | null {
  let best: Measure | null = null
  for (const [measure, counts] of total?.scores ?? [])
    if (!best || sum(counts) > sum(total?.scores.get(best) ?? [])) best = measure as Measure
  return best
}

export function rates(displays: number, responses: number, dismissals: number): Rates {
  const shown = Math.max(displays, responses + dismissals)
  return {
    displays,
    responses,
    dismissals,
    responseRate: shown ? responses / shown : null,
    dismissRate: shown ? dismissals / shown : null,
  }
}

/** The score of counts, by koe/scoring's accumulators. */
export function scoreOf(measure: Measure, counts: number[]) {
  if (measure === 'nps') {
    const nps = createNpsAccumulator.fromJSON({ kind: 'nps', counts }).result()
    return { nps, n: nps.n, value: nps.score, interval: nps.interval }
  }
  const scale = sizeOf(measure) as 5 | 7
  const ces = createCesAccumulator.fromJSON({ kind: 'ces', scale, counts }).result()
  return { ces, n: ces.n, value: ces.mean, interval: ces.interval }
}

/** Fewest answers a side for a verdict: the normal approximation needs about 30. */
export const ENOUGH = 30

/** A difference as a verdict shows it: `+12`, `−0.30`, `±0`. */
export const signed = (value: number, digits: number) =>
  `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(digits)}`

/** Compares two sets of counts of one measure and says what the difference means. */
export function compare(measure: Measure, a: number[], b: number[]): Comparison {
  const sa = scoreOf(measure, a)
  const sb = scoreOf(measure, b)
  const result =
    measure === 'nps'
      ? compareNps(sa.nps as NpsResult, sb.nps as NpsResult)
      : compareMeans(sa.ces as CesResult, sb.ces as CesResult)
  const { difference, standardError, p } = result
  if (difference === null || standardError === null || p === null)
    return { difference, interval: null, p, verdict: 'not enough answers yet to tell' }
  const interval: [number, number] = [
    difference - Z95 * standardError,
    difference + Z95 * standardError,
  ]
  const shown = signed(difference, measure === 'nps' ? 0 : 2)
  const verdict =
    Math.min(sa.n, sb.n) < ENOUGH
      ? `${shown}, not enough answers yet to tell`
      : p < 0.05
        ? `${shown}, likely real`
        : `${shown}, could be chance (p = ${p.toFixed(2)})`
  return { difference, interval, p, verdict }
}

const empty = (measure: Measure) => new Array<number>(sizeOf(measure)).fill(0)

/** The same length of time just before `[from, until)`; `until` defaults to now. */
export function previousRange(from: string, until: string | undefined, now = Date.now()) {
  const end = until ? Date.parse(until) : now
  const start = Date.parse(from)
  return {
    from: new Date(start - (end - start)).toISOString(),
    until: new Date(start).toISOString(),
  }
}

/**
 * A survey's displays, answers and score over `query`, from one count query: what the survey list
 * shows beside each survey, where the whole {@link summarize} would run five.
 */
export async function headline(
  source: ResultsSource,
  query: CountQuery,
): Promise<{ displays: number; responses: number; score: number | null }> {
  const total = tallies(await source.counts(query, { by: 'total' })).get('')
  const measure = measureOf(total)
  const counts = measure ? (total?.scores.get(measure) ?? empty(measure)) : []
  return {
    displays: total?.displays ?? 0,
    responses: sum(counts),
    score: measure ? scoreOf(measure, counts).value : null,
  }
}

/**
 * A survey's measure and its answers' counts per score on each of `dayKeys` (days of `query` by
 * their key in the reporting zone, `2026-12-06`), in that order, a day without answers as zeros,
 * from one count query: the daily looks of a change alert.
 */
export async function dailyScoreCounts(
  source: ResultsSource,
  query: CountQuery,
  dayKeys: string[],
): Promise<{ measure: Measure | null; days: number[][] }> {
  const byDay = tallies(await source.counts(query, { by: 'period', period: 'day' }))
  // The survey's measure is the one most answered over the whole range, as for one total.
  const total: Tally = { displays: 0, dismissals: 0, scores: new Map() }
  for (const tally of byDay.values())
    for (const [measure, counts] of tally.scores) {
      const before = total.scores.get(measure) ?? empty(measure as Measure)
      total.scores.set(
        measure,
        counts.map((n, k) => n + (before[k] as number)),
      )
    }
  const measure = measureOf(total)
  if (!measure) return { measure, days: [] }
  return {
    measure,
    days: dayKeys.map((key) => byDay.get(key)?.scores.get(measure) ?? empty(measure)),
  }
}

/**
 * A survey's score, answers, response rate and change against the period before, from two count
 * queries: one row of the journey view (issue 31), where {@link summarize} would run five.
 */
export async function overview(source: ResultsSource, query: CountQuery) {
  const range = query.from ? previousRange(query.from, query.until) : undefined
  const [totalRows, previousRows] = await Promise.all([
    source.counts(query, { by: 'total' }),
    range ? source.counts({ ...query, ...range }, { by: 'total' }) : Promise.resolve([]),
  ])
  const total = tallies(totalRows).get('')
  const measure = measureOf(total)
  const counts = measure ? (total?.scores.get(measure) ?? empty(measure)) : []
  const { responses, responseRate } = rates(
    total?.displays ?? 0,
    sum(counts),
    total?.dismissals ?? 0,
  )
  const score = measure ? scoreOf(measure, counts) : { n: 0, value: null, interval: null }
  return {
    type: measure ? (measure === 'nps' ? ('nps' as const) : ('ces' as const)) : null,
    n: score.n,
    value: score.value,
    interval: score.interval,
    responses,
    responseRate,
    trend:
      measure && range
        ? compare(
            measure,
            counts,
            tallies(previousRows).get('')?.scores.get(measure) ?? empty(measure),
          )
        : null,
  }
}

/** A survey's summary: score, rates, distribution, timeline, comments and the period before. */
export async function summarize(
  source: ResultsSource,
  query: CountQuery,
  period: Period = 'day',
  group?: ScoreGroup,
): Promise<SurveySummary> {
  const zone = await source.zone()
  const timeZone = query.timeZone ?? zone
  const range = query.from ? previousRange(query.from, query.until) : undefined
  // Every query at once: on PostgreSQL each runs on a connection of the read pool.
  const [totalRows, timelineRows, comments, dimensions, previousRows] = await Promise.all([
    source.counts(query, { by: 'total' }),
    source.counts(query, { by: 'period', period }),
    source.comments(query, group, 20),
    source.dimensions(query.surveyId),
    range ? source.counts({ ...query, ...range }, { by: 'total' }) : Promise.resolve([]),
  ])
  const total = tallies(totalRows).get('')
  // A range or segment without answers still has the survey's type: a score of n = 0, not none.
  const measure =
    measureOf(total) ??
    (query.from || query.until || query.where
      ? measureOf(
          tallies(await source.counts({ surveyId: query.surveyId }, { by: 'total' })).get(''),
        )
      : null)
  const counts = measure ? (total?.scores.get(measure) ?? empty(measure)) : []
  const base = {
    surveyId: query.surveyId,
    type: measure ? (measure === 'nps' ? ('nps' as const) : ('ces' as const)) : null,
    ...rates(total?.displays ?? 0, sum(counts), total?.dismissals ?? 0),
    distribution: counts,
    comments,
    locales:
      dimensions
        .find((d) => d.dim === 'locale')
        ?.values.filter(Boolean)
        .sort() ?? [],
    dimensions,
    timeZone,
    timeline: [] as TimelinePoint[],
  }
  if (!measure) return base
  const { nps, ces } = scoreOf(measure, counts)
  // Every period with a display, a dismissal or an answer: rates over time (issue 33) show a
  // period whose prompts went unanswered too, with a score of n = 0.
  const timeline = [...tallies(timelineRows)]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, tally]) => {
      const c = tally.scores.get(measure) ?? empty(measure)
      const { n, value, interval } = scoreOf(measure, c)
      const { responseRate, dismissRate } = rates(tally.displays, sum(c), tally.dismissals)
      return { period: key, n, value, interval, responseRate, dismissRate }
    })
  const summary: SurveySummary = {
    ...base,
    ...(nps ? { nps } : { ces, scale: sizeOf(measure) as 5 | 7 }),
    timeline,
  }
  if (range) {
    const before = tallies(previousRows).get('')
    const previousCounts = before?.scores.get(measure) ?? empty(measure)
    const { n, value, interval } = scoreOf(measure, previousCounts)
    summary.previous = {
      ...range,
      n,
      value,
      interval,
      comparison: compare(measure, counts, previousCounts),
    }
  }
  return summary
}

/** The segment table of one dimension: each value's score, rates, and difference to the rest. */
export async function segments(
  source: ResultsSource,
  query: CountQuery,
  dim: Dimension,
): Promise<{ dim: Dimension; type: 'nps' | 'ces' | null; rows: SegmentRow[] }> {
  const grouping: CountGrouping = { by: 'segment', dim }
  const [totalRows, segmentRows] = await Promise.all([
    source.counts(query, { by: 'total' }),
    source.counts(query, grouping),
  ])
  const total = tallies(totalRows).get('')
  const measure = measureOf(total)
  if (!measure) return { dim, type: null, rows: [] }
  const all = total?.scores.get(measure) ?? empty(measure)
  const rows = [...tallies(segmentRows)].map(([segment, tally]): SegmentRow => {
    const counts = tally.scores.get(measure) ?? empty(measure)
    // Counts add up, so the rest of the survey is the total minus the segment.
    const rest = all.map((count, k) => count - (counts[k] as number))
    const { n, value, interval } = scoreOf(measure, counts)
    return {
      segment,
      ...rates(tally.displays, n, tally.dismissals),
      n,
      value,
      interval,
      distribution: counts,
      versusRest: compare(measure, counts, rest),
    }
  })
  rows.sort((a, b) => b.n - a.n || b.displays - a.displays)
  return { dim, type: measure === 'nps' ? 'nps' : 'ces', rows }
}
