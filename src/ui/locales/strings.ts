/**
 * Every text the prompt shows; one object per shipped locale. Keys start with `_` so the
 * script-tag build shortens them (they are internal: sites override texts per survey).
 */
export interface PromptStrings {
  /** Default NPS question. */
  _npsQuestion: string
  /** NPS anchor of 0. */
  _npsLow: string
  /** NPS anchor of 10. */
  _npsHigh: string
  /** Default CES question. */
  _cesQuestion: string
  /** CES anchor of 1. */
  _cesLow: string
  /** CES anchor of the top score. */
  _cesHigh: string
  /** Follow-up question after a low score (NPS detractor 0–6, CES hard: below the middle). */
  _followUpLow: string
  /** Follow-up question after a middling score (NPS passive 7–8, CES neutral: the middle). */
  _followUpMid: string
  /** Follow-up question after a high score (NPS promoter 9–10, CES easy: above the middle). */
  _followUpHigh: string
  /** Marks the comment as optional, after any follow-up question; with its brackets. */
  _optional: string
  /** Submit button. */
  _submit: string
  /** Close button's accessible name. */
  _close: string
  /** Shown after submitting. */
  _thanks: string
}
