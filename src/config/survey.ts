/** Text per locale (`{ "en": "…", "ja": "…" }`) or one text for every locale. */
export type LocalizedText = string | Record<string, string>

/** Property filter of an event trigger: a value to equal, or a comparison. */
export type WhereCondition =
  | string
  | number
  | boolean
  | null
  | { gte?: number; lte?: number; in?: (string | number | boolean)[]; exists?: boolean }

/** Show the survey when the site calls `koe.track(event, props)`. */
export interface EventTrigger {
  /** Event name, e.g. `"purchase_completed"`. */
  event: string
  /** Every listed property of the event must match. */
  where?: Record<string, WhereCondition>
  /** Wait this long after the event before showing, in milliseconds (0..3 600 000). */
  delay?: number
}

/** When a survey appears. This version supports event triggers. */
export type Trigger = EventTrigger

/** Who may see a survey. */
export interface Audience {
  /** Share of visitors asked, 0..1. */
  sample?: number
  /** URL path patterns with `*` wildcards. */
  url?: string[]
  /** User attributes from `identify` that must be equal. */
  attributes?: Record<string, string | number | boolean>
}

/** A survey, as product teams write it in JSON (PRODUCT.md §5). */
export interface Survey {
  /** Stable id, 1..128 of `A-Z a-z 0-9 . _ : -`; it names the survey in every record. */
  id: string
  /** `"nps"`: 0..10. `"ces"`: 1..scale, 1 = very difficult. */
  type: 'nps' | 'ces'
  /** CES scale, 7 (default) or 5. */
  scale?: 5 | 7
  /** The question; a built-in default exists in every shipped locale. */
  question?: LocalizedText
  /** Ask for a comment after the score: `true` (default wording), `false`, or your own wording. */
  followUp?: boolean | LocalizedText
  /** When to ask. */
  trigger: Trigger
  /** Who to ask. */
  audience?: Audience
  /** Days before asking again after an answer (default 90). */
  recontactDays?: number
  /** Days before asking again after a dismiss (default 14). */
  dismissRecontactDays?: number
}
