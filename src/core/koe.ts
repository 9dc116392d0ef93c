import type { ConsentState } from '../config/koe-config'

/** What each `koe.on(event, cb)` callback receives. */
export interface KoeEvents {
  /** A prompt appeared. `trigger` is the event name, or `"show"` for `koe.show`. */
  shown: { surveyId: string; trigger: string }
  /** The customer submitted, or closed the prompt after choosing a score; the answer is stored. */
  answered: { surveyId: string; id: string; score: number; comment?: string }
  /** The customer closed the prompt without choosing a score; the dismissal is stored. */
  dismissed: { surveyId: string }
  /** The collector acknowledged these record ids (2xx). */
  delivered: { ids: string[] }
  /**
   * Something went wrong that the site may want to know; Koe itself carries on. `code` is
   * `'delivery-failed'` when records will never reach the collector (refused for good, or beyond
   * the queue bounds), and `'delivery-held'` when the collector refused a record's batch with 400
   * even with the record alone: it stays queued and is tried again later, until the age bound;
   * `ids` names them.
   */
  error: {
    message: string
    cause?: unknown
    code?: 'delivery-failed' | 'delivery-held'
    ids?: string[]
  }
}

/** A name of {@link KoeEvents}. */
export type KoeEventName = keyof KoeEvents

/** Why a survey would or would not show now (`koe.explain`). */
export interface Explanation {
  surveyId: string
  /** Whether its trigger firing now would show it. */
  wouldShow: boolean
  /** Every reason it would not, in plain words; empty when `wouldShow`. */
  reasons: string[]
}

/** A running Koe. Every method is safe to call at any time and never throws. */
export interface Koe {
  /** Reports an event such as `"purchase_completed"`; surveys triggered by it are shown. */
  track(event: string, props?: Record<string, unknown>): void
  /** Sets (or with `null` clears) the site's user id and attributes sent with answers. */
  identify(userId: string | null, attributes?: Record<string, string | number | boolean>): void
  /** Tells Koe the route changed in a single-page app. */
  page(): void
  /** Shows a survey now, skipping trigger, targeting and throttling; waits while another prompt is open. */
  show(surveyId: string): void
  /** Why a survey would or would not show now. */
  explain(surveyId: string): Explanation
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends KoeEventName>(event: E, callback: (payload: KoeEvents[E]) => void): () => void
  /** Grants or denies consent to store and send answers. */
  setConsent(state: Exclude<ConsentState, 'pending'>): void
  /** Tries to deliver everything queued now; resolves when the attempt ends, delivered or not. */
  flush(): Promise<void>
  /** Erases every answer, id and state Koe keeps on this device. */
  forget(): Promise<void>
  /** Removes the prompt, listeners and timers; the instance does nothing afterwards. */
  destroy(): void
}
