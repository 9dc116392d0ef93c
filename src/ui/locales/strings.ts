/** Every text the prompt shows; one object per shipped locale. */
export interface PromptStrings {
  /** Default NPS question. */
  npsQuestion: string
  /** NPS anchor of 0. */
  npsLow: string
  /** NPS anchor of 10. */
  npsHigh: string
  /** Default CES question. */
  cesQuestion: string
  /** CES anchor of 1. */
  cesLow: string
  /** CES anchor of the top score. */
  cesHigh: string
  /** Follow-up question after a low score (NPS 0–6, CES bottom half). */
  followUpLow: string
  /** Follow-up question after a middling NPS score (7–8). */
  followUpMid: string
  /** Follow-up question after a high score (NPS 9–10, CES top box). */
  followUpHigh: string
  /** Submit button. */
  submit: string
  /** Close button's accessible name. */
  close: string
  /** Shown after submitting. */
  thanks: string
}
