// What the results API answers (`GET /api/summary`, `GET /api/segments`): the dashboard reads these.
// A contract module: the server and the dashboard's browser code both import it, neither imports the other.
import type { CesResult } from '../../../../src/scoring/ces'
import type { NpsResult } from '../../../../src/scoring/nps'
import type { Dimension } from './segments'

/** A comment as the results list it. */
export interface Comment {
  id: string
  score: number
  comment: string
  locale?: string
  trigger?: string
  createdAt: string
}

/**
 * Displays, answers and dismissals, with the rates. A rate's denominator is the prompts known to
 * have been shown: the displays, or answers plus dismissals when more of those arrived (each of
 * them followed a display, whose record may be older than the context it is cut by, or lost).
 * So both rates lie in 0..1 and add up to at most 1.
 */
export interface Rates {
  displays: number
  responses: number
  dismissals: number
  /** responses / shown, 0..1; `null` when nothing was shown. */
  responseRate: number | null
  /** dismissals / shown, 0..1; `null` when nothing was shown. */
  dismissRate: number | null
}

/** A score with its interval: NPS (−100..100) or a CES mean (1..scale). */
export interface Score {
  n: number
  value: number | null
  interval: [number, number] | null
}

/** One difference, said in numbers and in words. */
export interface Comparison {
  /** This side minus the other, in NPS points or CES scale points. */
  difference: number | null
  /** 95 % interval of the difference. */
  interval: [number, number] | null
  /** Two-sided p of `compareNps` / `compareMeans`. */
  p: number | null
  /** "+12, likely real", "−0.3, could be chance (p = 0.41)", "not enough answers yet to tell". */
  verdict: string
}

/**
 * One point of the score over time, with the rates of its period (issue 33): every period with a
 * display, a dismissal or an answer; one without answers has `n` 0 and no score.
 */
export interface TimelinePoint extends Score, Pick<Rates, 'responseRate' | 'dismissRate'> {
  period: string
}

/** One row of the segment table. */
export interface SegmentRow extends Rates, Score {
  /** The segment: the dimension's value, `''` when the records did not say (older SDKs). */
  segment: string
  distribution: number[]
  /** This segment against all the survey's other answers in the same filters. */
  versusRest: Comparison
}

/** Everything the dashboard shows for one survey and filter. */
export interface SurveySummary extends Rates {
  surveyId: string
  type: 'nps' | 'ces' | null
  scale?: 5 | 7
  nps?: NpsResult
  ces?: CesResult
  /** NPS 0..10 or CES 1..scale: count per score. */
  distribution: number[]
  timeline: TimelinePoint[]
  /** Latest comments first, at most 20. */
  comments: Comment[]
  locales: string[]
  /** The segments the survey's records can be cut by, with their values. */
  dimensions: { dim: Dimension; values: string[] }[]
  /** The zone of the timeline's periods. */
  timeZone: string
  /** The score the team aims for (issue 33), drawn on the timeline; `null` without one. */
  goal?: number | null
  /** The same length of time just before `from`, and this period against it. */
  previous?: Score & { from: string; until: string; comparison: Comparison }
}
