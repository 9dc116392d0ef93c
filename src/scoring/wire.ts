/**
 * Wire format v1: what the browser SDK POSTs to the collector (docs/wire-format.md). Plain JSON, sent
 * as `application/json` or `text/plain`.
 */

/** The wire format version this module speaks. */
export const WIRE_VERSION = 1

/** Fields every record carries. */
export interface RecordBase {
  /** Made on the device (UUIDv7, lowercase), never changes; the collector upserts by it. */
  id: string
  /** The survey this record belongs to, as in the survey JSON. */
  surveyId: string
  /** When the record was first made, ISO 8601 UTC with milliseconds. */
  createdAt: string
}

/**
 * Where and how a survey was asked. Every record kind may carry it (displays and dismissals since
 * the results issue: additive to v1), so rates can be cut by the same segments as scores. Older records
 * without it still count in totals.
 */
export interface RecordContext {
  /** What made the prompt appear: an event name, `'show'`, a preset name. */
  trigger?: string
  /** The locale the question was asked in, BCP 47 (`'ja'`, `'en-GB'`). */
  locale?: string
  /** Page URL where it was asked, without query and fragment unless the site opted in. */
  url?: string
  /** The device class, as audiences target it. */
  device?: 'mobile' | 'tablet' | 'desktop'
  /** Attributes from `koe.identify`. */
  attributes?: Record<string, string | number | boolean>
  /** SDK name and version, e.g. `'koe@0.1.0'`. */
  sdk?: string
  /**
   * Random per-device id Koe made; erased by `koe.forget()`. Every record kind carries it (since
   * issue 27), so that erasure finds a device's displays and dismissals too. Never a person's name:
   * only responses and outcomes carry `userId`.
   */
  anonymousId?: string
}

/** A prompt was shown. */
export interface DisplayRecord extends RecordBase, RecordContext {
  kind: 'display'
}

/** A prompt was closed without a score. */
export interface DismissRecord extends RecordBase, RecordContext {
  kind: 'dismiss'
}

/** An answer. Queued when the score is chosen; a later comment updates the same record. */
export interface ResponseRecord extends RecordBase, RecordContext {
  kind: 'response'
  /** `'nps'`: `score` 0..10. `'ces'`: `score` 1..`scale`. */
  type: 'nps' | 'ces'
  /** The answer: 0..10 for NPS, 1..scale for CES (1 = very difficult). */
  score: number
  /** CES scale, 7 (default when absent) or 5. Absent for NPS. */
  scale?: 5 | 7
  /** Follow-up comment, at most {@link WIRE_LIMITS.commentBytes} UTF-8 bytes. */
  comment?: string
  /** Last change (comment added, score changed), ISO 8601 UTC. */
  updatedAt: string
  /** The site's own user id from `koe.identify`. */
  userId?: string
}

/**
 * What a customer did after answering (issue 30): a purchase, a cancellation, a refund. Additive
 * to v1. It belongs to no survey: the collector ties it to the person's answers by `userId`, else
 * `anonymousId`. It never carries free text.
 */
export interface OutcomeRecord extends Omit<RecordBase, 'surveyId'>, RecordContext {
  kind: 'outcome'
  /** `purchase`, `cancel`, `plan:upgrade`: 1..64 of `a-z 0-9 _ . : -`. */
  name: string
  /** A finite number: an amount in the currency's minor units (cents), or a count. */
  value?: number
  /** ISO 4217, three capital letters (`EUR`). */
  currency?: string
  /**
   * The shop's own id for it (an order id), unique per name: a second outcome with the same name
   * and id is a duplicate, whether the page or the shop's backend sent it. Without it, the
   * record's `id` is.
   */
  externalId?: string
  /** The site's own user id from `koe.identify`. */
  userId?: string
}

/** A record about a survey: shown, dismissed or answered. */
export type SurveyRecord = ResponseRecord | DisplayRecord | DismissRecord

/** One record of a batch. */
export type WireRecord = SurveyRecord | OutcomeRecord

/** One POST body. */
export interface Batch {
  /** Always 1 for this format. */
  v: 1
  /** When the client sent it, ISO 8601 UTC. */
  sentAt: string
  /** 1..{@link WIRE_LIMITS.records} records, of any kind. */
  records: WireRecord[]
}

/** What the collector answers with a 2xx. */
export interface CollectorAnswer {
  /** Records stored for the first time or updated. */
  accepted: number
  /** Records already stored unchanged (a retry). */
  duplicates: number
  /** Records refused, with the reason. */
  rejected: { id: string | null; error: string }[]
}

/** Records per batch. */
export const MAX_RECORDS = 500
/** Comment length in UTF-8 bytes. */
export const MAX_COMMENT_BYTES = 4000
/** Attributes per record. */
export const MAX_ATTRIBUTES = 50
/** Attribute key length in characters. */
export const MAX_ATTRIBUTE_KEY_LENGTH = 64
/** Attribute string value length in characters. */
export const MAX_ATTRIBUTE_VALUE_LENGTH = 256
/** Survey id length in characters. */
export const MAX_SURVEY_ID_LENGTH = 128
/** URL length in characters. */
export const MAX_URL_LENGTH = 2048
/** Length of trigger, locale, userId, anonymousId and sdk strings in characters. */
export const MAX_SHORT_STRING = 256

/**
 * Documented limits of wire format v1; a record beyond them is rejected, never truncated. Lengths
 * are in Unicode code points (characters), except the comment, which is in UTF-8 bytes. (Also
 * exported one by one, so the browser bundle carries only the few it checks.)
 */
export const WIRE_LIMITS = {
  records: MAX_RECORDS,
  commentBytes: MAX_COMMENT_BYTES,
  attributes: MAX_ATTRIBUTES,
  attributeKeyLength: MAX_ATTRIBUTE_KEY_LENGTH,
  attributeValueLength: MAX_ATTRIBUTE_VALUE_LENGTH,
  surveyIdLength: MAX_SURVEY_ID_LENGTH,
  urlLength: MAX_URL_LENGTH,
  shortString: MAX_SHORT_STRING,
} as const
