// Alert rules and endpoints as the alerts API answers them.
// A contract module: the server and the dashboard's browser code both import it, neither imports the other.
import type { ScoreGroup } from '../../../../src/config/survey'
import type { Digest } from './digest'
import type { Comparison, Score } from './results'

/**
 * Which answers an alert endpoint is told about. Every field narrows; an empty rule matches every
 * answer. Example: `{ groups: ['detractor', 'hard'] }` for unhappy customers of NPS and CES.
 */
export interface AlertRule {
  /** Only this survey. */
  surveyId?: string
  /** Only answers in these groups (NPS detractor/passive/promoter, CES hard/neutral/easy). */
  groups?: ScoreGroup[]
  /** Only scores at most this (NPS ≤ 6 is `maxScore: 6`). */
  maxScore?: number
  /** Only answers with a comment. */
  withComment?: boolean
  /** Only answers given in this locale (`"ja"`). */
  locale?: string
  /** Only answers whose `identify` attributes include these (`{ "plan": "pro" }`). */
  attributes?: Record<string, string | number | boolean>
}

/** An alert endpoint as the dashboard sees it: never its secret. */
export interface WebhookView {
  id: string
  name: string
  /** `https://…`, or `mailto:…` for the `email` format. */
  url: string
  format: 'json' | 'slack' | 'email'
  rule: AlertRule
  /** Told about each answer its rule matches; `false` for an endpoint of reports only. */
  answers: boolean
  /** Sent a digest each day or week (Monday, for the week before), or none. */
  digest: 'day' | 'week' | null
  /** Told when a survey's score changes significantly (its rule's `surveyId`, else any survey). */
  changes: boolean
  createdAt: string
  /** Failing without a success since then. */
  failingSince: string | null
  /** Paused (after failing too long); nothing is sent until it is resumed. */
  pausedAt: string | null
  /** Alerts waiting to be sent (not those a receiver refused with a 4xx: they are given up). */
  pending: number
  /** The last ten alerts, newest first. */
  recent: {
    id: string
    recordId: string | null
    /** A digest or change alert: its key (`digest:week:2026-11-30T00:00:00.000Z`). */
    report: string | null
    createdAt: string
    attempts: number
    deliveredAt: string | null
    lastStatus: number | null
    lastError: string | null
  }[]
}

/** The window of a score change: its days `[from, until)` and score. */
export interface ChangeWindow extends Score {
  from: string
  until: string
}

/**
 * A significant change of a survey's score (issue 33): the last 7 whole days against the 28
 * before them, sent once when the difference becomes significant at the daily level that keeps
 * false alarms under 1 % of weeks (docs/collector.md).
 */
export interface ScoreChange {
  type: 'koe.change'
  surveyId: string
  measure: 'nps' | 'ces'
  recent: ChangeWindow
  baseline: ChangeWindow
  /** Recent − baseline, its 95 % interval, its p, in words. */
  change: Comparison
}

/** A digest as an endpoint gets it (`GET /api/digest` answers the same `digest`). */
export interface DigestReport {
  type: 'koe.digest'
  digest: Digest
}

/** What a report row of the outbox holds, fixed when it was queued. */
export type Report = ScoreChange | DigestReport
