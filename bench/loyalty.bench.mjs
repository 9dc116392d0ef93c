// npm run bench (issue 30): the loyalty loop at scale on PostgreSQL, through the reference
// server's own API in its own process: GET /api/loyalty over 10⁶ NPS answers and 10⁷ outcomes
// (goal ≤ 300 ms), and POST /api/outcomes of 10⁶ order lines, in the API's parts of 100,000
// (goal ≤ 60 s). The data is made in SQL, so the loyalty tables (collector/loyalty-sql.ts) are
// worked out once after it, as a first start on stored data does; then the view, with and without
// a range, and after the import the first view (which waits for the server to catch up) and the
// next ones.
//
//   node bench/loyalty.bench.mjs
//   KOE_BENCH_SCALE=0.1 node bench/loyalty.bench.mjs     a tenth of it, for a quick look
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { createSqlStore } from '../packages/koe-collector/dist/index.js'
import { startTestPostgres } from '../tests/support/test-postgres.mjs'

const PORT = 8799
const SAMPLES = 5
const SCALE = Number(process.env.KOE_BENCH_SCALE ?? 1)
const ANSWERS = Math.round(1_000_000 * SCALE)
const OUTCOMES = Math.round(10_000_000 * SCALE)
const IMPORTED = Math.round(1_000_000 * SCALE)
/** Customers: most answered once, some twice or more over the 13 months. */
const PEOPLE = Math.round(700_000 * SCALE)
const CHUNK = 500_000

/**
 * NPS answers over 13 months: four in five from a signed-in customer, one in five from a guest's
 * device, and one in twenty of the signed-in ones from a device that also answered as a guest
 * (so the device is theirs). Made in the database, so that 10⁶ rows take seconds.
 */
const ANSWERS_SQL = `
INSERT INTO koe_records (id, kind, survey_id, type, score, created_at, updated_at, locale, counted_score, record)
SELECT id, 'response', 'post-purchase-nps', 'nps', score, at, at, 'en', score,
  jsonb_strip_nulls(jsonb_build_object('id', id, 'kind', 'response', 'surveyId', 'post-purchase-nps',
    'type', 'nps', 'score', score,
    'createdAt', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'updatedAt', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'userId', user_id, 'anonymousId', anonymous_id))
FROM (
  SELECT gen_random_uuid() AS id, floor(random() * 11)::smallint AS score,
    now() - random() * interval '395 days' + g * interval '0' AS at,
    CASE WHEN g % 5 <> 0 THEN 'c-' || (g % $2::int) END AS user_id,
    CASE WHEN g % 5 = 0 OR g % 20 = 1 THEN 'a-' || (g % $2::int) END AS anonymous_id
  FROM generate_series($3::int, $3::int + $1::int - 1) AS g
) AS a`

/** Outcomes of the same customers: nine in ten purchases, one in ten refunds, any time. */
const OUTCOMES_SQL = `
INSERT INTO koe_outcomes (name, external_id, user_id, at, value, currency)
SELECT CASE WHEN g % 10 = 0 THEN 'refund' ELSE 'purchase' END, 'order-' || g,
  'c-' || floor(random() * $2::int + g * 0)::int, now() - random() * interval '400 days' + g * interval '0',
  1000 + floor(random() * 9000), 'EUR'
FROM generate_series($3::int, $3::int + $1::int - 1) AS g`

async function startServer(env) {
  const child = spawn(process.execPath, ['packages/koe-collector/dist/koe-collector.js'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      KOE_RATE_LIMIT_PER_SECOND: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => String(chunk).includes('ready at') && resolve())
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return child
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const url = (path) => `http://127.0.0.1:${PORT}${path}`

const postgres = await startTestPostgres()
const admin = new pg.Client({ connectionString: postgres.url })
await admin.connect()
const schema = `koe_bench_${randomBytes(4).toString('hex')}`
await admin.query(`CREATE SCHEMA ${schema}`)
const database = new URL(postgres.url)
database.searchParams.set('options', `-c search_path=${schema}`)
const pool = new pg.Pool({ connectionString: database.href, max: 1 })
try {
  await createSqlStore(pool).migrate()
  let start = performance.now()
  for (let done = 0; done < ANSWERS; done += CHUNK)
    await pool.query(ANSWERS_SQL, [Math.min(CHUNK, ANSWERS - done), PEOPLE, done + 1])
  for (let done = 0; done < OUTCOMES; done += CHUNK)
    await pool.query(OUTCOMES_SQL, [Math.min(CHUNK, OUTCOMES - done), PEOPLE, done + 1])
  await pool.query('VACUUM ANALYZE koe_records')
  await pool.query('VACUUM ANALYZE koe_outcomes')
  console.log(
    `PostgreSQL: ${ANSWERS.toLocaleString('en')} NPS answers and ${OUTCOMES.toLocaleString('en')} outcomes made in ${((performance.now() - start) / 1000).toFixed(0)} s`,
  )
  start = performance.now()
  await pool.query('SELECT koe_loyalty_rebuild()')
  await pool.query('VACUUM ANALYZE koe_loyalty_answers, koe_loyalty_hits')
  console.log(
    `  the loyalty tables worked out from them (a first start on stored data): ${((performance.now() - start) / 1000).toFixed(0)} s`,
  )
  const server = await startServer({ DATABASE_URL: database.href })
  try {
    const path = '/api/loyalty?surveyId=post-purchase-nps&outcome=purchase&days=90'
    const get = async (path) => {
      const t = performance.now()
      const response = await fetch(url(path))
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`)
      const body = await response.json()
      return [performance.now() - t, body]
    }
    /** The median of SAMPLES views after a first one, and the first's result. */
    const measure = async (path) => {
      const [, first] = await get(path)
      const samples = []
      for (let i = 0; i < SAMPLES; i++) samples.push((await get(path))[0])
      samples.sort((a, b) => a - b)
      const { promoter, passive, detractor } = first.groups
      const respondents = promoter.respondents + passive.respondents + detractor.respondents
      return `${respondents.toLocaleString('en')} respondents: ${median(samples).toFixed(0)} ms (${samples[0].toFixed(0)}–${samples.at(-1).toFixed(0)})`
    }
    console.log(`  GET /api/loyalty, 90 days, ${await measure(path)}, goal ≤ 300 ms`)
    const since = new Date(Date.now() - 180 * 86_400_000).toISOString()
    console.log(
      `  GET /api/loyalty, 90 days, answers of the last 180 days (a range reads each answer's row), ${await measure(`${path}&from=${since}`)}`,
    )

    // An order export of 10⁶ lines, sent as the API takes it: 100,000 lines a request.
    const PART = 100_000
    start = performance.now()
    let accepted = 0
    for (let done = 0; done < IMPORTED; done += PART) {
      const lines = []
      for (let i = done; i < Math.min(IMPORTED, done + PART); i++)
        lines.push(
          JSON.stringify({
            userId: `c-${i % PEOPLE}`,
            name: 'purchase',
            at: new Date(Date.now() - (i % 400) * 86_400_000).toISOString(),
            value: 1000 + (i % 9000),
            currency: 'EUR',
            id: `import-${i}`,
          }),
        )
      const response = await fetch(url('/api/outcomes'), { method: 'POST', body: lines.join('\n') })
      accepted += (await response.json()).accepted
    }
    console.log(
      `  POST /api/outcomes of ${IMPORTED.toLocaleString('en')} lines (${accepted.toLocaleString('en')} accepted): ${((performance.now() - start) / 1000).toFixed(1)} s, goal ≤ 60 s`,
    )
    // The import marked nearly every customer: the first view waits for the catch-up.
    const [firstAfter] = await get(path)
    console.log(
      `  GET /api/loyalty right after the import: ${(firstAfter / 1000).toFixed(1)} s (it waits for the loyalty tables to catch up); then ${await measure(path)}`,
    )
  } finally {
    server.kill()
  }
} finally {
  await pool.end()
  await admin.query(`DROP SCHEMA ${schema} CASCADE`)
  await admin.end()
  await postgres.stop?.()
}
