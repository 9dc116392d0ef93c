// The journey view (issue 31) on PGlite and PostgreSQL, and on a custom store: every survey side by
// side by touchpoint, with the results page's filters, and the relationship NPS across all NPS
// surveys with each person counted once, by their latest answer in the range.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SqlClient } from '../../packages/koe-collector/src/collector/sql-store'
import type { Store } from '../../packages/koe-collector/src/collector/store'
import type { JourneyResult } from '../../packages/koe-collector/src/contract/journey'
import { createApp } from '../../packages/koe-collector/src/server/create-app'
import { createSurveyLibrary } from '../../packages/koe-collector/src/server/survey-library'
import { nps } from '../../src/scoring'
import type { SurveyRecord } from '../../src/scoring/wire'
import { APP_FILES } from '../support/app-files'
import { displayRecord, responseRecord } from '../support/wire-records'
import { STORES } from './stores'

const AT = '2026-11-20T10:00:00.000Z'
const LATER = '2026-11-25T10:00:00.000Z'
const BEFORE = '2026-10-10T10:00:00.000Z'

/**
 * Two NPS touchpoints and a CES one. Person u-1 answers post-purchase (3) then support (10): once
 * in the relationship NPS, as a promoter. A device answers post-purchase anonymously (6) and later
 * support with user id u-2 (9): one person, a promoter. u-3 answers support 8 only. An old SDK's
 * answer without any id is a person of its own (0). A CES answer never counts.
 */
function records(): SurveyRecord[] {
  const device = '0195c000-0000-7000-8000-00000000dd01'
  return [
    displayRecord(AT),
    displayRecord(AT),
    displayRecord(AT),
    displayRecord(AT),
    responseRecord({ userId: 'u-1', score: 3, createdAt: AT, updatedAt: AT }),
    responseRecord({
      surveyId: 'support-nps',
      trigger: 'ticket_closed',
      userId: 'u-1',
      score: 10,
      createdAt: LATER,
      updatedAt: LATER,
    }),
    responseRecord({ anonymousId: device, score: 6, createdAt: AT, updatedAt: AT }),
    responseRecord({
      surveyId: 'support-nps',
      trigger: 'ticket_closed',
      userId: 'u-2',
      anonymousId: device,
      score: 9,
      createdAt: LATER,
      updatedAt: LATER,
    }),
    responseRecord({
      surveyId: 'support-nps',
      trigger: 'ticket_closed',
      userId: 'u-3',
      score: 8,
      createdAt: LATER,
      updatedAt: LATER,
      device: 'mobile',
    }),
    responseRecord({ score: 0, createdAt: AT, updatedAt: AT }),
    responseRecord({
      surveyId: 'checkout-ces',
      type: 'ces',
      score: 6,
      userId: 'u-9',
      createdAt: AT,
      updatedAt: AT,
    }),
    // Before the range: the period before, for the trend; not in the relationship NPS.
    responseRecord({ userId: 'u-1', score: 10, createdAt: BEFORE, updatedAt: BEFORE }),
  ]
}

const RANGE = 'from=2026-11-01T00:00:00.000Z&until=2026-12-01T00:00:00.000Z'

describe.each(STORES)('the journey view on %s', (_name, open) => {
  let close: () => Promise<void>
  let app: ReturnType<typeof createApp>
  let sql: SqlClient
  let store: Store
  beforeEach(async () => {
    const db = await open()
    close = db.close
    sql = db.sql
    store = db.store
    app = createApp({ store: db.store, sql: db.sql, ...APP_FILES })
  })
  afterEach(() => close())

  const get = async (query: string) => {
    const res = await app(new Request(`http://127.0.0.1/api/journey?${query}`))
    return { status: res.status, json: (await res.json()) as JourneyResult & { error?: string } }
  }

  it('puts every survey beside the others by touchpoint and counts each person once in the relationship NPS', async () => {
    const library = createSurveyLibrary(sql)
    const author = { author: 'Ana', note: '' }
    await library.create(
      { id: 'support-nps', type: 'nps', trigger: { event: 'ticket_closed' } },
      author,
    )
    await library.publish('support-nps', author)
    await library.create(
      {
        id: 'post-purchase-nps',
        type: 'nps',
        trigger: { preset: 'post-purchase' },
        question: { ja: '友人に勧めますか？', en: 'Would you recommend our beans?' },
      },
      author,
    )
    await library.publish('post-purchase-nps', author)
    // A draft is not in the journey yet.
    await library.create({ id: 'draft-nps', type: 'nps', trigger: { event: 'x' } }, author)
    await store.upsert(records())

    const { status, json } = await get(RANGE)
    expect(status).toBe(200)
    // Four people: u-1 (10), the device of u-2 (9), u-3 (8), the id-less answer (0).
    const expected = nps([10, 9, 8, 0])
    expect(json.relationship).toEqual({
      score: expected.score,
      n: 4,
      interval: expected.interval,
      answers: 6,
    })
    expect(json.relationship.score).toBe(25)
    expect(json.touchpoints.map((t) => t.touchpoint)).toEqual([
      'post-purchase',
      'ticket_closed',
      '',
    ])
    const [purchase, support, other] = json.touchpoints
    expect(purchase?.surveys).toEqual([
      {
        surveyId: 'post-purchase-nps',
        touchpoint: 'post-purchase',
        status: 'live',
        // Its own question, in English though Japanese comes first.
        question: 'Would you recommend our beans?',
        type: 'nps',
        n: 3,
        value: nps([3, 6, 0]).score,
        interval: nps([3, 6, 0]).interval,
        responses: 3,
        responseRate: 0.75,
        trend: expect.objectContaining({ difference: (nps([3, 6, 0]).score as number) - 100 }),
      },
    ])
    expect(support?.surveys[0]).toMatchObject({
      surveyId: 'support-nps',
      n: 3,
      status: 'live',
      question: null,
    })
    // A survey known only by its records: no touchpoint, no status.
    expect(other?.surveys[0]).toMatchObject({
      surveyId: 'checkout-ces',
      type: 'ces',
      status: null,
      touchpoint: '',
    })

    // The results page's filters hold: on mobile only u-3 answered.
    const mobile = await get(`${RANGE}&where=device=mobile`)
    expect(mobile.json.relationship).toMatchObject({ n: 1, score: 0, answers: 1 })
    // Without a range start there is no period before, so no trend.
    const all = await get('')
    expect(all.json.touchpoints[0]?.surveys[0]?.trend).toBeNull()
    expect(all.json.relationship.answers).toBe(7)
    expect((await get('days=0')).status).toBe(400)
  })
})

describe('the journey view on a custom store', () => {
  it('counts the relationship NPS from the records, the same as SQL does', async () => {
    const held: SurveyRecord[] = []
    const store: Store = {
      async upsert(list) {
        held.push(...list)
        return { accepted: list.length, duplicates: 0 }
      },
      async records(filter = {}) {
        return held
          .filter(
            (r) =>
              (!filter.kind || r.kind === filter.kind) &&
              (!filter.surveyId || r.surveyId === filter.surveyId) &&
              (!filter.from || r.createdAt >= filter.from) &&
              (!filter.until || r.createdAt < filter.until),
          )
          .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))
      },
      async surveyIds() {
        return [...new Set(held.map((r) => r.surveyId))].sort()
      },
    }
    await store.upsert(records())
    const app = createApp({ store, ...APP_FILES })
    const res = await app(new Request(`http://127.0.0.1/api/journey?${RANGE}`))
    const json = (await res.json()) as JourneyResult
    expect(json.relationship).toMatchObject({ score: 25, n: 4, answers: 6 })
    expect(json.touchpoints.flatMap((t) => t.surveys.map((s) => s.surveyId)).sort()).toEqual([
      'checkout-ces',
      'post-purchase-nps',
      'support-nps',
    ])
  })
})
