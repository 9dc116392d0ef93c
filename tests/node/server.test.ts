import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqlStore } from '../../packages/koe-collector/src/collector'
import { createApp } from '../../packages/koe-collector/src/server/create-app'
import { csvCell } from '../../packages/koe-collector/src/server/export-csv'
import { ces, nps } from '../../src/scoring'
import { response } from '../fixtures/wire-records'
import { APP_FILES } from '../support/app-files'

const root = fileURLToPath(new URL('../../', import.meta.url))
const TOKEN = 'sekrit-token'
const id = (n: number) => `0193a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`
const npsScores = [10, 9, 9, 8, 7, 3, 0]
const cesScores = [7, 6, 2, 5]

let db: PGlite
let app: ReturnType<typeof createApp>
const get = (path: string, token: string | null = TOKEN) =>
  app(
    new Request(`http://127.0.0.1${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    }),
  )

beforeAll(async () => {
  db = await PGlite.create()
  const store = createSqlStore(db)
  await store.migrate()
  await store.upsert([
    ...npsScores.map((score, i) => ({
      ...response,
      id: id(i),
      score,
      comment: i === 0 ? '=HYPERLINK("http://evil")' : `c${i}`,
    })),
    ...cesScores.map((score, i) => ({
      ...response,
      id: id(100 + i),
      surveyId: 'ces-survey',
      type: 'ces' as const,
      score,
    })),
    { id: id(200), kind: 'display', surveyId: response.surveyId, createdAt: response.createdAt },
    { id: id(201), kind: 'display', surveyId: response.surveyId, createdAt: response.createdAt },
    { id: id(202), kind: 'dismiss', surveyId: response.surveyId, createdAt: response.createdAt },
  ] as never)
  app = createApp({ store, ...APP_FILES, token: TOKEN })
}, 60_000)
afterAll(async () => {
  await db?.close()
})

describe('the reference server', () => {
  it('keeps the dashboard API and the exports behind the token', async () => {
    for (const path of [
      '/api/surveys',
      `/api/summary?surveyId=${response.surveyId}`,
      '/export.csv',
      '/export.ndjson',
    ]) {
      expect((await get(path, null)).status).toBe(401)
      expect((await get(path, 'wrong')).status).toBe(401)
      expect((await get(path)).status).toBe(200)
    }
  })

  it('summarizes an NPS survey with koe/scoring', async () => {
    const summary = await (
      await get(`/api/summary?surveyId=${response.surveyId}&period=week&timeZone=Asia/Tokyo`)
    ).json()
    expect(summary.nps).toEqual(nps(npsScores))
    expect(summary).toMatchObject({
      type: 'nps',
      displays: 2,
      responses: 7,
      dismissals: 1,
      // Rates are of the prompts known to have been shown: at least the 7 answers and the
      // dismissal (each followed a display), so they lie in 0..1 (was 3.5, issue 15).
      responseRate: 7 / 8,
      dismissRate: 1 / 8,
    })
    expect(summary.distribution).toEqual([1, 0, 0, 1, 0, 0, 0, 1, 1, 2, 1])
    // One week holds every record, so its rates are the survey's (issue 33: rates over time).
    expect(summary.timeline).toEqual([
      {
        period: '2026-W47',
        n: 7,
        value: nps(npsScores).score,
        interval: nps(npsScores).interval,
        responseRate: 7 / 8,
        dismissRate: 1 / 8,
      },
    ])
    expect(summary.comments).toHaveLength(7)
  })

  it('summarizes a CES survey with koe/scoring', async () => {
    const summary = await (await get('/api/summary?surveyId=ces-survey')).json()
    expect(summary.ces).toEqual(ces(cesScores))
    expect(summary.type).toBe('ces')
  })

  it('refuses bad summary parameters', async () => {
    expect((await get('/api/summary')).status).toBe(400)
    expect((await get(`/api/summary?surveyId=x&period=year`)).status).toBe(400)
    expect((await get(`/api/summary?surveyId=x&timeZone=Mars/Olympus`)).status).toBe(400)
  })

  it('exports CSV that a spreadsheet opens safely, and NDJSON that parses back', async () => {
    const bytes = new Uint8Array(
      await (await get(`/export.csv?surveyId=${response.surveyId}`)).arrayBuffer(),
    )
    // A UTF-8 byte order mark, so Excel reads the Japanese comments right.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const csv = new TextDecoder().decode(bytes)
    expect(csv.startsWith('id,kind,surveyId,')).toBe(true)
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`)
    const ndjson = await (await get(`/export.ndjson?surveyId=ces-survey`)).text()
    expect(
      ndjson
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).score),
    ).toEqual(cesScores)
  })

  it('answers a health check without a token: 200 while the database answers, 503 when not', async () => {
    const up = await get('/health', null)
    expect([up.status, await up.json()]).toEqual([200, { ok: true }])
    const down = createApp({
      store: createSqlStore(db),
      ...APP_FILES,
      token: TOKEN,
      sql: { query: () => Promise.reject(new Error('connection refused')) } as never,
      onError: () => {},
    })
    const res = await down(new Request('http://127.0.0.1/health'))
    expect([res.status, (await res.json()).ok]).toEqual([503, false])
  })

  it('serves the shop, the SPA and the dashboard, and nothing outside them', async () => {
    expect((await get('/shop/', null)).status).toBe(200)
    expect((await get('/spa/', null)).status).toBe(200)
    const dashboard = await get('/dashboard/', null)
    expect(dashboard.status).toBe(200)
    expect(dashboard.headers.get('content-security-policy')).toContain("script-src 'self'")
    for (const path of [
      '/shop/../package.json',
      '/shop/%2e%2e/package.json',
      '/shop/..%2fpackage.json',
      '/dist/server.js',
      '/packages/koe-collector/dist/koe-collector.js',
    ]) {
      expect((await get(path, null)).status).toBe(404)
    }
  })
})

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['=1+1', "'=1+1"],
    ['+81 90', "'+81 90"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    [9, '9'],
    [-1, '-1'],
    [undefined, ''],
  ])('writes %j as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell)
  })
})

describe('npm start', () => {
  it('refuses to listen beyond loopback without a dashboard token', () => {
    const run = spawnSync(
      process.execPath,
      ['packages/koe-collector/dist/koe-collector.js', '--demo', '.'],
      {
        cwd: root,
        env: { ...process.env, HOST: '0.0.0.0', PORT: '0', KOE_DASHBOARD_TOKEN: '' },
        encoding: 'utf8',
        timeout: 20_000,
      },
    )
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without KOE_DASHBOARD_TOKEN/)
  })
})
