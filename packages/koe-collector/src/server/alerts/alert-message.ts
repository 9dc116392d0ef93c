import { scoreGroup } from '../../../../../src/config/score-groups'
import type { ScoreGroup } from '../../../../../src/config/survey'
import type { ResponseRecord } from '../../../../../src/scoring/wire'

/** The body of an alert: what an endpoint needs to act, the whole answer included. */
export interface AlertPayload {
  type: 'koe.alert'
  /** The idempotency key: record id and endpoint id. A receiver that saw it already can skip it. */
  id: string
  /** A test sent from the dashboard: no answer behind it. */
  test: boolean
  /** The endpoint's name, as the dashboard shows it. */
  endpoint: string
  group: ScoreGroup | null
  /** The answer as stored: the latest version, its comment included when one came. */
  record: ResponseRecord | null
}

/** An answer's group, as the prompt and `koe/scoring` define it. */
export function groupOf(record: ResponseRecord): ScoreGroup {
  const top = record.type === 'nps' ? 10 : (record.scale ?? 7)
  return scoreGroup(record.type, record.score, top)
}

/**
 * Text as Slack shows it, not as it reads it: `&`, `<` and `>` are its control characters
 * (`<!channel>` pings everyone, `<https://…|label>` is a link), so a customer's comment or a
 * user id escapes them, as Slack's formatting guide asks.
 */
export const slackText = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

/** How an endpoint takes its alerts: JSON, Slack's `{ text }`, or an e-mail's plain text. */
export type AlertFormat = 'json' | 'slack' | 'email'

/** Text as it goes out: escaped for Slack, as it is in an e-mail. */
export const textFor = (format: AlertFormat) =>
  format === 'slack' ? slackText : (text: string) => text

/** The body in the endpoint's format: JSON, or as text (Slack `{ text }`, or an e-mail's). */
export function asText(format: AlertFormat, text: string): string {
  return format === 'email' ? text : JSON.stringify({ text })
}

/** The JSON body, a Slack-compatible `{ text }` (incoming webhooks, and tools that copy them), or an e-mail's text. */
export function alertBody(format: AlertFormat, payload: AlertPayload): string {
  if (format === 'json') return JSON.stringify(payload)
  const shown = textFor(format)
  const record = payload.record
  if (!record) return asText(format, `Koe: test alert for "${shown(payload.endpoint)}"`)
  const who = record.userId ? ` from ${shown(record.userId)}` : ''
  const comment = record.comment ? `\n> ${shown(record.comment).replaceAll('\n', '\n> ')}` : ''
  return asText(
    format,
    `Koe: ${record.type.toUpperCase()} ${record.score} (${payload.group}) on ${record.surveyId}${who}${comment}`,
  )
}

/** The one alert that stands for those an endpoint's hourly cap held back (issue 27). */
export interface SummaryPayload {
  type: 'koe.alert.summary'
  /** The idempotency key. */
  id: string
  endpoint: string
  /** How many alerts were held back. */
  heldBack: number
  maxPerHour: number
}

/** The summary's JSON body, or its text. */
export function summaryBody(format: AlertFormat, payload: SummaryPayload): string {
  if (format === 'json') return JSON.stringify(payload)
  return asText(
    format,
    `Koe: ${payload.heldBack} more alert${payload.heldBack === 1 ? ' was' : 's were'} held back for "${textFor(format)(payload.endpoint)}" (more than ${payload.maxPerHour} an hour). The answers are in the dashboard's inbox.`,
  )
}
