import { afterEach, describe, expect, it } from 'vitest'
import { segmentValue } from '../../packages/koe-collector/src/collector/segment'
import { createApp } from '../../packages/koe-collector/src/server/create-app'
import { lastDays } from '../../packages/koe-collector/src/server/local-days'
import {
  compare,
  recordsSource,
  segments,
  summarize,
} from '../../packages/koe-collector/src/server/results'
import { ces, compareNps, nps } from '../../src/scoring'
import type { ResponseRecord, SurveyRecord } from '../../src/scoring/wire'
import { APP_FILES } from '../support/app-files'
import { recordMix } from '../support/record-mix'
import { displayRecord, responseRecord } from '../support/wire-records'
import { STORES, type TestStore } from './stores'

const responsesOf = (records: SurveyRecord[], surveyId: string) =>
  records.filter((r): r is ResponseRecord => r.kind === 'response' && r.surveyId === surveyId)

describe.each(STORES)(
  'results on %s, from the rollup (issue 15)',
  { timeout: 60_000 },
  (_name, open) => {
    let db: TestStore | undefined
    afterEach(async () => {
      await db?.close()
      db = undefined
    })

    it('scores each segment as koe/scoring scores its records, with rates in 0..1', async () => {
      db = await open()
      const records = recordMix(1_200, 21)
      await db.store.upsert(records)
      const nps = responsesOf(records, 'post-purchase-nps')
      const table = await segments(db.store, { surveyId: 'post-purchase-nps' }, 'trigger')
      expect(db.store.lastSource()).toBe('rollup')
      expect(table.rows.map((r) => r.segment).sort()).toEqual([
        '',
        'cart_abandoned',
        'exit_intent',
        'purchase_completed',
      ])
      for (const row of table.rows) {
        const inside = nps.filter((r) => segmentValue(r, 'trigger') === row.segment)
        const rest = nps.filter((r) => segmentValue(r, 'trigger') !== row.segment)
        const expected = nps_(inside.map((r) => r.score))
        expect(row).toMatchObject({
          n: expected.n,
          value: expected.score,
          interval: expected.interval,
        })
        const difference = compareNps(expected, nps_(rest.map((r) => r.score)))
        expect(row.versusRest.difference).toBeCloseTo(difference.difference as number, 9)
        expect(row.versusRest.p).toBeCloseTo(difference.p as number, 9)
        expect(row.responseRate).toBeGreaterThanOrEqual(0)
        expect((row.responseRate as number) + (row.dismissRate as number)).toBeLessThanOrEqual(1)
      }
    })

    it('summarizes a filter by touchpoint and attribute as koe/scoring does, and compares with the period before', async () => {
      db = await open()
      const records = recordMix(1_500, 22)
      await db.store.upsert(records)
      const query = {
        surveyId: 'cart-ces',
        from: '2026-11-16T00:00:00.000Z',
        until: '2026-11-30T00:00:00.000Z',
        where: [
          { dim: 'trigger' as const, value: 'cart_abandoned' },
          { dim: 'attr:plan' as const, value: 'pro' },
        ],
      }
      const inRange = (r: SurveyRecord, from: string, until: string) =>
        r.createdAt >= from &&
        r.createdAt < until &&
        query.where.every((c) => segmentValue(r, c.dim) === c.value)
      const summary = await summarize(db.store, query, 'week')
      const now = responsesOf(records, 'cart-ces').filter((r) =>
        inRange(r, query.from, query.until),
      )
      expect(summary.ces).toEqual(
        ces(
          now.map((r) => r.score),
          { scale: 5 },
        ),
      )
      expect(summary.scale).toBe(5)
      expect(summary.timeline.reduce((n, p) => n + p.n, 0)).toBe(now.length)
      const before = responsesOf(records, 'cart-ces').filter((r) =>
        inRange(r, '2026-11-02T00:00:00.000Z', query.from),
      )
      expect(summary.previous).toMatchObject({
        from: '2026-11-02T00:00:00.000Z',
        until: query.from,
        n: before.length,
        value: ces(
          before.map((r) => r.score),
          { scale: 5 },
        ).mean,
      })
      expect(summary.previous?.comparison.verdict).toMatch(/^[+−±]\d\.\d\d, /)
      // The same figures as a store without SQL counts them from its records.
      expect(await summarize(recordsSource(db.store), query, 'week')).toEqual(summary)
    })

    it('keeps a locale-filtered response rate consistent with the total', async () => {
      db = await open()
      const records = recordMix(1_000, 23)
      await db.store.upsert(records)
      const total = await summarize(db.store, { surveyId: 'post-purchase-nps' })
      let displays = 0
      let responses = 0
      for (const locale of total.locales) {
        const part = await summarize(db.store, {
          surveyId: 'post-purchase-nps',
          where: [{ dim: 'locale', value: locale }],
        })
        expect(part.responseRate).toBeLessThanOrEqual(1)
        displays += part.displays
        responses += part.responses
      }
      // Each locale's rate is of its own displays: together they are the total's, less the
      // records of older SDKs that did not say their locale.
      const unsaid = records.filter((r) => r.surveyId === 'post-purchase-nps' && !r.locale)
      expect(displays + unsaid.filter((r) => r.kind === 'display').length).toBe(total.displays)
      expect(responses + unsaid.filter((r) => r.kind === 'response').length).toBe(total.responses)
    })

    it('gives each period of the timeline its response and dismiss rates, a period without answers too', async () => {
      db = await open()
      const day = (d: number, hour = 9) =>
        `2026-11-${String(d).padStart(2, '0')}T0${hour}:00:00.000Z`
      const display = (at: string): SurveyRecord => ({ ...displayRecord(at), createdAt: at })
      const dismiss = (at: string): SurveyRecord => ({ ...displayRecord(at), kind: 'dismiss' })
      await db.store.upsert([
        // 11-20: four shown, two answered, one dismissed.
        ...[1, 2, 3, 4].map(() => display(day(20))),
        responseRecord({ score: 10, createdAt: day(20), updatedAt: day(20) }),
        responseRecord({ score: 2, createdAt: day(20), updatedAt: day(20) }),
        dismiss(day(20)),
        // 11-21: two shown, nobody answered.
        display(day(21)),
        display(day(21)),
        // 11-22: one shown and dismissed.
        display(day(22)),
        dismiss(day(22)),
      ])
      const summary = await summarize(db.store, { surveyId: 'post-purchase-nps', timeZone: 'UTC' })
      expect(
        summary.timeline.map(({ period, n, value, responseRate, dismissRate }) => ({
          period,
          n,
          value,
          responseRate,
          dismissRate,
        })),
      ).toEqual([
        { period: '2026-11-20', n: 2, value: 0, responseRate: 0.5, dismissRate: 0.25 },
        { period: '2026-11-21', n: 0, value: null, responseRate: 0, dismissRate: 0 },
        { period: '2026-11-22', n: 0, value: null, responseRate: 0, dismissRate: 1 },
      ])
    })

    it('serves segments and filtered exports over HTTP, and names a bad filter', async () => {
      db = await open()
      const records = recordMix(300, 24)
      await db.store.upsert(records)
      const app = createApp({ store: db.store, ...APP_FILES })
      const get = (path: string) => app(new Request(`http://127.0.0.1${path}`))
      const table = await (
        await get('/api/segments?surveyId=post-purchase-nps&dim=attr:plan&where=device=mobile')
      ).json()
      expect(table.rows.map((r: { segment: string }) => r.segment).sort()).toEqual(['free', 'pro'])
      const exported = (
        await (await get('/export.ndjson?surveyId=cart-ces&where=attr:beta=true')).text()
      )
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
      const expected = records.filter(
        (r) => r.surveyId === 'cart-ces' && r.attributes?.beta === true,
      )
      expect(exported.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort())
      for (const bad of ['where=size=3', 'where=trigger', 'days=0', 'group=happy', 'dim=colour']) {
        const dim = bad.startsWith('dim=') ? '' : '&dim=device'
        const response = await get(`/api/segments?surveyId=post-purchase-nps${dim}&${bad}`)
        expect(response.status, bad).toBe(400)
      }
    })
  },
)

/** koe/scoring's nps, under a name that does not shadow the test's variables. */
const nps_ = nps

describe('comparisons in words', () => {
  it('says likely real, could be chance, or not enough answers yet', () => {
    const counts = (promoters: number, passives: number, detractors: number) => {
      const c = new Array(11).fill(0)
      c[10] = promoters
      c[7] = passives
      c[0] = detractors
      return c
    }
    expect(compare('nps', counts(60, 20, 20), counts(30, 30, 40)).verdict).toBe('+50, likely real')
    expect(compare('nps', counts(35, 30, 35), counts(33, 30, 37)).verdict).toMatch(
      /^\+4, could be chance \(p = 0\.\d\d\)$/,
    )
    expect(compare('nps', counts(5, 2, 1), counts(1, 2, 5)).verdict).toBe(
      '+100, not enough answers yet to tell',
    )
    expect(compare('nps', counts(0, 0, 0), counts(1, 2, 5))).toMatchObject({
      difference: null,
      verdict: 'not enough answers yet to tell',
    })
  })
})

describe('lastDays', () => {
  it('is whole local days, today included', () => {
    const now = Date.parse('2026-11-30T16:00:00Z') // 01:00 on 1 December in Tokyo
    expect(lastDays(30, 'Asia/Tokyo', now)).toEqual({
      from: '2026-11-01T15:00:00.000Z',
      until: '2026-12-01T15:00:00.000Z',
    })
    expect(lastDays(7, 'UTC', now)).toEqual({
      from: '2026-11-24T00:00:00.000Z',
      until: '2026-12-01T00:00:00.000Z',
    })
    // New York leaves summer time on 1 November 2026: that day has 25 hours.
    expect(lastDays(2, 'America/New_York', Date.parse('2026-11-02T12:00:00Z'))).toEqual({
      from: '2026-11-01T04:00:00.000Z',
      until: '2026-11-03T05:00:00.000Z',
    })
  })
})
