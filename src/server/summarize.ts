import { type CesResult, ces } from '../scoring/ces'
import { createCesAccumulator } from '../scoring/ces-accumulator'
import type { Accumulator } from '../scoring/counts-accumulator'
import { groupScores } from '../scoring/group-scores'
import type { NpsResult } from '../scoring/nps'
import { createNpsAccumulator } from '../scoring/nps-accumulator'
import type { Period } from '../scoring/period-key'
import type { ResponseRecord, WireRecord } from '../scoring/wire'

/** One point of the score over time. */
export interface TimelinePoint {
  period: string
  n: number
  /** NPS score, or CES mean. */
  value: number | null
  interval: [number, number] | null
}

/** Everything the dashboard shows for one survey; every number comes from koe/scoring. */
export interface SurveySummary {
  surveyId: string
  type: 'nps' | 'ces' | null
  nps?: NpsResult
  ces?: CesResult
  displays: number
  responses: number
  dismissals: number
  /** responses / displays, 0..1; `null` without displays. */
  responseRate: number | null
  /** dismissals / displays, 0..1; `null` without displays. */
  dismissRate: number | null
  /** NPS 0..10 or CES 1..scale: count per score. */
  distribution: number[]
  timeline: TimelinePoint[]
  /** Latest comments first, at most 20. */
  comments: { id: string; score: number; comment: string; locale?: string; createdAt: string }[]
  locales: string[]
}

/** Summarizes the records of one survey, grouping the timeline by `period` in `timeZone`. */
export function summarize(
  surveyId: string,
  records: WireRecord[],
  period: Period = 'day',
  timeZone = 'UTC',
): SurveySummary {
  const responses = records.filter((r): r is ResponseRecord => r.kind === 'response')
  const displays = records.filter((r) => r.kind === 'display').length
  const dismissals = records.filter((r) => r.kind === 'dismiss').length
  const type = responses[0]?.type ?? null
  const scale = responses.find((r) => r.scale)?.scale ?? 7
  const scores = responses.map((r) => r.score)
  const rate = (count: number) => (displays ? count / displays : null)
  const base = {
    surveyId,
    type,
    displays,
    responses: responses.length,
    dismissals,
    responseRate: rate(responses.length),
    dismissRate: rate(dismissals),
    comments: responses
      .filter((r) => r.comment)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
      .slice(0, 20)
      .map(({ id, score, comment, locale, createdAt }) => ({
        id,
        score,
        comment: comment as string,
        locale,
        createdAt,
      })),
    locales: [...new Set(responses.map((r) => r.locale).filter((l): l is string => !!l))].sort(),
  }
  /** One point per period: the accumulator's score (NPS) or mean (CES), n and interval. */
  const timeline = <R extends { n: number; interval: [number, number] | null }>(
    create: () => Accumulator<R>,
    value: (result: R) => number | null,
  ): TimelinePoint[] =>
    groupScores(responses, { create, score: (r) => r.score, period, timeZone }).map(
      ({ period: p, accumulator }) => {
        const r = accumulator.result()
        return { period: p as string, n: r.n, value: value(r), interval: r.interval }
      },
    )
  if (type === 'ces') {
    const result = ces(scores, { scale })
    return {
      ...base,
      ces: result,
      distribution: result.distribution,
      timeline: timeline(
        () => createCesAccumulator(scale),
        (r) => r.mean,
      ),
    }
  }
  // One pass: the accumulator's counts are the 0..10 distribution.
  const all = createNpsAccumulator()
  all.addAll(scores)
  return {
    ...base,
    nps: all.result(),
    distribution: all.toJSON().counts,
    timeline: timeline(createNpsAccumulator, (r) => r.score),
  }
}
