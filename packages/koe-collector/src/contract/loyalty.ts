// What the outcomes and loyalty API answer (`POST /api/outcomes`, `GET /api/loyalty`, issue 30).
// A contract module: the server and the dashboard's browser code both import it, neither imports the other.

import type { ScoreGroup } from '../../../../src/config/survey'

/** The answers the loyalty view reads: NPS, or CES (CSAT answers are CES on the wire). */
export type LoyaltyType = 'nps' | 'ces'

/** The groups the loyalty view compares: NPS's, or CES's bands (hard, neutral, easy). */
export type LoyaltyGroup = ScoreGroup

/** NPS's groups, which the loyalty view gives unless asked for CES. */
export type NpsLoyaltyGroup = 'detractor' | 'passive' | 'promoter'

/** What the loyalty view is asked (`GET /api/loyalty`'s parameters): which answers, which outcome, how long after. */
export interface LoyaltyQuery {
  /** NPS answers (the default) or CES answers. */
  type?: LoyaltyType
  /** One survey, or every answer of the type when absent. */
  surveyId?: string
  outcome: string
  days: number
  /** Answers in `[from, until)`. */
  from?: string
  until?: string
  /** Sum the values of this currency only, when the outcomes have several. */
  currency?: string
}

/** What an import of outcomes did: each line stored, already there, or refused with why. */
export interface OutcomeImport {
  /** Lines taken: stored now, or of a person erased before (stored never, answered alike). */
  accepted: number
  /** Lines whose `name` and `id` were already stored (an import run twice). */
  duplicates: number
  /** Lines refused, numbered from 1 as an editor shows them. */
  rejected: { line: number; error: string }[]
}

/** One NPS group's respondents and what they did in the window after their answer. */
export interface LoyaltyGroupResult {
  /** People (a user id, or an anonymous id when there is none) whose latest answer is in range. */
  respondents: number
  /** Those with the outcome strictly after their answer and within the window. */
  converted: number
  /** converted / respondents, 0..1; `null` with no respondents. */
  rate: number | null
  /** 95 % Wilson interval of the rate. */
  interval: [number, number] | null
  /** Summed `value` of the outcomes in the window per respondent (0 for those without). */
  valuePerRespondent: number | null
  /** 95 % Student t interval of the value per respondent. */
  valueInterval: [number, number] | null
}

/**
 * `GET /api/loyalty`: do promoters have the outcome more often than detractors (or easy CES
 * answers than hard ones), and by how much. `groups` and `curve` hold the three groups of `type`.
 */
export interface LoyaltyResult<G extends LoyaltyGroup = NpsLoyaltyGroup> {
  type: LoyaltyType
  outcome: string
  days: number
  /** The outcome names stored (up to 100), for choosing another. */
  names: string[]
  /** The currencies of the outcomes' values; the value figures need exactly one (or none). */
  currencies: string[]
  groups: Record<G, LoyaltyGroupResult>
  /**
   * Per group, the share of its respondents who had the outcome within 1, 2, … `days` days of
   * their answer (0..1, cumulative; the last is `rate`); empty for a group without respondents.
   */
  curve: Record<G, number[]>
  /**
   * The top group's rate − the bottom one's (promoters − detractors, easy − hard), as a fraction,
   * with Newcombe's 95 % interval.
   */
  difference: {
    value: number | null
    interval: [number, number] | null
    /** "+40 points, likely real", "+3 points, could be chance", "not enough answers yet to tell". */
    verdict: string
  }
  /** The top group's value per respondent − the bottom one's, with Welch's 95 % interval. */
  valueDifference: { value: number | null; interval: [number, number] | null }
}

/** One respondent of a cell of the loyalty matrix (`GET /api/loyalty/people`), to follow up. */
export interface LoyaltyPerson {
  /** Their latest answer in range, the one the cell is about. */
  recordId: string
  surveyId: string
  userId: string | null
  anonymousId: string | null
  score: number
  comment: string | null
  answeredAt: string
  /** Outcomes in the window after the answer, and their summed value. */
  outcomes: number
  value: number
}
