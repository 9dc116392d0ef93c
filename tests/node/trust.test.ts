// Issue 27: the Host a client sends is the one checked (DNS rebinding), a dashboard behind a
// reverse proxy can make changes and tells its visitors apart, and bad input is a 4xx.
import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRateLimiter, createSqlStore } from '../../packages/koe-collector/src/collector'
import { type AppOptions, createApp } from '../../packages/koe-collector/src/server/create-app'
import { listen } from '../../packages/koe-collector/src/server/listen'
import { readSettings } from '../../packages/koe-collector/src/server/settings'
import { batch, display } from '../fixtures/wire-records'
import { APP_FILES } from '../support/app-files'
import { migratedPGlite } from '../support/migrated-pglite'
import { STORES, type TestStore } from './stores'

const root = fileURLToPath(new URL('../../', import.meta.url))
const TOKEN = 't'.repeat(40)

let db: PGlite
const servers: Server[] = []
beforeAll(async () => {
  db = await migratedPGlite()
}, 60_000)
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
  await db?.close()
})

/** A reference server on a free loopback port; resolves its port. */
async function serve(options: Partial<AppOptions> = {}): Promise<number> {
  const store = createSqlStore(db)
  const server = await listen(
    createApp({ store, sql: db, ...APP_FILES, ...options }),
    0,
    '127.0.0.1',
  )
  servers.push(server)
  return (server.address() as AddressInfo).port
}

/** One request to 127.0.0.1:`port` with exactly these headers (Host included). */
function ask(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => {
        text += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('without a token, the API answers the Host loopback names only', () => {
  it('refuses a Host the URL parser would replace (DNS rebinding with a name such as a_b.example)', async () => {
    const port = await serve()
    for (const path of ['/api/inbox', '/export.ndjson', '/api/erasures', '/api/webhooks']) {
      for (const host of [`a_b.example:${port}`, 'rebound.example', `127.0.0.1.evil:${port}`]) {
        const answer = await ask(port, 'GET', path, { host })
        expect(answer.status, `${path} with Host ${host}`).toBe(403)
      }
      expect((await ask(port, 'GET', path, { host: `127.0.0.1:${port}` })).status).toBe(200)
      expect((await ask(port, 'GET', path, { host: `localhost:${port}` })).status).toBe(200)
    }
  })
})

describe('behind a reverse proxy', () => {
  const erase = (port: number, headers: Record<string, string>) =>
    ask(
      port,
      'POST',
      '/api/erase',
      { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
      JSON.stringify({ userId: 'nobody' }),
    )

  it('takes changes from the public origin (KOE_PUBLIC_URL), whether or not the proxy keeps the Host', async () => {
    const port = await serve({ token: TOKEN, proxy: { publicOrigin: 'https://koe.example' } })
    const fromDashboard = { origin: 'https://koe.example' }
    // The proxy rewrites Host to the upstream, or passes the public name through (TLS ended there).
    expect((await erase(port, { ...fromDashboard, host: `127.0.0.1:${port}` })).status).toBe(200)
    expect((await erase(port, { ...fromDashboard, host: 'koe.example' })).status).toBe(200)
    // Another site's page is still refused.
    const elsewhere = await erase(port, { origin: 'https://evil.example', host: 'koe.example' })
    expect(elsewhere.status).toBe(403)
    expect(elsewhere.body).toContain('KOE_PUBLIC_URL')
  })

  it('believes X-Forwarded-Host and -Proto from a trusted proxy only', async () => {
    const trusting = await serve({ token: TOKEN, proxy: { trustedProxies: ['127.0.0.1'] } })
    const forwarded = {
      origin: 'https://koe.example',
      host: `127.0.0.1:${trusting}`,
      'x-forwarded-host': 'koe.example',
      'x-forwarded-proto': 'https',
    }
    expect((await erase(trusting, forwarded)).status).toBe(200)
    const wrongOrigin = { ...forwarded, origin: 'https://evil.example' }
    expect((await erase(trusting, wrongOrigin)).status).toBe(403)
    const untrusting = await serve({ token: TOKEN, proxy: { trustedProxies: ['10.9.9.9'] } })
    expect(
      (await erase(untrusting, { ...forwarded, host: `127.0.0.1:${untrusting}` })).status,
    ).toBe(403)
  })

  it('rate-limits each visitor by X-Forwarded-For, not the proxy as one client', async () => {
    const port = await serve({
      proxy: { trustedProxies: ['127.0.0.1'] },
      rateLimit: createRateLimiter({ perSecond: 0.001, burst: 1 }),
    })
    const send = (forwardedFor: string) =>
      ask(
        port,
        'POST',
        '/collect',
        { 'content-type': 'text/plain', 'x-forwarded-for': forwardedFor },
        JSON.stringify(batch(display)),
      )
    expect((await send('203.0.113.1')).status).toBe(200)
    expect((await send('203.0.113.2')).status).toBe(200)
    expect((await send('203.0.113.1')).status).toBe(429)
    // What the client wrote left of the real hop is its own word: the nearest untrusted hop counts.
    expect((await send('198.51.100.7, 203.0.113.1')).status).toBe(429)
  })

  it('needs a public URL that is an origin, proxies that are addresses, and a token beyond loopback', () => {
    const env = { KOE_DASHBOARD_TOKEN: TOKEN }
    const ok = readSettings({
      ...env,
      KOE_PUBLIC_URL: 'https://koe.example/',
      KOE_TRUSTED_PROXIES: '127.0.0.1, ::1',
    })
    expect(ok).toMatchObject({
      ok: true,
      settings: { publicOrigin: 'https://koe.example', trustedProxies: ['127.0.0.1', '::1'] },
    })
    const errors = (more: Record<string, string>) => {
      const read = readSettings(more)
      return read.ok ? [] : read.errors
    }
    expect(errors({ ...env, KOE_PUBLIC_URL: 'https://koe.example/dashboard' })[0]).toContain(
      'KOE_PUBLIC_URL',
    )
    expect(errors({ KOE_PUBLIC_URL: 'https://koe.example' })[0]).toContain('KOE_DASHBOARD_TOKEN')
    expect(errors({ ...env, KOE_TRUSTED_PROXIES: 'proxy.internal' })[0]).toContain(
      'KOE_TRUSTED_PROXIES',
    )
  })
})

describe.each(STORES)('bad input to the dashboard API on %s', (_name, open) => {
  let store: TestStore
  beforeAll(async () => {
    store = await open()
  }, 60_000)
  afterAll(async () => {
    await store?.close()
  })

  it('gets a 4xx naming the mistake, never a 5xx', async () => {
    const app = createApp({ store: store.store, sql: store.sql, ...APP_FILES })
    const call = (method: string, path: string, body?: string) =>
      app(
        new Request(`http://127.0.0.1${path}`, {
          method,
          body,
          headers: { 'content-type': 'application/json' },
        }),
      )
    const [survey] = JSON.parse(readFileSync(join(root, 'examples/surveys.json'), 'utf8'))
    const created = await call(
      'POST',
      '/api/library',
      JSON.stringify({ definition: { ...survey, id: 'probe' }, author: 'me' }),
    )
    expect(created.status).toBe(201)
    const answerId = '0195a000-0000-7000-8000-000000000001'
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`
    const deepObject = `{"name":"x","url":"https://hooks.example/k","rule":${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}}`
    const nul = '\u0000'
    const probes: [string, string, string?][] = [
      [
        'POST',
        '/api/webhooks',
        JSON.stringify({ name: `a${nul}`, url: 'https://hooks.example/k' }),
      ],
      ['POST', '/api/webhooks', JSON.stringify({ name: 'a', url: `https://hooks.example/${nul}` })],
      [
        'POST',
        '/api/webhooks',
        JSON.stringify({ name: 'a', url: 'https://hooks.example/k', rule: { locale: nul } }),
      ],
      ['POST', '/api/webhooks', deepObject],
      ['POST', '/api/webhooks', deep],
      ['GET', '/api/inbox?surveyId=a%00'],
      ['GET', '/api/inbox?theme=%00'],
      ['GET', '/api/inbox?attribute=plan:%00'],
      ['GET', '/api/themes?locale=%00'],
      ['GET', '/api/summary?surveyId=probe%00'],
      ['GET', '/api/summary?surveyId=probe&where=attr:plan=%00'],
      ['GET', '/api/segments?surveyId=probe&dim=attr:%00'],
      ['GET', '/export.csv?where=attr:plan=%00'],
      ['GET', '/api/surveys?%00=1'],
      ['POST', '/api/erase', JSON.stringify({ userId: `u${nul}` })],
      ['POST', '/api/erase', deep],
      ['PATCH', `/api/inbox/${answerId}`, JSON.stringify({ status: 'new', note: nul })],
      [
        'POST',
        '/api/library',
        JSON.stringify({ definition: { ...survey, id: 'p2' }, author: `a${nul}` }),
      ],
      [
        'POST',
        '/api/library',
        JSON.stringify({ definition: { ...survey, id: 'p3' }, author: 'a', note: nul }),
      ],
      ['POST', '/api/library', deep],
      ['POST', '/api/library/probe/publish', JSON.stringify({ author: 'me', version: 1e20 })],
      ['POST', '/api/library/probe/publish', JSON.stringify({ author: 'me', version: 2 ** 31 })],
      ['POST', '/api/library/probe/preview', JSON.stringify({ version: 1e20 })],
      [
        'PUT',
        '/api/library/probe',
        JSON.stringify({ definition: { ...survey, id: 'probe' }, author: 'me', baseVersion: 1e20 }),
      ],
      ['POST', '/api/library/probe/pause', JSON.stringify({ author: `me${nul}` })],
      ['POST', '/api/library/probe/pause', '\ud800"'],
      ['POST', '/api/erase', 'x'.repeat(70_000)],
    ]
    for (const [method, path, body] of probes) {
      const response = await call(method, path, body)
      const what = `${method} ${path} ${body?.slice(0, 80) ?? ''}`
      expect(response.status, what).toBeGreaterThanOrEqual(400)
      expect(response.status, what).toBeLessThan(500)
      expect((await response.json()).error, what).toEqual(expect.any(String))
    }
    // And the API still works afterwards.
    expect((await call('GET', '/api/library/probe')).status).toBe(200)
  })
})
