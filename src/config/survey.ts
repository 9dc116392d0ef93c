import type { Theme } from './koe-config'

/** Text per locale (`{ "en": "…", "ja": "…" }`) or one text for every locale. */
export type LocalizedText = string | Record<string, string>

/**
 * The group of a score. NPS: `detractor` 0–6, `passive` 7–8, `promoter` 9–10. CES: `hard` below
 * the middle of the scale, `neutral` the middle (4 of 7, 3 of 5), `easy` above it (the top box).
 */
export type ScoreGroup = 'detractor' | 'passive' | 'promoter' | 'hard' | 'neutral' | 'easy'

/** A text for some groups of the score; a group left out keeps the default wording. */
export type TextByGroup = Partial<Record<ScoreGroup, LocalizedText>>

/** Where the prompt appears. */
export type Position = 'bottom-right' | 'bottom-left' | 'bottom-center' | 'top-center' | 'center'

/** How a survey's prompt is placed and looks. */
export interface Display {
  /**
   * `"bottom-right"` (default), `"bottom-left"`, `"bottom-center"`, `"top-center"`, or `"center"`
   * as a modal dialog. On screens under 480 px every floating prompt is a bottom sheet.
   */
  position?: Position
  /**
   * A CSS selector: the prompt renders inside the first element it matches, in the page's flow,
   * instead of floating. The survey does not show on pages where it matches nothing.
   */
  inline?: string
  /** Look of this survey's prompt, over the config's `theme`. */
  theme?: Theme
  /**
   * Koe shows no prompt for this survey: it emits `show` (`koe.on('show', …)`) with the survey's
   * texts and the methods to answer it, and your own components draw it. Position, inline and
   * theme do not apply then.
   */
  headless?: boolean
}

/** Property filter of an event trigger: a value to equal, or a comparison. */
export type WhereCondition =
  | string
  | number
  | boolean
  | null
  | { gte?: number; lte?: number; in?: (string | number | boolean)[]; exists?: boolean }

/**
 * A URL pattern, matched against the page's path (`location.pathname`): a glob where `*` matches
 * anything (`"/checkout/*"`), or `{ "regex": "…" }` for a regular expression.
 */
export type UrlPattern = string | { regex: string }

/** Fields every trigger takes. */
interface TriggerTiming {
  /** Wait this long after the trigger before showing, in milliseconds (0..3 600 000). */
  delay?: number
}

/** Show the survey when the site calls `koe.track(event, props)`. */
export interface EventTrigger extends TriggerTiming {
  /** Event name, e.g. `"purchase_completed"`. */
  event: string
  /** Every listed property of the event must match. */
  where?: Record<string, WhereCondition>
}

/** Show the survey on a page (or SPA route) whose path matches. */
export interface PageviewTrigger extends TriggerTiming {
  pageview: UrlPattern
}

/** Show the survey when the customer is about to leave: pointer out through the top; on touch, a fast scroll up or the tab going hidden. */
export interface ExitIntentTrigger extends TriggerTiming {
  exitIntent: true
}

/** Show the survey after this many milliseconds without input on the page. */
export interface IdleTrigger extends TriggerTiming {
  idle: number
}

/** Show the survey after this many milliseconds on the page (or SPA route). */
export interface TimeOnPageTrigger extends TriggerTiming {
  timeOnPage: number
}

/** Show the survey once this share of the page (0..1) has been scrolled into view. */
export interface ScrollDepthTrigger extends TriggerTiming {
  scrollDepth: number
}

/** Preset: after a purchase, a `purchase_completed` event or a pageview of the thank-you `url`. */
export interface PostPurchasePreset extends TriggerTiming {
  preset: 'post-purchase'
  /** The thank-you page, e.g. `"/checkout/thanks*"`. */
  url?: UrlPattern
}

/**
 * Preset: the cart holds items (`cart_updated { itemCount }`), no `checkout_started` or
 * `purchase_completed` followed, and the customer shows exit intent or idles `idle` ms.
 */
export interface CartAbandonmentPreset extends TriggerTiming {
  preset: 'cart-abandonment'
  /** Milliseconds without input that count as abandoning too (default 60 000; 0 turns it off). */
  idle?: number
}

/** When a survey appears (docs/survey-json.md). */
export type Trigger =
  | EventTrigger
  | PageviewTrigger
  | ExitIntentTrigger
  | IdleTrigger
  | TimeOnPageTrigger
  | ScrollDepthTrigger
  | PostPurchasePreset
  | CartAbandonmentPreset

/** A device class, from the pointer and the viewport width. */
export type DeviceClass = 'mobile' | 'tablet' | 'desktop'

/** Who may see a survey. Every listed condition must hold. */
export interface Audience {
  /** Share of visitors asked, 0..1; sticky per visitor and survey. */
  sample?: number
  /** Only on pages whose path matches one of these patterns. */
  url?: UrlPattern[]
  /** Never on pages whose path matches one of these patterns. */
  excludeUrl?: UrlPattern[]
  /** User attributes from `identify` that must be equal. */
  attributes?: Record<string, string | number | boolean>
  /** Only in these locales, e.g. `["ja"]` (a language matches its regional variants). */
  locale?: string[]
  /** Only on these device classes. */
  device?: DeviceClass[]
}

/** A survey, as product teams write it in JSON (docs/survey-json.md). */
export interface Survey {
  /** Stable id, 1..128 of `A-Z a-z 0-9 . _ : -`; it names the survey in every record. */
  id: string
  /** `"nps"`: 0..10. `"ces"`: 1..scale, 1 = very difficult. */
  type: 'nps' | 'ces'
  /** CES scale, 7 (default) or 5. */
  scale?: 5 | 7
  /** The question; a built-in default exists in every shipped locale. */
  question?: LocalizedText
  /**
   * Ask for a comment after the score: `true` (default wording), `false`, your own wording, or
   * your own wording by group (`{ "detractor": …, "promoter": … }`).
   */
  followUp?: boolean | LocalizedText | TextByGroup
  /** The thanks after sending: one text, or by group like `followUp`. */
  thanks?: LocalizedText | TextByGroup
  /** When to ask. */
  trigger: Trigger
  /** Who to ask. */
  audience?: Audience
  /** Days before asking again after an answer (default 90). */
  recontactDays?: number
  /** Days before asking again after a dismiss, or a display left unanswered (default 14). */
  dismissRecontactDays?: number
  /** Times the survey is shown to a visitor at most, ever. */
  maxDisplays?: number
  /** Which of several triggered surveys shows first (higher first; default 0). */
  priority?: number
  /** Position, inline placement and theme of the prompt. */
  display?: Display
  /**
   * Set by the collector on the draft a preview link shows (issue 14), never by hand: in the tab
   * that opened the link, that survey shows whatever this device was asked before.
   */
  preview?: true
}
