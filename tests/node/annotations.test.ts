// Annotations (issue 33) on PGlite and PostgreSQL: a release, an incident or a campaign, for one
// survey or every one, round-trips through the API, is listed with a survey's own, edited and
// removed; bad input is a 400 naming the field.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Annotation } from '../../packages/koe-collector/src/contract/annotations'
import { createApp } from '../../packages/koe-collector/src/server/create-app'
import { APP_FILES } from '../support/app-files'
import { STORES, type TestStore } from './stores'

describe.each(STORES)('annotations on %s', (_name, open) => {
  let db: TestStore
  let app: ReturnType<typeof createApp>
  beforeEach(async () => {
    db = await open()
    app = createApp({ store: db.store, sql: db.sql, ...APP_FILES })
  })
  afterEach(() => db.close())

  const send = async (method: string, path: string, body?: unknown) => {
    const res = await app(
      new Request(`http://127.0.0.1${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    )
    const text = await res.text()
    return { status: res.status, json: (text ? JSON.parse(text) : null) as Record<string, unknown> }
  }
  const list = async (query = '') =>
    (await send('GET', `/api/annotations${query}`)).json.annotations as Annotation[]

  it('creates, lists by survey, edits and removes annotations', async () => {
    const release = await send('POST', '/api/annotations', {
      at: '2026-11-20T09:00:00Z',
      label: '  Release 4.2 ',
    })
    expect(release.status).toBe(201)
    expect(release.json).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      at: '2026-11-20T09:00:00.000Z',
      label: 'Release 4.2',
      surveyId: null,
      author: null,
    })
    const incident = await send('POST', '/api/annotations', {
      at: '2026-11-10T12:30:00Z',
      label: 'Checkout outage',
      surveyId: 'post-purchase-nps',
    })
    await send('POST', '/api/annotations', {
      at: '2026-11-15T00:00:00Z',
      label: 'Pricing test',
      surveyId: 'pricing-nps',
    })
    // A survey's list holds its own and everyone's, oldest first.
    expect((await list('?surveyId=post-purchase-nps')).map((a) => a.label)).toEqual([
      'Checkout outage',
      'Release 4.2',
    ])
    expect(await list()).toHaveLength(3)

    const id = incident.json.id as string
    const edited = await send('PATCH', `/api/annotations/${id}`, { label: 'Checkout outage (2 h)' })
    expect(edited.json).toMatchObject({
      label: 'Checkout outage (2 h)',
      at: '2026-11-10T12:30:00.000Z',
      surveyId: 'post-purchase-nps',
    })
    // surveyId null makes it everyone's.
    expect((await send('PATCH', `/api/annotations/${id}`, { surveyId: null })).json).toMatchObject({
      surveyId: null,
    })
    expect((await list('?surveyId=pricing-nps')).map((a) => a.label)).toEqual([
      'Checkout outage (2 h)',
      'Pricing test',
      'Release 4.2',
    ])
    expect((await send('DELETE', `/api/annotations/${id}`)).status).toBe(204)
    expect((await send('DELETE', `/api/annotations/${id}`)).status).toBe(404)
    expect(await list()).toHaveLength(2)
  })

  it('answers bad input with a 400 naming the field', async () => {
    for (const [body, field] of [
      [{ label: 'x' }, 'at'],
      [{ at: '2026-02-30T00:00:00Z', label: 'x' }, 'at'],
      [{ at: '2026-11-20T09:00:00Z', label: '' }, 'label'],
      [{ at: '2026-11-20T09:00:00Z', label: 'x'.repeat(201) }, 'label'],
      // Refused for every route before it reaches the annotations (api-input.ts).
      [{ at: '2026-11-20T09:00:00Z', label: 'bad \ud800' }, 'NUL'],
      [{ at: '2026-11-20T09:00:00Z', label: 'x', surveyId: 'a b' }, 'surveyId'],
      // A survey id is at most 128 characters, as the wire and the library hold them.
      [{ at: '2026-11-20T09:00:00Z', label: 'x', surveyId: 'a'.repeat(129) }, 'surveyId'],
      ['not an object', 'JSON object'],
    ] as const) {
      const res = await send('POST', '/api/annotations', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(String(res.json.error)).toContain(field)
    }
    const missing = '00000000-0000-4000-8000-000000000000'
    expect((await send('PATCH', `/api/annotations/${missing}`, { label: 'y' })).status).toBe(404)
    expect(await list()).toEqual([])
  })
})
