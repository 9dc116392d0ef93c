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

/** The JSON body, or a Slack-compatible `{ text }` (incoming webhooks, and tools that copy them). */
export function alertBody(format: 'json' | 'slack', payload: AlertPayload): string {
  if (format === 'json') return JSON.stringify(payload)
  const record = payload.record
  if (!record)
    return JSON.stringify({ text: `Koe: test alert for "${slackText(payload.endpoint)}"` })
  const who = record.userId ? ` from ${slackText(record.userId)}` : ''
  const comment = record.comment ? `\n> ${slackText(record.comment).replaceAll('\n', '\n> ')}` : ''
  return JSON.stringify({
    text: `Koe: ${record.type.toUpperCase()} ${record.score} (${payload.group}) on ${record.surveyId}${who}${comment}`,
  })
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

/** The summary's JSON body, or its Slack-compatible `{ text }`. */
export function summaryBody(format: 'json' | 'slack', payload: SummaryPayload): string {
  if (format === 'json') return JSON.stringify(payload)
  return JSON.stringify({
    text: `Koe: ${payload.heldBack} more alert${payload.heldBack === 1 ? ' was' : 's were'} held back for "${slackText(payload.endpoint)}" (more than ${payload.maxPerHour} an hour). The answers are in the dashboard's inbox.`,
  })
}
