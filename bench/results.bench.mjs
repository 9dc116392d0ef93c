// npm run bench (issue 15): how fast the dashboard's results are at 10⁶ and 10⁷ stored records on
// PostgreSQL and 10⁶ on PGlite, through the reference server's own API (packages/koe-collector/dist/koe-collector.js, its own
// process), and the server's peak memory while it exports 10⁶ records.
//
//   node bench/results.bench.mjs     10⁶ and 10⁷ on PostgreSQL, 10⁶ on PGlite, the export
//   KOE_BENCH_SKIP_10M=1 node bench/results.bench.mjs     without 10⁷ (which takes most of the time)
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { createSqlStore } from '../packages/koe-collector/dist/index.js'
import { startTestPostgres } from '../tests/support/test-postgres.mjs'

const PORT = 8798
const SAMPLES = 15
const CHUNK = 500_000

/**
 * A realistic mix over 13 months: five surveys (three NPS, a 7- and a 5-point CES), 55 %
 * displays, 15 % dismissals, 30 % answers (a fifth with a comment), four touchpoints, six pages,
 * three devices, three locales, a plan and a country attribute, and one record in ten from an
 * older SDK without context. Made in the database, so that 10⁷ rows take minutes, not hours.
 */
const GENERATE = `
INSERT INTO koe_records (id, kind, survey_id, type, score, scale, comment, created_at, updated_at, locale, counted_score, record)
SELECT id, kind, survey_id, type, score, scale, comment, created_at, updated_at, locale, COALESCE(score, -1),
  jsonb_strip_nulls(jsonb_build_object(
    'id', id, 'kind', kind, 'surveyId', survey_id, 'type', type, 'score', score, 'scale', scale,
    'comment', comment, 'createdAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'updatedAt', to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'trigger', trig, 'locale', locale, 'url', url, 'device', device, 'attributes', attributes))
FROM (
  SELECT gen_random_uuid() AS id, k.kind, s.survey_id,
    CASE WHEN k.kind = 'response' THEN s.type END AS type,
    CASE WHEN k.kind = 'response' THEN (CASE WHEN s.type = 'nps' THEN floor(random() * 11)
      ELSE 1 + floor(random() * COALESCE(s.scale, 7)) END)::smallint END AS score,
    CASE WHEN k.kind = 'response' THEN s.scale END AS scale,
    CASE WHEN k.kind = 'response' AND random() < 0.2
      THEN (ARRAY['配送が早い', 'slow delivery', 'great coffee', '梱包が丁寧'])[1 + floor(random() * 4)::int] END AS comment,
    t.at AS created_at, CASE WHEN k.kind = 'response' THEN t.at END AS updated_at,
    CASE WHEN c.legacy THEN NULL ELSE (ARRAY['ja', 'en', 'en-GB'])[1 + floor(random() * 3)::int] END AS locale,
    CASE WHEN c.legacy THEN NULL ELSE (ARRAY['purchase_completed', 'cart_abandoned', 'exit_intent', 'show'])[1 + floor(random() * 4)::int] END AS trig,
    CASE WHEN c.legacy THEN NULL ELSE 'https://shop.example' || (ARRAY['/', '/cart', '/checkout/thanks', '/products/beans', '/help', '/account'])[1 + floor(random() * 6)::int] END AS url,
    CASE WHEN c.legacy THEN NULL ELSE (ARRAY['mobile', 'desktop', 'tablet'])[1 + floor(random() * 3)::int] END AS device,
    CASE WHEN c.legacy THEN NULL ELSE jsonb_build_object(
      'plan', (ARRAY['free', 'pro', 'team'])[1 + floor(random() * 3)::int],
      'country', (ARRAY['JP', 'US', 'GB', 'DE', 'FR'])[1 + floor(random() * 5)::int],
      'orders', floor(random() * 40)::int) END AS attributes
  FROM generate_series(1, $1::int) AS g
  CROSS JOIN LATERAL (SELECT now() - random() * interval '395 days' + g * interval '0' AS at) AS t
  CROSS JOIN LATERAL (SELECT random() + g * 0 < 0.1 AS legacy) AS c
  CROSS JOIN LATERAL (SELECT (ARRAY['display', 'display', 'display', 'display', 'display', 'display',
      'display', 'display', 'display', 'display', 'display', 'dismiss', 'dismiss', 'dismiss',
      'response', 'response', 'response', 'response', 'response', 'response'])[1 + floor(random() * 20 + g * 0)::int] AS kind) AS k
  CROSS JOIN LATERAL (SELECT * FROM (VALUES
      ('post-purchase-nps', 'nps', NULL::smallint), ('page-nps', 'nps', NULL), ('onboarding-nps', 'nps', NULL),
      ('cart-ces', 'ces', 7::smallint), ('support-ces', 'ces', 5::smallint)) AS v (survey_id, type, scale)
    OFFSET floor(random() * 5 + g * 0)::int LIMIT 1) AS s
) AS r`

/**
 * Fills a migrated database with `count` records, a chunk per statement, and counts them into
 * the rollup in one statement, as a first start on stored records or a new reporting zone does
 * (the rows are made as already counted, so that the count is of the rollup alone). Resolves
 * both times.
 */
async function fill(query, store, count) {
  const start = performance.now()
  for (let done = 0; done < count; done += CHUNK)
    await query(GENERATE, [Math.min(CHUNK, count - done)])
  const made = performance.now()
  await store.rebuildRollup()
  return { made: (made - start) / 1000, counted: (performance.now() - made) / 1000 }
}

async function startServer(env) {
  const child = spawn(
    process.execPath,
    ['packages/koe-collector/dist/koe-collector.js', '--demo', '.'],
    {
      env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => String(chunk).includes('collector') && resolve())
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return child
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const ms = (value) => `${value.toFixed(1)} ms`

/** Median and range of a request's time, after one warm-up. */
async function time(path) {
  const get = async () => {
    const start = performance.now()
    const response = await fetch(`http://127.0.0.1:${PORT}${path}`)
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`)
    await response.arrayBuffer()
    return performance.now() - start
  }
  await get()
  const samples = []
  for (let i = 0; i < SAMPLES; i++) samples.push(await get())
  samples.sort((a, b) => a - b)
  return `${ms(median(samples))} (${samples[0].toFixed(1)}–${samples.at(-1).toFixed(1)})`
}

const SURVEY = 'surveyId=post-purchase-nps'
const REQUESTS = [
  ['summary, all time', `/api/summary?${SURVEY}`],
  ['summary, 30 days', `/api/summary?${SURVEY}&days=30`],
  ['timeline by week, all time', `/api/summary?${SURVEY}&period=week`],
  ['segment table (touchpoint), all time', `/api/segments?${SURVEY}&dim=trigger`],
  ['segment table (touchpoint), 30 days', `/api/segments?${SURVEY}&dim=trigger&days=30`],
  ['segment table (attribute), 30 days', `/api/segments?${SURVEY}&dim=attr:plan&days=30`],
  [
    'summary, touchpoint and attribute, 30 days (records)',
    `/api/summary?${SURVEY}&days=30&where=trigger=cart_abandoned&where=attr:plan=pro`,
  ],
]

async function measure(name, env) {
  const server = await startServer(env)
  try {
    console.log(`${name}:`)
    for (const [what, path] of REQUESTS) console.log(`  ${what.padEnd(54)} ${await time(path)}`)
  } finally {
    server.kill()
  }
}

/** Resident memory of a process in kB, from /proc. */
const rss = (pid) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)

/** The server's peak memory above idle while it streams every record as NDJSON. */
async function exportMemory(env) {
  const server = await startServer(env)
  try {
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    const idle = rss(server.pid)
    let peak = idle
    const sampler = setInterval(() => {
      peak = Math.max(peak, rss(server.pid))
    }, 20)
    const start = performance.now()
    const response = await fetch(`http://127.0.0.1:${PORT}/export.ndjson`)
    let bytes = 0
    let lines = 0
    for await (const chunk of response.body) {
      bytes += chunk.length
      for (const byte of chunk) if (byte === 10) lines++
    }
    clearInterval(sampler)
    console.log(
      `  export of ${lines.toLocaleString('en')} records (${(bytes / 1e6).toFixed(0)} MB NDJSON) in ${((performance.now() - start) / 1000).toFixed(1)} s: server peak ${((peak - idle) / 1024).toFixed(1)} MB above idle (${(idle / 1024).toFixed(0)} MB)`,
    )
  } finally {
    server.kill()
  }
}

const postgres = await startTestPostgres()
const admin = new pg.Client({ connectionString: postgres.url })
await admin.connect()
async function withSchema(count, run) {
  const schema = `koe_bench_${randomBytes(4).toString('hex')}`
  await admin.query(`CREATE SCHEMA ${schema}`)
  const url = new URL(postgres.url)
  url.searchParams.set('options', `-c search_path=${schema}`)
  const pool = new pg.Pool({ connectionString: url.href, max: 1 })
  try {
    const store = createSqlStore(pool)
    await store.migrate()
    const seconds = await fill((sql, params) => pool.query(sql, params), store, count)
    await pool.query('VACUUM ANALYZE koe_records')
    await pool.query('VACUUM ANALYZE koe_rollup')
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM koe_rollup')
    console.log(
      `PostgreSQL, ${count.toLocaleString('en')} records made in ${seconds.made.toFixed(0)} s, counted into the rollup in ${seconds.counted.toFixed(0)} s (${rows[0].n.toLocaleString('en')} rows)`,
    )
    await run({ DATABASE_URL: url.href })
  } finally {
    await pool.end()
    await admin.query(`DROP SCHEMA ${schema} CASCADE`)
  }
}

await withSchema(1_000_000, async (env) => {
  await measure('PostgreSQL, 10⁶ records', env)
  await exportMemory(env)
})
if (!process.env.KOE_BENCH_SKIP_10M)
  await withSchema(10_000_000, (env) => measure('PostgreSQL, 10⁷ records', env))
await admin.end()
await postgres.stop()

const dataDir = mkdtempSync(join(tmpdir(), 'koe-bench-'))
try {
  const db = await PGlite.create(dataDir)
  const store = createSqlStore(db)
  await store.migrate()
  const seconds = await fill((sql, params) => db.query(sql, params), store, 1_000_000)
  await db.query('VACUUM ANALYZE')
  await db.close()
  console.log(
    `PGlite, 1,000,000 records made in ${seconds.made.toFixed(0)} s, counted into the rollup in ${seconds.counted.toFixed(0)} s`,
  )
  await measure('PGlite, 10⁶ records', { KOE_DATA: dataDir })
} finally {
  rmSync(dataDir, { recursive: true, force: true })
}
