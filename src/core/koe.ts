import type { ConsentState } from '../config/koe-config'
import type { ScoreGroup } from '../config/survey'
import type { OutcomeOptions } from './outcome-record'

/** A survey as a headless `show` event gives it: every text already in the locale it is shown in. */
export interface ShownSurvey {
  id: string
  type: 'nps' | 'ces'
  /** What made it show: the event name, a trigger kind such as `"exitIntent"`, or `"show"`. */
  trigger: string
  /** BCP 47 tag of the texts, for the `lang` attribute of what you draw. */
  locale: string
  /** Direction of the texts, for the `dir` attribute. */
  dir: 'ltr' | 'rtl'
  question: string
  /** The scores to offer, in order: 0..10 for NPS, 1..scale for CES. */
  scores: number[]
  /** Label of the lowest score ("Not at all likely"). */
  low: string
  /** Label of the highest score ("Extremely likely"). */
  high: string
  /** The follow-up question for a score's group, or `null` when the survey asks none. */
  followUp(score: number): string | null
  /** The thanks for a score's group. */
  thanks(score: number): string
  /** The group of a score: NPS `"detractor"`/`"passive"`/`"promoter"`, CES `"hard"`/`"neutral"`/`"easy"`. */
  group(score: number): ScoreGroup
}

/**
 * A survey to draw with your own components (headless mode), and what to report back. Each
 * method goes the way the built-in prompt's controls go: the score is durable the moment
 * `answer` is called, the comment updates the same response, and throttling, cross-tab rules and
 * the `answered`/`dismissed` events follow. A call that makes no sense (a score out of range,
 * `answer` after `dismiss`) logs one console error, emits `error` with code `"misuse"`, changes
 * nothing and returns `false`; it never throws.
 */
export interface HeadlessPrompt {
  survey: ShownSurvey
  /** The customer chose (or changed) a score; stored at once. */
  answer(score: number): boolean
  /**
   * The customer sent the follow-up (possibly empty): it is added to the answer's record, and
   * the answer counts as given (`answered`). Needs `answer` first; may be called again to edit.
   */
  comment(text: string): boolean
  /** The customer closed it without a score: a dismissal is stored. Not after `answer`. */
  dismiss(): boolean
  /**
   * You are done showing it: after an answer it is answered, otherwise this is a dismissal. The
   * next waiting survey may then show. Calling it again does nothing and returns `false`.
   */
  close(): boolean
}

/** What each `koe.on(event, cb)` callback receives. */
export interface KoeEvents {
  /**
   * A headless survey is to be shown now (config `headless`, or the survey's
   * `display.headless`): draw `survey` and report what the customer does. Koe shows nothing
   * itself, and no other survey shows until this one is closed or dismissed.
   */
  show: HeadlessPrompt
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
   * `ids` names them. `'misuse'`: a headless survey's method was called out of turn or with a
   * value it cannot take; nothing was changed.
   */
  error: {
    message: string
    cause?: unknown
    code?: 'delivery-failed' | 'delivery-held' | 'misuse'
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
  /**
   * Records what the customer did: a purchase, a cancellation, a refund (issue 30), so that the
   * collector can tell whether promoters buy again. Queued and sent like answers, under the same
   * consent; `id` (an order id) makes it count once however often it is recorded.
   */
  outcome(name: string, options?: OutcomeOptions): void
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
  /**
   * Erases every answer, id and state Koe keeps on this device. Resolves the anonymous id it
   * erased: answers already delivered carry it, so pass it to your server to erase them there
   * (the reference collector's `POST /api/erase` takes `{"anonymousId": …}`). `null` when Koe is
   * off or the erasure failed (then an `error` event says why).
   */
  forget(): Promise<{ anonymousId: string | null }>
  /** Removes the prompt, listeners and timers; the instance does nothing afterwards. */
  destroy(): void
}
