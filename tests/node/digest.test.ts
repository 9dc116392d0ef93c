// The digest (issue 33) on PGlite and PostgreSQL: on known data, its week is exact: each survey's
// score, answers, response rate and change against the week before, its themes, the detractors to
// contact, the relationship NPS, and the loyalty difference once outcomes exist.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../packages/koe-collector/src/server/create-app'
import { digest } from '../../packages/koe-collector/src/server/digest'
import type { JourneySources } from '../../packages/koe-collector/src/server/journey'
import { sqlJourneySources } from '../../packages/koe-collector/src/server/sql-journey-sources'
import { compareNps, nps } from '../../src/scoring'
import { APP_FILES } from '../support/app-files'
import { displayRecord, responseRecord } from '../support/wire-records'
import { STORES, type TestStore } from './stores'

/** Monday 7 December 2026, 10:00 UTC: the week is 30 November to 7 December. */
const NOW = Date.parse('2026-12-07T10:00:00.000Z')
const at = (day: string) => `2026-${day}T12:00:00.000Z`

describe.each(STORES)('the digest on %s', (_name, open) => {
  let db: TestStore
  let sources: JourneySources
  beforeEach(async () => {
    db = await open()
    sources = sqlJourneySources(db.store, db.sql)
  })
  afterEach(() => db.close())

  it('gives each survey’s week exactly, with the week before, the themes and who to contact', async () => {
    const answer = (day: string, userId: string, score: number, comment: string) =>
      responseRecord({ userId, score, comment, createdAt: at(day), updatedAt: at(day) })
    await db.store.upsert([
      // The week: two promoters, two detractors, of eight prompts shown.
      ...Array.from({ length: 8 }, () => displayRecord(at('12-01'))),
      answer('12-01', 'u-1', 10, 'fast delivery'),
      answer('12-02', 'u-2', 9, 'fast delivery and great beans'),
      answer('12-03', 'u-3', 2, 'slow delivery'),
      answer('12-04', 'u-4', 0, 'slow delivery and a broken box'),
      // The week before: two promoters. Today: not in the digest yet.
      answer('11-24', 'u-5', 10, 'great'),
      answer('11-25', 'u-6', 10, 'great'),
      answer('12-07', 'u-7', 0, 'too late for the digest'),
    ])
    const week = await digest(sources, db.sql, 'week', NOW)
    expect(week).toMatchObject({
      period: 'week',
      from: '2026-11-30T00:00:00.000Z',
      until: '2026-12-07T00:00:00.000Z',
      loyalty: null,
    })
    const expected = nps([10, 9, 2, 0])
    expect(week.relationship).toEqual({
      score: expected.score,
      n: 4,
      interval: expected.interval,
      answers: 4,
    })
    expect(week.surveys).toHaveLength(1)
    const [survey] = week.surveys
    const change = compareNps(expected, nps([10, 10]))
    expect(survey).toMatchObject({
      surveyId: 'post-purchase-nps',
      n: 4,
      value: 0,
      interval: expected.interval,
      responses: 4,
      responseRate: 0.5,
      trend: { difference: change.difference, p: change.p },
    })
    expect(survey?.trend?.verdict).toBe('−100, not enough answers yet to tell')
    // The detractors of the week with a comment, newest first; today's is tomorrow's digest.
    expect(survey?.toContact.map((c) => [c.userId, c.score, c.comment])).toEqual([
      ['u-4', 0, 'slow delivery and a broken box'],
      ['u-3', 2, 'slow delivery'],
    ])
    expect(survey?.themes.negative[0]).toMatch(/slow/)
    expect(survey?.themes.positive[0]).toMatch(/fast/)

    // Once the shop's orders are in, the loyalty difference comes with it.
    const app = createApp({ store: db.store, sql: db.sql, ...APP_FILES })
    await app(
      new Request('http://127.0.0.1/api/outcomes', {
        method: 'POST',
        body: JSON.stringify({ userId: 'u-1', name: 'purchase', at: at('12-05'), id: 'o-1' }),
      }),
    )
    const withOrders = await digest(sources, db.sql, 'week', NOW)
    expect(withOrders.loyalty).toMatchObject({ outcome: 'purchase' })
    expect(withOrders.loyalty?.verdict).toMatch(/not enough answers yet/)
    // Over HTTP: the same shape, and a bad period is a 400.
    const res = await app(new Request('http://127.0.0.1/api/digest?period=day'))
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ period: 'day', surveys: expect.any(Array) })
    expect((await app(new Request('http://127.0.0.1/api/digest?period=month'))).status).toBe(400)
  })
})
