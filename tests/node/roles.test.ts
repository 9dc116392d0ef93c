// Issue 28: accounts and roles. Every route of the API with every role; a revoked token; the
// dashboard's sign-in cookie; a viewer's export without personal data; the audit log; the
// editor's author is who signed in.
import type { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqlStore } from '../../packages/koe-collector/src/collector'
import { atLeast, ROLES, type Role } from '../../packages/koe-collector/src/contract/roles'
import { ROUTES } from '../../packages/koe-collector/src/server/accounts/route-roles'
import { createApp } from '../../packages/koe-collector/src/server/create-app'
import type { SurveyRecord } from '../../src/scoring/wire'
import { response } from '../fixtures/wire-records'
import { APP_FILES } from '../support/app-files'
import { migratedPGlite } from '../support/migrated-pglite'

const BOOTSTRAP = 'b'.repeat(40)
const ORIGIN = 'http://127.0.0.1:8787'
let db: PGlite
let app: ReturnType<typeof createApp>
/** A personal token per role, made by the bootstrap admin. */
const tokens = {} as Record<Role, string>

async function call(
  method: string,
  path: string,
  auth: { token?: string; cookie?: string; origin?: string } = {},
  body?: unknown,
) {
  const headers: Record<string, string> = {}
  if (auth.token) headers.authorization = `Bearer ${auth.token}`
  if (auth.cookie) headers.cookie = auth.cookie
  if (auth.origin) headers.origin = auth.origin
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await app(
    new Request(`${ORIGIN}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  )
  const text = await res.text()
  let json: Record<string, unknown> = {}
  try {
    json = JSON.parse(text)
  } catch {}
  return { status: res.status, json, text, headers: res.headers }
}

beforeAll(async () => {
  db = await migratedPGlite()
  app = createApp({
    store: createSqlStore(db),
    sql: db,
    ...APP_FILES,
    token: BOOTSTRAP,
    webhookAllowPrivate: true,
  })
  for (const role of ROLES) {
    const added = await call(
      'POST',
      '/api/users',
      { token: BOOTSTRAP },
      { name: `${role} person`, role },
    )
    expect(added.status).toBe(201)
    tokens[role] = added.json.token as string
  }
  const stored = await call(
    'POST',
    '/api/library',
    { token: tokens.editor },
    {
      definition: { id: 'nps-1', type: 'nps', trigger: { event: 'purchase_completed' } },
      author: 'somebody else',
      note: 'first',
    },
  )
  expect(stored.status).toBe(201)
}, 60_000)
afterAll(async () => {
  await db?.close()
})

/** A concrete path for a route's pattern: a survey id, or a UUID nobody has. */
const concrete = (pattern: RegExp) =>
  pattern.source
    .replace(/^\^|\$$/g, '')
    .replace('\\.(csv|ndjson)', '.csv')
    .replace(/\(\[A-Za-z0-9\]\[A-Za-z0-9\._:-\]\{0,127\}\)/, 'nps-1')
    .replace(/\(\[0-9a-fA-F-\]\{36\}\)/, '00000000-0000-7000-8000-000000000000')
    .replace(/\\/g, '')

describe('each route with each role', () => {
  for (const route of ROUTES) {
    const path = concrete(route.path)
    it(`${route.method} ${path} needs ${route.role}`, async () => {
      expect(path).toMatch(/^\/[a-z/.0-9-]+$/)
      for (const role of ROLES) {
        // A body no route takes, so that an allowed change changes nothing.
        const res = await call(
          route.method,
          path,
          { token: tokens[role] },
          route.method === 'GET' ? undefined : {},
        )
        if (atLeast(role, route.role)) {
          expect([401, 403], `${role} ${route.method} ${path}: ${res.text}`).not.toContain(
            res.status,
          )
        } else {
          expect(res.status, `${role} ${route.method} ${path}`).toBe(403)
          expect(res.json.needs).toBe(route.role)
          expect(res.json.error).toContain(`needs the ${route.role} role`)
        }
      }
    })
  }

  it('answers a route that is not in the table with 404, whatever the role', async () => {
    expect((await call('GET', '/api/nothing', { token: tokens.admin })).status).toBe(404)
    expect((await call('DELETE', '/api/summary', { token: tokens.admin })).status).toBe(404)
  })
})

describe('tokens', () => {
  it('refuses no token, an unknown one and a revoked one with 401', async () => {
    expect((await call('GET', '/api/me')).status).toBe(401)
    expect((await call('GET', '/api/me', { token: 'koe_nobody' })).status).toBe(401)
    const added = await call(
      'POST',
      '/api/users',
      { token: BOOTSTRAP },
      { name: 'leaver', role: 'editor' },
    )
    const token = added.json.token as string
    expect((await call('GET', '/api/me', { token })).json).toEqual({
      name: 'leaver',
      role: 'editor',
      local: false,
    })
    expect(
      (await call('DELETE', `/api/users/${added.json.id}`, { token: tokens.admin })).status,
    ).toBe(200)
    const refused = await call('GET', '/api/me', { token })
    expect(refused.status).toBe(401)
    expect(refused.json.error).toBe('this token was revoked')
    // The list shows the user as revoked, and never a token.
    const { json } = await call('GET', '/api/users', { token: tokens.admin })
    const listed = (json.users as { name: string; revokedAt: string | null }[]).find(
      (u) => u.name === 'leaver',
    )
    expect(listed?.revokedAt).not.toBeNull()
    expect(JSON.stringify(json)).not.toContain(token)
  })

  it('shows a token once, and keeps only its hash', async () => {
    const { rows } = await db.query<{ token_hash: string }>('SELECT token_hash FROM koe_users')
    for (const role of ROLES) {
      expect(rows.some((r) => r.token_hash.includes(tokens[role]))).toBe(false)
      expect(rows.some((r) => r.token_hash.length === 64)).toBe(true)
    }
  })

  it('refuses a name twice, a bad role and a short password with 4xx', async () => {
    expect(
      (
        await call(
          'POST',
          '/api/users',
          { token: BOOTSTRAP },
          { name: 'viewer person', role: 'viewer' },
        )
      ).status,
    ).toBe(409)
    expect(
      (await call('POST', '/api/users', { token: BOOTSTRAP }, { name: 'x', role: 'owner' })).status,
    ).toBe(400)
    expect(
      (
        await call(
          'POST',
          '/api/users',
          { token: BOOTSTRAP },
          { name: 'y', role: 'viewer', password: 'short' },
        )
      ).status,
    ).toBe(400)
  })
})

describe('the dashboard sign-in', () => {
  it('signs in with a password to an HttpOnly, SameSite=Strict cookie; a change needs its Origin', async () => {
    const added = await call(
      'POST',
      '/api/users',
      { token: BOOTSTRAP },
      { name: 'Mika', role: 'responder' },
    )
    const id = added.json.id as string
    expect(
      (
        await call(
          'POST',
          `/api/users/${id}/password`,
          { token: BOOTSTRAP },
          { password: 'correct horse battery' },
        )
      ).status,
    ).toBe(200)

    const wrong = await call(
      'POST',
      '/api/session',
      { origin: ORIGIN },
      { name: 'Mika', password: 'wrong horse battery' },
    )
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('set-cookie')).toBeNull()
    const unknown = await call(
      'POST',
      '/api/session',
      { origin: ORIGIN },
      { name: 'Nobody', password: 'correct horse battery' },
    )
    expect(unknown.json.error).toBe(wrong.json.error)

    const signed = await call(
      'POST',
      '/api/session',
      { origin: ORIGIN },
      { name: 'Mika', password: 'correct horse battery' },
    )
    expect(signed.status).toBe(200)
    const setCookie = signed.headers.get('set-cookie') as string
    expect(setCookie).toMatch(
      /^koe_session=koes_[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
    )
    // Served over plain http here: not Secure (a browser would drop it), and Secure behind TLS.
    const cookie = setCookie.split(';')[0] as string
    expect((await call('GET', '/api/me', { cookie })).json).toEqual({
      name: 'Mika',
      role: 'responder',
      local: false,
    })
    expect((await call('GET', '/api/inbox', { cookie })).status).toBe(200)
    expect((await call('GET', '/api/webhooks', { cookie })).status).toBe(403)

    const item = '00000000-0000-7000-8000-000000000000'
    const noOrigin = await call('PATCH', `/api/inbox/${item}`, { cookie }, { status: 'resolved' })
    expect(noOrigin.status).toBe(403)
    const otherSite = await call(
      'PATCH',
      `/api/inbox/${item}`,
      { cookie, origin: 'https://evil.example' },
      { status: 'resolved' },
    )
    expect(otherSite.status).toBe(403)
    const own = await call(
      'PATCH',
      `/api/inbox/${item}`,
      { cookie, origin: ORIGIN },
      { status: 'resolved' },
    )
    expect(own.status).toBe(404) // allowed: there is no such answer

    expect(
      (await call('DELETE', '/api/session', { cookie, origin: ORIGIN })).headers.get('set-cookie'),
    ).toContain('Max-Age=0')
    expect((await call('GET', '/api/me', { cookie })).status).toBe(401)
  })

  it('sets Secure on the cookie when people reach the server over TLS', async () => {
    const tls = createApp({
      store: createSqlStore(db),
      sql: db,
      ...APP_FILES,
      token: BOOTSTRAP,
      proxy: { publicOrigin: 'https://koe.example', trustedProxies: [] },
    })
    const added = await call(
      'POST',
      '/api/users',
      { token: BOOTSTRAP },
      { name: 'Sora', role: 'viewer', password: 'a long enough secret' },
    )
    expect(added.status).toBe(201)
    const res = await tls(
      new Request('http://127.0.0.1/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://koe.example' },
        body: JSON.stringify({ name: 'Sora', password: 'a long enough secret' }),
      }),
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/; Secure$/)
  })
})

describe('what each role is given', () => {
  it('gives a viewer the export without ids or attributes, and a responder all of it', async () => {
    const record = {
      ...response,
      surveyId: 'nps-1',
      score: 3,
      userId: 'user-42',
      anonymousId: '0193a1b2-0000-7000-8000-000000000042',
      attributes: { email: 'a@b.example' },
    }
    expect((await createSqlStore(db).upsert([record as SurveyRecord])).accepted).toBe(1)
    for (const format of ['ndjson', 'csv']) {
      const viewer = await call('GET', `/export.${format}?surveyId=nps-1`, { token: tokens.viewer })
      expect(viewer.status).toBe(200)
      expect(viewer.text).toContain('nps-1')
      expect(viewer.text).not.toMatch(/user-42|000000000042|a@b\.example/)
      const responder = await call('GET', `/export.${format}?surveyId=nps-1`, {
        token: tokens.responder,
      })
      expect(responder.text).toMatch(/user-42/)
      expect(responder.text).toMatch(/a@b\.example/)
    }
  })

  it('makes the signed-in editor the author, whatever the request says', async () => {
    const detail = await call('GET', '/api/library/nps-1', { token: tokens.viewer })
    const versions = detail.json.versions as { author: string }[]
    expect(versions[0]?.author).toBe('editor person')
    expect(JSON.stringify(detail.json)).not.toContain('somebody else')
  })

  it('lists every change in the audit log, for admins', async () => {
    const publish = await call(
      'POST',
      '/api/library/nps-1/publish',
      { token: tokens.editor },
      { author: 'x' },
    )
    expect(publish.status).toBe(200)
    const webhook = await call(
      'POST',
      '/api/webhooks',
      { token: tokens.admin },
      { name: 'team', url: 'http://127.0.0.1:9/koe' },
    )
    expect(webhook.status).toBe(201)
    expect(
      (await call('POST', '/api/erase', { token: tokens.admin }, { userId: 'user-42' })).status,
    ).toBe(200)
    const { status, json } = await call('GET', '/api/audit', { token: tokens.admin })
    expect(status).toBe(200)
    const entries = json.entries as {
      actor: string
      role: string
      action: string
      target: string | null
    }[]
    const seen = entries.map((e) => `${e.actor}|${e.action}|${e.target ?? ''}`)
    expect(seen).toContain('admin|user.add|viewer person (viewer)')
    expect(seen).toContain('editor person|survey.create|nps-1')
    expect(seen).toContain('editor person|survey.publish|nps-1')
    expect(seen).toContain('admin person|webhook.create|')
    expect(seen).toContain('admin person|erasure|')
    // The erased person's id is nowhere in the log.
    expect(JSON.stringify(entries)).not.toContain('user-42')
    // Newest first; reads and refused changes are not changes.
    expect(entries[0]?.action).toBe('erasure')
    expect(seen.filter((e) => e.includes('inbox.update'))).toEqual([])
  })
})
