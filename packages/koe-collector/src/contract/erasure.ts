// What the erasure API answers.
// A contract module: the server and the dashboard's browser code both import it, neither imports the other.
/** What an erasure removed: counts only, as the erasure log keeps them. */
export interface ErasureReport {
  subject: 'userId' | 'anonymousId'
  /**
   * Records removed: answers, and the displays and dismissals of the same device (they carry its
   * anonymous id, and the `identify` attributes of the moment).
   */
  records: number
  /** Follow-up statuses and notes on those answers. */
  notes: number
  /** Alerts about those answers not sent yet (sent ones are forgotten too, not counted). */
  deliveries: number
  /** Outcomes (purchases, cancellations, …) of the person, from the shop's backend or pages. */
  outcomes: number
  at: string
}
