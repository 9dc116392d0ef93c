// Closing the loop on PGlite and PostgreSQL: the follow-up inbox, the themes of the comments,
// erasure on request and retention, and the dashboard API in front of them.
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWebhooks } from '../../packages/koe-collector/src/server/alerts/webhooks'
import { createApp } from '../../packages/koe-collector/src/server/create-app'
import { createErasure } from '../../packages/koe-collector/src/server/erasure'
import { createInbox } from '../../packages/koe-collector/src/server/inbox'
import {
  rankThemes,
  rankThemesYielding,
  THEME_SLICE,
  terms,
} from '../../packages/koe-collector/src/server/themes'
import {
  createThemesCache,
  THEMES_FRESH_MS,
} from '../../packages/koe-collector/src/server/themes-cache'
import type { ScoreGroup } from '../../src/config/survey'
import { APP_FILES } from '../support/app-files'
import { displayRecord, recordId, responseRecord } from '../support/wire-records'
import { STORES, type TestStore } from './stores'

const id = recordId
const answer = responseRecord
const display = displayRecord

const FIXTURE = JSON.parse(
  readFileSync(new URL('../fixtures/comments.json', import.meta.url), 'utf8'),
) as { comments: { group: ScoreGroup; locale: string; comment: string }[] }

describe('themes', () => {
  it('split Japanese without spaces and drop its particles', () => {
    expect([...terms('配送が遅いし、梱包も雑でした。', 'ja').keys()]).toEqual([
      '配送',
      '遅い',
      '配送遅い',
      '梱包',
      '遅い梱包',
      '雑',
      '梱包雑',
    ])
  })

  it('tokenize each comment in its own language, not the page’s (issue 27)', () => {
    // English on a Japanese page: words split on spaces, English stop words, phrases with a space.
    const english = [...terms('The parcel was late and nobody answered', 'ja').keys()]
    expect(english).toEqual(
      expect.arrayContaining(['parcel', 'late', 'nobody', 'answered', 'late nobody']),
    )
    expect(english.some((t) => t.includes('andnobody') || t.includes('waslate'))).toBe(false)
    // Japanese on an English page: its particles and です are stop words, phrases joined.
    const japanese = [...terms('配送が遅いです', 'en').keys()]
    expect(japanese).toEqual(['配送', '遅い', '配送遅い'])
    expect(japanese).not.toContain('です')
  })

  it('rank the same, pausing for the event loop after every slice of comments', async () => {
    const comments = Array.from({ length: THEME_SLICE * 6 }, (_, i) => ({
      ...(FIXTURE.comments[i % FIXTURE.comments.length] as (typeof FIXTURE.comments)[number]),
    }))
    let turns = 0
    let stop = false
    const spin = () => {
      if (stop) return
      turns++
      setImmediate(spin)
    }
    setImmediate(spin)
    const ranked = await rankThemesYielding(comments)
    stop = true
    // Another task ran between the slices: a long ranking never holds the loop for all of it.
    expect(turns).toBeGreaterThanOrEqual(5)
    expect(ranked).toEqual(rankThemes(comments))
  })

  it('are ranked once a minute per filter, shared by requests at once, and ranked again after', async () => {
    let clock = 0
    let ranked = 0
    const cache = createThemesCache(
      async (key) => `${key}#${++ranked}`,
      () => clock,
    )
    expect(await Promise.all([cache('a'), cache('a'), cache('b')])).toEqual(['a#1', 'a#1', 'b#2'])
    clock += THEMES_FRESH_MS - 1
    expect(await cache('a')).toBe('a#1')
    clock += 1
    expect(await cache('a')).toBe('a#3')
    const failing = createThemesCache(async () => {
      ranked++
      throw new Error('database down')
    })
    await expect(failing('a')).rejects.toThrow('database down')
    await expect(failing('a')).rejects.toThrow('database down')
    expect(ranked).toBe(5) // a failure is not kept
  })

  it('rank what sets detractors apart in English and in Japanese (the fixture’s known themes)', () => {
    const of = (locale: string) => rankThemes(FIXTURE.comments.filter((c) => c.locale === locale))
    const en = of('en')
    const ja = of('ja')
    expect(en.negative.slice(0, 4).map((t) => t.term)).toEqual(
      expect.arrayContaining(['late delivery', 'customer support']),
    )
    expect(
      en.positive
        .slice(0, 2)
        .map((t) => t.term)
        .sort(),
    ).toEqual(['fast shipping', 'great coffee'])
    expect(
      ja.negative
        .slice(0, 2)
        .map((t) => t.term)
        .sort(),
    ).toEqual(['梱包', '配送遅い'])
    expect(ja.positive[0]?.term).toBe('美味しい')
    // Counts are comments, and "customer support" is never said by a promoter.
    expect(en.negative.find((t) => t.term === 'customer support')).toMatchObject({
      negative: 3,
      positive: 0,
    })
  })
})

describe.each(STORES)('closing the loop on %s', (_name, open) => {
  let db: TestStore
  beforeEach(async () => {
    db = await open({ alertDelaySeconds: 3600 })
  })
  afterEach(async () => {
    await db.close()
  })

  it('lists answers with comments newest first, filtered, with who gave them and their status', async () => {
    const late = answer({
      score: 2,
      comment: 'The delivery was late',
      userId: 'u-1',
      attributes: { plan: 'pro' },
      createdAt: '2026-11-30T10:00:00.000Z',
    })
    const ja = answer({
      score: 1,
      comment: '配送が遅い',
      locale: 'ja',
      createdAt: '2026-11-30T11:00:00.000Z',
    })
    const happy = answer({
      score: 10,
      comment: 'Great coffee',
      createdAt: '2026-11-30T12:00:00.000Z',
    })
    const ces = answer({
      surveyId: 'support-ces',
      type: 'ces',
      scale: 7,
      score: 2,
      comment: 'Hard to reach',
      createdAt: '2026-11-30T13:00:00.000Z',
    })
    await db.store.upsert([late, ja, happy, ces, answer({ score: 4 }), display()])
    const inbox = createInbox(db.sql)
    const ids = async (filter: Parameters<typeof inbox.list>[0]) =>
      (await inbox.list(filter)).map((i) => i.id)
    expect(await ids({})).toEqual([ces.id, happy.id, ja.id, late.id])
    expect(await ids({ group: 'detractor' })).toEqual([ja.id, late.id])
    expect(await ids({ group: 'hard' })).toEqual([ces.id])
    expect(await ids({ surveyId: 'post-purchase-nps', attributes: { plan: 'pro' } })).toEqual([
      late.id,
    ])
    expect(await ids({ theme: 'late delivery' })).toEqual([]) // its words in this order
    expect(await ids({ theme: 'delivery' })).toEqual([late.id])
    expect(await ids({ theme: '配送遅い', locale: 'ja' })).toEqual([ja.id])
    expect(await ids({ limit: 2 })).toEqual([ces.id, happy.id])
    expect(await ids({ before: { createdAt: '2026-11-30T12:00:00.000Z', id: happy.id } })).toEqual([
      ja.id,
      late.id,
    ])
    const [first] = await inbox.list({
      group: 'detractor',
      surveyId: 'post-purchase-nps',
      locale: 'en',
    })
    expect(first).toMatchObject({
      userId: 'u-1',
      attributes: { plan: 'pro' },
      status: 'new',
      group: 'detractor',
      score: 2,
    })

    expect(await inbox.update(late.id, 'contacted', 'Called, refund sent')).toBe(true)
    expect(await inbox.update(id(), 'contacted', null)).toBe(false)
    expect(await ids({ status: 'contacted' })).toEqual([late.id])
    expect((await inbox.list({ status: 'contacted' }))[0]?.note).toBe('Called, refund sent')
    expect(await ids({ status: 'new' })).toEqual([ces.id, happy.id, ja.id])
  })

  it('erases every trace of a user id: answers, notes, pending alerts; the log keeps counts only', async () => {
    await createWebhooks(db.sql, { allowPrivate: true }).create({
      name: 'all',
      url: 'https://hooks.example/koe',
    })
    const mine = [
      answer({ userId: 'u-erase', comment: 'Call me' }),
      answer({ userId: 'u-erase', surveyId: 'support-ces', type: 'ces', scale: 7, score: 5 }),
    ]
    const others = [answer({ userId: 'u-keep', comment: 'Fine' }), display()]
    await db.store.upsert([...mine, ...others])
    await createInbox(db.sql).update(mine[0]?.id as string, 'contacted', 'left a message')
    const erasure = createErasure(db.sql)
    const report = await erasure.erase('userId', 'u-erase')
    expect(report).toMatchObject({ subject: 'userId', records: 2, notes: 1, deliveries: 2 })
    const left = await db.store.records()
    expect(left.map((r) => r.id).sort()).toEqual(others.map((r) => r.id).sort())
    const { rows } = await db.sql.query<{ n: string | number }>(
      `SELECT (SELECT count(*) FROM koe_outbox WHERE record_id = ANY($1::uuid[])) + (SELECT count(*) FROM koe_inbox WHERE record_id = ANY($1::uuid[])) AS n`,
      [mine.map((r) => r.id)],
    )
    expect(Number(rows[0]?.n)).toBe(0)
    const log = await erasure.log()
    expect(log).toHaveLength(1)
    expect(JSON.stringify(log)).not.toContain('u-erase')
    // Exports afterwards hold none of it.
    const app = createApp({ store: db.store, sql: db.sql, ...APP_FILES })
    const exported = await (await app(new Request('http://127.0.0.1/export.ndjson'))).text()
    expect(exported).not.toContain('u-erase')
    expect(exported).toContain('u-keep')
    // By anonymous id too.
    await db.store.upsert([answer({ anonymousId: '0195b000-0000-7000-8000-bbbbbbbbbbbb' })])
    expect(
      (await erasure.erase('anonymousId', '0195b000-0000-7000-8000-bbbbbbbbbbbb')).records,
    ).toBe(1)
  })

  it('erasure sticks: the device’s displays go too, no rollup row names the person, a retry stores nothing', async () => {
    await createWebhooks(db.sql, { allowPrivate: true }).create({
      name: 'all',
      url: 'https://hooks.example/koe',
    })
    const device = '0195b000-0000-7000-8000-cccccccccccc'
    const other = '0195b000-0000-7000-8000-dddddddddddd'
    const email = { email: 'erase-me@example.com' }
    const seen = { ...display(), anonymousId: device, attributes: email }
    const closed = {
      ...display(),
      kind: 'dismiss' as const,
      anonymousId: device,
      attributes: email,
    }
    const before = answer({ anonymousId: device, score: 9 }) // answered before `identify`
    const mine = answer({
      userId: 'u-gone',
      anonymousId: device,
      attributes: email,
      url: 'https://shop.example/orders/u-gone',
    })
    // Someone else on the same device, and another device: both stay.
    const sibling = answer({ userId: 'u-sibling', anonymousId: device, comment: 'Fine' })
    const stranger = { ...display(), anonymousId: other, attributes: { email: 'keep@example.com' } }
    const erasedSet = [seen, closed, before, mine]
    await db.store.upsert([...erasedSet, sibling, stranger])
    const app = createApp({ store: db.store, sql: db.sql, ...APP_FILES })
    const get = async (path: string) => (await app(new Request(`http://127.0.0.1${path}`))).text()
    const segmentsOf = () => get('/api/summary?surveyId=post-purchase-nps')
    expect(await segmentsOf()).toContain('erase-me@example.com')

    const erased = await app(
      new Request('http://127.0.0.1/api/erase', {
        method: 'POST',
        body: JSON.stringify({ userId: 'u-gone' }),
      }),
    )
    expect(await erased.json()).toMatchObject({ records: 4 })
    expect((await db.store.records()).map((r) => r.id).sort()).toEqual(
      [sibling.id, stranger.id].sort(),
    )
    const exported = await get('/export.ndjson')
    expect(exported).not.toContain('erase-me@example.com')
    expect(exported).toContain('keep@example.com')
    // No rollup row is left keyed by the person's attribute value or page, not even at n = 0,
    // and the segment values list them no more (right away, not after the cache's minute).
    const { rows } = await db.sql.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM koe_rollup WHERE value IN ('erase-me@example.com', '/orders/u-gone')`,
    )
    expect(Number(rows[0]?.n)).toBe(0)
    expect(await segmentsOf()).not.toContain('erase-me@example.com')
    expect(await get('/api/segments?surveyId=post-purchase-nps&dim=attr:email')).not.toContain(
      'erase-me@example.com',
    )

    // The acknowledgement was lost: the device sends it all again, and a display still queued.
    const queued = { ...display(), anonymousId: device, attributes: email }
    const retried = await db.store.upsert([...erasedSet, queued, { ...mine, comment: 'again' }])
    // Six records, one of them twice: all taken, none stored.
    expect(retried).toMatchObject({ accepted: 5, duplicates: 1, rejected: [] })
    expect((await db.store.records()).map((r) => r.id).sort()).toEqual(
      [sibling.id, stranger.id].sort(),
    )
    const { rows: alerts } = await db.sql.query<{ n: number | string }>(
      'SELECT count(*) AS n FROM koe_outbox WHERE record_id = ANY($1::uuid[])',
      [erasedSet.map((r) => r.id)],
    )
    expect(Number(alerts[0]?.n)).toBe(0)
    // The tombstones name nobody.
    const { rows: stones } = await db.sql.query<{ key: unknown }>('SELECT key FROM koe_tombstones')
    expect(stones.length).toBeGreaterThan(0)
    expect(JSON.stringify(stones)).not.toContain('u-gone')
    // The sibling's retry is theirs: stored as before (a duplicate).
    expect(await db.store.upsert([sibling])).toMatchObject({ accepted: 0, duplicates: 1 })
    // The person comes back later and answers anew: that answer is theirs to give.
    const later = new Date(Date.now() + 1_000).toISOString()
    const anew = answer({ userId: 'u-gone', createdAt: later, updatedAt: later })
    expect(await db.store.upsert([anew])).toMatchObject({ accepted: 1 })
    expect((await db.store.records()).map((r) => r.id)).toContain(anew.id)

    // An erased anonymous id (koe.forget()) is never stored again either, whatever the record.
    await createErasure(db.sql).erase('anonymousId', other)
    expect(await db.store.upsert([stranger, answer({ anonymousId: other })])).toMatchObject({
      accepted: 2,
    })
    expect((await db.store.records()).map((r) => r.id).sort()).toEqual([sibling.id, anew.id].sort())
  })

  it('reclaims the space of erased rows', async () => {
    const erasure = createErasure(db.sql)
    await db.store.upsert([answer({ userId: 'u-vacuum' })])
    await erasure.erase('userId', 'u-vacuum')
    await erasure.vacuum()
    const { rows } = await db.sql.query<{ vacuumed: boolean }>(
      `SELECT last_vacuum IS NOT NULL AS vacuumed FROM pg_stat_user_tables WHERE relname = 'koe_records'`,
    )
    expect(rows[0]?.vacuumed).toBe(true)
  })

  it('deletes records past the retention limit, whatever their kind', async () => {
    const old = [
      answer({ createdAt: '2020-01-01T00:00:00.000Z', updatedAt: '2020-01-01T00:00:00.000Z' }),
      display('2020-01-01T00:00:00.000Z'),
    ]
    const recent = answer({
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    })
    await db.store.upsert([...old, recent])
    expect(await createErasure(db.sql).expire(365)).toBe(2)
    expect((await db.store.records()).map((r) => r.id)).toEqual([recent.id])
  })

  it('refuses to save an alert endpoint on a private or loopback address, saying why, unless allowed', async () => {
    const names: Record<string, string[]> = {
      'intranet.example': ['192.168.1.20'],
      'hooks.example': ['93.184.216.34'],
      'split.example': ['93.184.216.34', '10.0.0.7'],
    }
    const lookup = async (host: string) => names[host] ?? Promise.reject(new Error('ENOTFOUND'))
    const webhooks = createWebhooks(db.sql, { lookup })
    const refused = async (url: string) => {
      const result = await webhooks.create({ name: 'x', url })
      return 'error' in result ? result.error : null
    }
    expect(await refused('http://127.0.0.1:9/hook')).toMatch(
      /private or loopback address: .*KOE_WEBHOOK_ALLOW_PRIVATE=1/,
    )
    expect(await refused('http://[::1]:9/hook')).toMatch(/private or loopback/)
    expect(await refused('http://169.254.169.254/latest')).toMatch(/private or loopback/)
    expect(await refused('https://intranet.example/hook')).toMatch(
      /intranet\.example resolves to 192\.168\.1\.20/,
    )
    expect(await refused('https://split.example/hook')).toMatch(/resolves to 10\.0\.0\.7/)
    expect(await refused('https://hooks.example/hook')).toBeNull()
    // A name that does not resolve now is kept: sending checks the address again.
    expect(await refused('https://not-yet.example/hook')).toBeNull()
    const allowed = await createWebhooks(db.sql, { allowPrivate: true, lookup }).create({
      name: 'local receiver',
      url: 'http://127.0.0.1:9/hook',
    })
    expect('webhook' in allowed).toBe(true)
    // Through the API: a 400 with the reason, nothing saved.
    const app = createApp({ store: db.store, sql: db.sql, ...APP_FILES })
    const before = (await webhooks.list()).length
    const answer = await app(
      new Request('http://127.0.0.1:8787/api/webhooks', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'metadata', url: 'http://169.254.169.254/' }),
      }),
    )
    expect(answer.status).toBe(400)
    expect((await answer.json()).error).toMatch(/private or loopback/)
    expect((await webhooks.list()).length).toBe(before)
  })

  it('answers without a token only on loopback names: no DNS rebinding, no cross-site changes', async () => {
    const app = createApp({ store: db.store, sql: db.sql, ...APP_FILES })
    const ask = (url: string, init: RequestInit = {}) => app(new Request(url, init))
    expect((await ask('http://127.0.0.1:8787/api/webhooks')).status).toBe(200)
    expect((await ask('http://localhost:8787/api/surveys')).status).toBe(200)
    // A name the attacker rebound to 127.0.0.1 arrives as its own Host.
    expect((await ask('http://rebound.evil.example:8787/api/surveys')).status).toBe(403)
    expect((await ask('http://rebound.evil.example:8787/export.ndjson')).status).toBe(403)
    // A form on another site posting to the loopback server.
    const post = (origin: string) =>
      ask('http://127.0.0.1:8787/api/erase', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin },
        body: JSON.stringify({ userId: 'u-1' }),
      })
    expect((await post('https://evil.example')).status).toBe(403)
    expect((await post('http://127.0.0.1:8787')).status).toBe(200)
  })

  it('serves it all behind the dashboard token, the secret once and never again', async () => {
    const app = createApp({ store: db.store, sql: db.sql, ...APP_FILES, token: 't'.repeat(32) })
    const call = (method: string, path: string, body?: unknown, token = 't'.repeat(32)) =>
      app(
        new Request(`http://koe.test${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      )
    expect((await call('GET', '/api/webhooks', undefined, 'wrong')).status).toBe(401)
    expect((await call('POST', '/api/webhooks', { name: 'x' }, 'wrong')).status).toBe(401)
    const bad = await call('POST', '/api/webhooks', { name: 'x', url: 'javascript:alert(1)' })
    expect(bad.status).toBe(400)
    expect(
      (
        await call('POST', '/api/webhooks', {
          name: 'x',
          url: 'https://h.example',
          rule: { groups: ['angry'] },
        })
      ).status,
    ).toBe(400)
    const created = await call('POST', '/api/webhooks', {
      name: 'CX',
      url: 'https://hooks.example/koe',
      rule: { groups: ['detractor'], withComment: true },
    })
    expect(created.status).toBe(201)
    const { webhook, secret } = (await created.json()) as {
      webhook: { id: string }
      secret: string
    }
    const listed = await (await call('GET', '/api/webhooks')).text()
    expect(listed).toContain(webhook.id)
    expect(listed).not.toContain(secret)
    expect((await call('POST', `/api/webhooks/${webhook.id}/test`)).status).toBe(200)

    const late = answer({ score: 2, comment: 'Late delivery' })
    await db.store.upsert([
      late,
      answer({ score: 3, comment: 'Late delivery again' }),
      answer({ score: 10, comment: 'Great coffee' }),
      answer({ score: 9, comment: 'Great coffee, fast' }),
    ])
    const inbox = (await (await call('GET', '/api/inbox?group=detractor')).json()) as {
      items: { id: string }[]
    }
    expect(inbox.items).toHaveLength(2)
    expect((await call('GET', '/api/inbox?group=angry')).status).toBe(400)
    expect(
      (await call('PATCH', `/api/inbox/${late.id}`, { status: 'resolved', note: 'refunded' }))
        .status,
    ).toBe(200)
    expect((await call('PATCH', `/api/inbox/${late.id}`, { status: 'done' })).status).toBe(400)
    const resolved = (await (await call('GET', '/api/inbox?status=resolved')).json()) as {
      items: { id: string; note: string }[]
    }
    expect(resolved.items.map((i) => [i.id, i.note])).toEqual([[late.id, 'refunded']])
    const themes = (await (await call('GET', '/api/themes?surveyId=post-purchase-nps')).json()) as {
      negative: { term: string }[]
    }
    expect(themes.negative.map((t) => t.term)).toContain('late delivery')
    const erased = await call('POST', '/api/erase', { userId: 'nobody' })
    expect(await erased.json()).toMatchObject({ subject: 'userId', records: 0 })
    expect((await call('POST', '/api/erase', { email: 'a@b' })).status).toBe(400)
    expect(
      ((await (await call('GET', '/api/erasures')).json()) as { erasures: unknown[] }).erasures,
    ).toHaveLength(1)
    // Another site's page, with the token or without one, cannot make changes.
    const forged = await app(
      new Request('http://koe.test/api/erase', {
        method: 'POST',
        headers: { authorization: `Bearer ${'t'.repeat(32)}`, origin: 'https://evil.example' },
        body: JSON.stringify({ userId: 'u-1' }),
      }),
    )
    expect(forged.status).toBe(403)
    expect((await call('DELETE', `/api/webhooks/${webhook.id}`)).status).toBe(200)
    expect((await call('DELETE', `/api/webhooks/${webhook.id}`)).status).toBe(404)
  })
})
