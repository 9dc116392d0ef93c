// Goals (issue 33) on PGlite and PostgreSQL: a survey's target score is set, read back in its
// summary (which the timeline draws), replaced, cleared; a target that is no score is a 400.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SurveySummary } from '../../packages/koe-collector/src/contract/results'
import { createApp } from '../../packages/koe-collector/src/server/create-app'
import { APP_FILES } from '../support/app-files'
import { responseRecord } from '../support/wire-records'
import { STORES, type TestStore } from './stores'

describe.each(STORES)('goals on %s', (_name, open) => {
  let db: TestStore
  let app: ReturnType<typeof createApp>
  beforeEach(async () => {
    db = await open()
    app = createApp({ store: db.store, sql: db.sql, ...APP_FILES })
  })
  afterEach(() => db.close())

  const put = async (surveyId: string, body: unknown) => {
    const res = await app(
      new Request(`http://127.0.0.1/api/goals/${surveyId}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    )
    return { status: res.status, json: (await res.json()) as Record<string, unknown> }
  }
  const goal = async (surveyId: string) => {
    const res = await app(new Request(`http://127.0.0.1/api/summary?surveyId=${surveyId}`))
    return ((await res.json()) as SurveySummary).goal
  }

  it('sets, replaces and clears a survey’s goal, which its summary carries', async () => {
    await db.store.upsert([responseRecord({ score: 9 })])
    expect(await goal('post-purchase-nps')).toBeNull()
    expect(await put('post-purchase-nps', { target: 40 })).toEqual({
      status: 200,
      json: { surveyId: 'post-purchase-nps', goal: 40 },
    })
    expect(await goal('post-purchase-nps')).toBe(40)
    await put('post-purchase-nps', { target: 55.5 })
    expect(await goal('post-purchase-nps')).toBe(55.5)
    // Another survey's goal is its own.
    expect(await goal('support-nps')).toBeNull()
    await put('post-purchase-nps', { target: null })
    expect(await goal('post-purchase-nps')).toBeNull()
  })

  it('answers a target that is no score with a 400', async () => {
    for (const target of [101, -101, '40', undefined, [40]])
      expect((await put('post-purchase-nps', { target })).status, String(target)).toBe(400)
    expect(await goal('post-purchase-nps')).toBeNull()
  })
})
