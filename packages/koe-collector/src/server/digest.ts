import type { SqlClient } from '../collector/sql-store'
import type { Digest, DigestSurvey } from '../contract/digest'
import { createInbox } from './inbox'
import { type JourneySources, journey } from './journey'
import { lastPeriod } from './local-days'
import { createOutcomes } from './outcomes'
import { rankThemesYielding } from './themes'

/** Comments a survey's themes are read from, at most: the period's latest. */
const THEME_COMMENTS = 2_000

/**
 * The digest of the last whole day, or week from Monday to Sunday, before today in the reporting
 * zone (issue 33): every survey's score, answers, response rate and change against the period
 * before (from the journey view), its top themes, the new detractors to contact, the relationship
 * NPS, and the loyalty difference where outcomes exist. `now` is the clock's, for tests.
 */
export async function digest(
  sources: JourneySources,
  sql: SqlClient,
  period: 'day' | 'week',
  now = Date.now(),
): Promise<Digest> {
  const timeZone = await sources.results.zone()
  const { from, until } = lastPeriod(period, timeZone, now)
  const range = { from, until }
  const inbox = createInbox(sql)
  const outcomes = createOutcomes(sql)
  const [{ touchpoints, relationship }, loyalty] = await Promise.all([
    journey(sources, range),
    mostCommonOutcome(sql).then(async (outcome) => {
      if (!outcome) return null
      const result = await outcomes.loyalty({ outcome, days: 90 })
      return { outcome, ...result.difference }
    }),
  ])
  const surveys: DigestSurvey[] = []
  for (const row of touchpoints
    .flatMap((t) => t.surveys)
    .sort((a, b) => b.responses - a.responses || (a.surveyId < b.surveyId ? -1 : 1))) {
    if (row.responses === 0 && row.status !== 'live') continue
    const filter = { surveyId: row.surveyId, ...range }
    const [comments, detractors] = await Promise.all([
      inbox.comments(filter, THEME_COMMENTS),
      inbox.list({
        ...filter,
        group: row.type === 'ces' ? 'hard' : 'detractor',
        status: 'new',
        limit: 5,
      }),
    ])
    const ranked = await rankThemesYielding(comments, 3)
    surveys.push({
      ...row,
      themes: {
        negative: ranked.negative.map((t) => t.term),
        positive: ranked.positive.map((t) => t.term),
      },
      toContact: detractors.map(({ id, score, comment, userId, createdAt }) => ({
        id,
        score,
        comment,
        userId,
        createdAt,
      })),
    })
  }
  return { period, from, until, timeZone, relationship, surveys, loyalty }
}

/** The outcome most recorded, or `null` without outcomes. */
async function mostCommonOutcome(sql: SqlClient): Promise<string | null> {
  const { rows } = await sql.query<{ name: string }>(
    'SELECT name FROM koe_outcomes GROUP BY name ORDER BY count(*) DESC, name LIMIT 1',
  )
  return rows[0]?.name ?? null
}
