import type { Report, ScoreChange } from '../../contract/alerts'
import type { Digest } from '../../contract/digest'
import { signed } from '../results'
import { type AlertFormat, asText, textFor } from './alert-message'
import { count } from './plural'

/** A report as an endpoint gets it: the idempotency key and the endpoint's name beside it. */
export interface ReportPayload {
  /** The idempotency key: the report's key and the endpoint id. */
  id: string
  endpoint: string
  report: Report
}

/** A score as the dashboard writes it: NPS `+12`, CES `5.40`, `–` without answers. */
const scoreText = (measure: 'nps' | 'ces', value: number | null) =>
  value === null ? '–' : measure === 'nps' ? signed(value, 0).replace('±', '') : value.toFixed(2)

/** The days `[from, until)` in the zone: "30 Nov – 6 Dec 2026", or one day. */
function daysText(from: string, until: string, timeZone: string): string {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  })
  const first = format.format(Date.parse(from))
  const last = format.format(Date.parse(until) - 1)
  return first === last ? first : `${first} – ${last}`
}

function digestText(
  { period, from, until, timeZone, relationship, surveys, loyalty }: Digest,
  shown: (text: string) => string,
) {
  const lines = [
    `Koe ${period === 'week' ? 'weekly' : 'daily'} digest, ${daysText(from, until, timeZone)} (${timeZone})`,
  ]
  if (relationship.n)
    lines.push(
      `Relationship NPS ${scoreText('nps', relationship.score)} (${count(relationship.n, 'person', 'people')})`,
    )
  for (const s of surveys) {
    const measure = s.type ?? 'nps'
    const parts = [
      `${measure.toUpperCase()} ${scoreText(measure, s.value)}`,
      count(s.responses, 'answer', 'answers'),
    ]
    if (s.responseRate !== null) parts.push(`${Math.round(s.responseRate * 100)} % answered`)
    if (s.trend) parts.push(`against the ${period} before: ${s.trend.verdict}`)
    const themes = s.themes.negative.length
      ? ` Unhappy customers mention ${s.themes.negative.join(', ')}.`
      : ''
    const contact = s.toContact.length
      ? ` ${count(s.toContact.length, 'detractor', 'detractors')} to contact.`
      : ''
    lines.push(`• ${shown(s.surveyId)}: ${parts.join(', ')}.${shown(themes)}${contact}`)
  }
  if (!surveys.length) lines.push('No answers, and no live survey.')
  if (loyalty)
    lines.push(
      `Promoters − detractors with a ${shown(loyalty.outcome)} within 90 days: ${loyalty.verdict}`,
    )
  return lines.join('\n')
}

function changeText(
  { surveyId, measure, recent, baseline, change }: ScoreChange,
  shown: (text: string) => string,
) {
  const interval = change.interval
    ? ` (95 % interval ${signed(change.interval[0], measure === 'nps' ? 0 : 2)} to ${signed(change.interval[1], measure === 'nps' ? 0 : 2)})`
    : ''
  return (
    `Koe: the ${measure.toUpperCase()} of ${shown(surveyId)} moved ${signed(change.difference ?? 0, measure === 'nps' ? 0 : 2)}${interval}: ` +
    `${scoreText(measure, recent.value)} over the last 7 days (${count(recent.n, 'answer', 'answers')}) against ` +
    `${scoreText(measure, baseline.value)} over the 28 days before (${count(baseline.n, 'answer', 'answers')}).`
  )
}

/** The JSON body (the report with `id` and `endpoint`), or its text (Slack `{ text }`, e-mail). */
export function reportBody(format: AlertFormat, payload: ReportPayload): string {
  const { report } = payload
  if (format === 'json')
    return JSON.stringify({ ...report, id: payload.id, endpoint: payload.endpoint })
  const shown = textFor(format)
  return asText(
    format,
    report.type === 'koe.digest' ? digestText(report.digest, shown) : changeText(report, shown),
  )
}
