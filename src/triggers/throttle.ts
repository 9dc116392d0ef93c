import type { Survey } from '../config/survey'
import { DAY_MS } from '../lib/day-ms'

/** What Koe remembers per survey on this device, in milliseconds since the epoch. */
export interface SurveyHistory {
  /** Last shown. */
  shown?: number
  /** Last answered. */
  answered?: number
  /** Last dismissed. */
  dismissed?: number
  /** Times shown, ever. */
  displays?: number
}

/** Throttling state of the device, shared by its tabs. */
export interface ThrottleState {
  /** Per survey id. */
  surveys: Record<string, SurveyHistory>
  /** Last time any survey was shown. */
  lastShown?: number
}

/** Defaults of docs/survey-json.md. */
export const RECONTACT_DAYS = 90
export const DISMISS_RECONTACT_DAYS = 14
export const COOLDOWN_DAYS = 3

const until = (at: number) => new Date(at).toISOString()

/**
 * Why throttling keeps a survey from showing now, each with the time it ends; empty when it may
 * show. A display that was neither answered nor dismissed (the tab was closed) counts as a
 * dismissal, so a survey shown in one tab is not shown again in another.
 */
export function throttleBlockers(
  survey: Survey,
  state: ThrottleState,
  now: number,
  cooldownDays = COOLDOWN_DAYS,
): string[] {
  const reasons: string[] = []
  const history = state.surveys[survey.id] ?? {}
  const answeredUntil =
    (history.answered ?? -Infinity) + (survey.recontactDays ?? RECONTACT_DAYS) * DAY_MS
  const seen = Math.max(history.dismissed ?? -Infinity, history.shown ?? -Infinity)
  const dismissedUntil = seen + (survey.dismissRecontactDays ?? DISMISS_RECONTACT_DAYS) * DAY_MS
  const coolUntil = (state.lastShown ?? -Infinity) + cooldownDays * DAY_MS
  if (now < answeredUntil) reasons.push(`answered; recontactDays end ${until(answeredUntil)}`)
  else if (now < dismissedUntil)
    reasons.push(`shown or dismissed; dismissRecontactDays end ${until(dismissedUntil)}`)
  if (survey.maxDisplays !== undefined && (history.displays ?? 0) >= survey.maxDisplays)
    reasons.push(`shown ${history.displays} times (maxDisplays ${survey.maxDisplays})`)
  if (now < coolUntil) reasons.push(`cool-down between surveys ends ${until(coolUntil)}`)
  return reasons
}

/**
 * Two views of the state merged: the later time and the higher count win, so tabs that changed
 * it at once agree after exchanging it.
 */
export function mergeThrottle(a: ThrottleState, b: ThrottleState): ThrottleState {
  const surveys: Record<string, SurveyHistory> = { ...a.surveys }
  for (const [id, theirs] of Object.entries(b.surveys ?? {})) {
    if (typeof theirs !== 'object' || !theirs) continue // not state Koe wrote
    const ours = surveys[id] ?? {}
    const merged: SurveyHistory = {}
    for (const key of ['shown', 'answered', 'dismissed', 'displays'] as const) {
      const value = Math.max(ours[key] ?? -1, theirs[key] ?? -1)
      if (value >= 0) merged[key] = value
    }
    surveys[id] = merged
  }
  const lastShown = Math.max(a.lastShown ?? -1, b.lastShown ?? -1)
  return lastShown >= 0 ? { surveys, lastShown } : { surveys }
}
