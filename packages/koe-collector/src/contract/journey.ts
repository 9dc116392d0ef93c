// What the journey view answers (`GET /api/journey`, issue 31): every survey side by side, by
// touchpoint, and one relationship NPS across them.
// A contract module: the server and the dashboard's browser code both import it, neither imports the other.
import type { SurveyStatus } from './library'
import type { Comparison, Score } from './results'

/** One survey of the journey: its score in the range, and how it moved since the period before. */
export interface JourneySurvey extends Score {
  surveyId: string
  type: 'nps' | 'ces' | null
  /** Where in the journey it asks: its trigger's event or preset, `pageview`, `exitIntent`, …. */
  touchpoint: string
  /** In the library; `null` for a survey known only by its records. */
  status: SurveyStatus | null
  /**
   * The question it asks, in English or else its first language: its own label beside its id;
   * `null` when it asks Koe's default question or is known only by its records.
   */
  question: string | null
  responses: number
  /** responses / shown, 0..1; `null` when nothing was shown. */
  responseRate: number | null
  /** Against the same length of time just before the range; `null` without a range start. */
  trend: Comparison | null
}

/** Surveys of one touchpoint. */
export interface JourneyTouchpoint {
  touchpoint: string
  surveys: JourneySurvey[]
}

/**
 * The relationship NPS: across every NPS survey, each person (user id, else the anonymous id of a
 * device no user id was seen on) counted once, by their latest answer in the range.
 */
export interface RelationshipNps {
  score: number | null
  n: number
  interval: [number, number] | null
  /** Answers the people gave in the range, all surveys: at least `n`. */
  answers: number
}

/** `GET /api/journey`. */
export interface JourneyResult {
  touchpoints: JourneyTouchpoint[]
  relationship: RelationshipNps
}
