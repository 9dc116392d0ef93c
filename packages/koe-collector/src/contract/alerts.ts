// Alert rules and endpoints as the alerts API answers them.
// A contract module: the server and the dashboard's browser code both import it, neither imports the other.
import type { ScoreGroup } from '../../../../src/config/survey'

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
  url: string
  format: 'json' | 'slack'
  rule: AlertRule
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
    createdAt: string
    attempts: number
    deliveredAt: string | null
    lastStatus: number | null
    lastError: string | null
  }[]
}
