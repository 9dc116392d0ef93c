// Surveys edited in the dashboard (issue 14), on PGlite and PostgreSQL: versions, conflicts,
// publish, pause and roll back, preview keys, and /surveys.json as sites read it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SqlClient } from '../../packages/koe-collector/src/collector'
import { createApp } from '../../packages/koe-collector/src/server/create-app'
import { seedSurveys } from '../../packages/koe-collector/src/server/seed-surveys'
import {
  createSurveyLibrary,
  type SurveyLibrary,
} from '../../packages/koe-collector/src/server/survey-library'
import type { Survey } from '../../src/config/survey'
import { APP_FILES } from '../support/app-files'
import { displayRecord, responseRecord } from '../support/wire-records'
import { STORES, type TestStore } from './stores'

const ces: Survey = {
  id: 'cart-ces',
  type: 'ces',
  question: { en: 'How easy was it?', ja: '簡単でしたか？' },
  trigger: { preset: 'cart-abandonment' },
}
const nps: Survey = {
  id: 'post-purchase',
  type: 'nps',
  trigger: { event: 'purchase_completed', delay: 2000 },
  audience: { sample: 0.1 },
}
const ana = { author: 'Ana', note: 'first draft' }

describe.each(STORES)('the survey library on %s', (_, open) => {
  let db: TestStore
  let library: SurveyLibrary
  beforeEach(async () => {
    db = await open()
    library = createSurveyLibrary(db.sql)
  })
  afterEach(() => db.close())

  it('keeps every version with its author and note, and refuses a save not based on the latest', async () => {
    expect(await library.create(ces, ana)).toEqual({ ok: true, version: 1 })
    expect((await library.create(ces, ana)).ok).toBe(false)
    const edited = { ...ces, question: 'Was it easy?' }
    expect(
      await library.save('cart-ces', edited, { author: 'Ken', note: 'shorter', baseVersion: 1 }),
    ).toEqual({ ok: true, version: 2 })
    // Ana still has version 1 open: her save would silently undo Ken's.
    expect(
      await library.save('cart-ces', { ...ces, priority: 2 }, { ...ana, baseVersion: 1 }),
    ).toEqual({ ok: false, reason: 'conflict', latestVersion: 2 })
    const survey = await library.get('cart-ces')
    expect(survey?.status).toBe('draft')
    expect(survey?.definition).toEqual(edited)
    expect(survey?.versions.map((v) => [v.version, v.author, v.note])).toEqual([
      [2, 'Ken', 'shorter'],
      [1, 'Ana', 'first draft'],
    ])
    // Stored as the editor's JSON text: the keys keep their order.
    expect(Object.keys(survey?.versions[1]?.definition ?? {})).toEqual(Object.keys(ces))
  })

  it('stores nothing the SDK would refuse, naming each field', async () => {
    const bad = {
      ...ces,
      question: '',
      trigger: { pageview: { regex: '(' }, delay: -1 },
      audience: { sample: 2 },
    }
    const result = await library.create(bad, { author: '' })
    expect(result.ok).toBe(false)
    if (result.ok || result.reason !== 'invalid') throw new Error('expected field errors')
    expect(result.errors.map((e) => e.field).sort()).toEqual(
      ['audience.sample', 'author', 'question', 'trigger.delay', 'trigger.pageview'].sort(),
    )
    expect(await library.list()).toEqual([])
    await library.create(ces, ana)
    const renamed = await library.save(
      'cart-ces',
      { ...ces, id: 'other' },
      { ...ana, baseVersion: 1 },
    )
    expect(renamed.ok || renamed.reason === 'invalid' ? renamed : null).toMatchObject({
      errors: [{ field: 'id' }],
    })
  })

  it('serves the published version of live surveys only; pause and roll back take effect', async () => {
    await library.create(ces, ana)
    await library.create(nps, ana)
    expect(JSON.parse(await library.liveJson())).toEqual([])
    await library.publish('cart-ces', ana)
    expect(JSON.parse(await library.liveJson())).toEqual([ces])
    // A saved change is a draft until published.
    const v2 = { ...ces, question: 'Version two' }
    await library.save('cart-ces', v2, { ...ana, baseVersion: 1 })
    expect(JSON.parse(await library.liveJson())).toEqual([ces])
    await library.publish('cart-ces', ana)
    expect(JSON.parse(await library.liveJson())).toEqual([v2])
    await library.pause('cart-ces', ana)
    expect(JSON.parse(await library.liveJson())).toEqual([])
    expect((await library.pause('cart-ces', ana)).ok).toBe(false)
    await library.publish('cart-ces', ana, 1)
    expect(JSON.parse(await library.liveJson())).toEqual([ces])
    const survey = await library.get('cart-ces')
    expect(survey?.publishedVersion).toBe(1)
    expect(survey?.log.map((e) => [e.action, e.version])).toEqual([
      ['rolled back', 1],
      ['paused', 2],
      ['published', 2],
      ['saved', 2],
      ['published', 1],
      ['created', 1],
    ])
    expect((await library.publish('cart-ces', ana, 9)).ok).toBe(false)
  })

  it('refuses a regex that could backtrack, and never serves one saved before that rule', async () => {
    const risky = { ...nps, audience: { url: [{ regex: '^(a+)+$' }] } }
    const refused = await library.create(risky, ana)
    expect(refused).toMatchObject({ ok: false, reason: 'invalid' })
    await library.create(nps, ana)
    await library.publish('post-purchase', ana)
    expect(JSON.parse(await library.liveJson())).toEqual([nps])
    // A version stored by an earlier release, before patterns were checked.
    await db.sql.query('UPDATE koe_survey_versions SET definition = $1 WHERE survey_id = $2', [
      JSON.stringify(risky),
      'post-purchase',
    ])
    expect(JSON.parse(await library.liveJson())).toEqual([])
  })

  it('shows a draft to a preview key only, with its sample lifted and the preview mark', async () => {
    await library.create(nps, ana)
    const key = await library.createPreview('post-purchase')
    expect(key).toMatch(/^[\w-]{22}$/)
    const { sample: _, ...audience } = nps.audience ?? {}
    expect(JSON.parse(await library.liveJson(key ?? ''))).toEqual([
      { ...nps, audience, preview: true },
    ])
    expect(JSON.parse(await library.liveJson())).toEqual([])
    expect(JSON.parse(await library.liveJson('guessed-key-0000000000'))).toEqual([])
    await db.sql.query(`UPDATE koe_survey_previews SET expires_at = now() - interval '1 second'`)
    expect(JSON.parse(await library.liveJson(key ?? ''))).toEqual([])
    expect(await library.createPreview('missing')).toBeNull()
    // Making a new key removes the expired ones.
    await library.createPreview('post-purchase')
    const { rows } = await db.sql.query('SELECT key FROM koe_survey_previews')
    expect(rows.map((r) => r.key)).not.toContain(key)
    expect(rows).toHaveLength(1)
  })

  it('imports a survey file once, into a library that never held a survey', async () => {
    const problems: string[] = []
    const file = new URL('../../examples/surveys.json', import.meta.url).pathname
    expect(await seedSurveys(library, file, (p) => problems.push(p))).toBe(4)
    expect(problems).toEqual([])
    expect(JSON.parse(await library.liveJson()).map((s: Survey) => s.id)).toEqual([
      'cart-abandonment-ces',
      'onboarding-ces',
      'post-purchase-nps',
      'pricing-nps',
    ])
    await library.archive('pricing-nps', ana)
    expect(await seedSurveys(library, file, () => {})).toBe(0)
    expect(JSON.parse(await library.liveJson())).toHaveLength(3)
  })
})

describe.each(STORES)('GET /surveys.json and the editor API on %s', (_, open) => {
  let db: TestStore
  /** The database, which a test can make fail as if it were unreachable. */
  let down = false
  const TOKEN = 'x'.repeat(32)
  let app: ReturnType<typeof createApp>
  beforeEach(async () => {
    db = await open()
    down = false
    const sql: SqlClient = {
      query: (text, params) =>
        down ? Promise.reject(new Error('connection refused')) : db.sql.query(text, params),
    }
    app = createApp({
      store: db.store,
      sql,
      ...APP_FILES,
      token: TOKEN,
      allowedOrigins: ['https://shop.example'],
    })
  })
  afterEach(() => db.close())

  const editor = (path: string, method = 'GET', body?: unknown) =>
    app(
      new Request(`http://127.0.0.1${path}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    )
  const site = (headers: Record<string, string> = {}) =>
    app(new Request('http://127.0.0.1/surveys.json', { headers }))

  it('answers with an ETag, 304 when unchanged, a new ETag after pause and roll back, CORS for allowed origins', async () => {
    expect((await editor('/api/library', 'POST', { definition: ces, ...ana })).status).toBe(201)
    expect((await editor('/api/library/cart-ces/publish', 'POST', ana)).status).toBe(200)
    const first = await site({ origin: 'https://shop.example' })
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual([ces])
    expect(first.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    expect(first.headers.get('cache-control')).toBe('public, max-age=60')
    const etag = first.headers.get('etag') ?? ''
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(
      (await site({ origin: 'https://evil.example' })).headers.has('access-control-allow-origin'),
    ).toBe(false)
    const again = await site({ 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')

    await editor('/api/library/cart-ces/pause', 'POST', ana)
    const paused = await site({ 'if-none-match': etag })
    expect(paused.status).toBe(200)
    expect(await paused.json()).toEqual([])
    const pausedTag = paused.headers.get('etag')
    expect(pausedTag).not.toBe(etag)

    const v2 = { ...ces, question: 'v2' }
    expect(
      (await editor('/api/library/cart-ces', 'PUT', { definition: v2, ...ana, baseVersion: 1 }))
        .status,
    ).toBe(200)
    await editor('/api/library/cart-ces/publish', 'POST', ana)
    expect(await (await site()).json()).toEqual([v2])
    await editor('/api/library/cart-ces/publish', 'POST', { ...ana, version: 1 })
    const rolledBack = await site({ 'if-none-match': `${pausedTag}, W/${etag}` })
    expect(rolledBack.status).toBe(304)
  })

  it('keeps serving the last set when the database is unreachable, and the editor says why it cannot save', async () => {
    await editor('/api/library', 'POST', { definition: ces, ...ana })
    await editor('/api/library/cart-ces/publish', 'POST', ana)
    const served = await (await site()).text()
    down = true
    const blink = await site()
    expect(blink.status).toBe(200)
    expect(await blink.text()).toBe(served)
    const save = await editor('/api/library/cart-ces', 'PUT', {
      definition: ces,
      ...ana,
      baseVersion: 1,
    })
    expect(save.status).toBe(503)
    expect((await save.json()).error).toMatch(/database did not answer, nothing was saved/)
  })

  it('refuses invalid surveys with field errors, and conflicting saves with a clear message', async () => {
    const invalid = await editor('/api/library', 'POST', {
      definition: { ...ces, trigger: { preset: 'cart-abandonment', delay: -5 } },
      ...ana,
    })
    expect(invalid.status).toBe(400)
    expect((await invalid.json()).errors).toEqual([
      { field: 'trigger.delay', message: 'must be milliseconds 0..3600000, got -5' },
    ])
    await editor('/api/library', 'POST', { definition: ces, ...ana })
    await editor('/api/library/cart-ces', 'PUT', { definition: ces, ...ana, baseVersion: 1 })
    const conflict = await editor('/api/library/cart-ces', 'PUT', {
      definition: ces,
      ...ana,
      baseVersion: 1,
    })
    expect(conflict.status).toBe(409)
    expect(await conflict.json()).toEqual({
      error: expect.stringMatching(/someone saved version 2 since you opened this survey/),
      latestVersion: 2,
    })
  })

  it('needs the dashboard token to edit or to make a preview key; a preview is never cached', async () => {
    const anonymous = await app(
      new Request('http://127.0.0.1/api/library', {
        method: 'POST',
        body: JSON.stringify({ definition: ces, ...ana }),
      }),
    )
    expect(anonymous.status).toBe(401)
    await editor('/api/library', 'POST', { definition: nps, ...ana })
    const { key } = await (await editor('/api/library/post-purchase/preview', 'POST', {})).json()
    const preview = await app(new Request(`http://127.0.0.1/surveys.json?preview=${key}`))
    expect(preview.headers.get('cache-control')).toBe('private, no-store')
    // The draft is marked for the SDK, which lifts throttling for it alone (issue 27).
    expect((await preview.json()).map((s: Survey) => ({ id: s.id, preview: s.preview }))).toEqual([
      { id: 'post-purchase', preview: true },
    ])
    expect(await (await site()).json()).toEqual([])
    const bogus = await app(new Request('http://127.0.0.1/surveys.json?preview=guessed'))
    expect(await bogus.json()).toEqual([])
  })

  it('refuses a definition that carries the preview mark itself', async () => {
    const marked = await editor('/api/library', 'POST', {
      definition: { ...nps, preview: true },
      ...ana,
    })
    expect(marked.status).toBe(400)
    expect((await marked.json()).errors).toEqual([
      { field: 'preview', message: expect.stringMatching(/set by the collector/) },
    ])
  })

  it('lists surveys with their last 30 days', async () => {
    await editor('/api/library', 'POST', { definition: nps, ...ana })
    const now = new Date().toISOString()
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString()
    await db.store.upsert([
      { ...displayRecord(now), surveyId: 'post-purchase' },
      { ...displayRecord(now), surveyId: 'post-purchase' },
      responseRecord({ surveyId: 'post-purchase', score: 10, createdAt: now, updatedAt: now }),
      responseRecord({ surveyId: 'post-purchase', score: 3, createdAt: old, updatedAt: old }),
    ])
    const { surveys } = await (await editor('/api/library')).json()
    // The answer of 40 days ago is outside the window: one promoter is an NPS of 100.
    expect(surveys).toMatchObject([
      {
        id: 'post-purchase',
        status: 'draft',
        latestVersion: 1,
        stats: { displays: 2, responses: 1, score: 100 },
      },
    ])
  })
})
