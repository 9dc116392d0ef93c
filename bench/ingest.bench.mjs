// npm run bench: records per second that the reference collector (packages/koe-collector/dist/koe-collector.js, its own
// process) stores into PGlite and into PostgreSQL, under a load generator in this process on
// loopback. Bounded: a fixed number of batches, and a time limit.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startTestPostgres } from '../tests/support/test-postgres.mjs'

const BATCHES = 400
const RECORDS_PER_BATCH = 50
const CONCURRENCY = 8
const TIME_LIMIT_MS = 60_000
const PORT = 8799

let next = 0
const id = () => {
  const n = (next++).toString(16).padStart(12, '0')
  return `${randomBytes(4).toString('hex')}-0000-7000-8000-${n}`
}
const batch = () => ({
  v: 1,
  sentAt: new Date().toISOString(),
  records: Array.from({ length: RECORDS_PER_BATCH }, () => ({
    id: id(),
    kind: 'response',
    surveyId: 'post-purchase-nps',
    type: 'nps',
    score: next % 11,
    comment: 'とても使いやすいです',
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    locale: 'ja',
    url: 'https://shop.example/checkout/thanks',
    sdk: 'koe@0.1.0',
  })),
})

async function startServer(env) {
  const child = spawn(
    process.execPath,
    ['packages/koe-collector/dist/koe-collector.js', '--demo', '.'],
    {
      env: {
        ...process.env,
        PORT: String(PORT),
        HOST: '127.0.0.1',
        KOE_RATE_LIMIT_PER_SECOND: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => String(chunk).includes('collector') && resolve())
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return child
}

async function load() {
  const bodies = Array.from({ length: BATCHES }, () => JSON.stringify(batch()))
  let sent = 0
  let stored = 0
  const deadline = Date.now() + TIME_LIMIT_MS
  const start = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < bodies.length && Date.now() < deadline) {
        const body = bodies[sent++]
        const response = await fetch(`http://127.0.0.1:${PORT}/collect`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body,
        })
        if (!response.ok) throw new Error(`HTTP ${response.status}`)
        stored += (await response.json()).accepted
      }
    }),
  )
  const seconds = (performance.now() - start) / 1000
  return { stored, seconds, rate: stored / seconds }
}

const ROUNDS = 5

/**
 * Alert endpoints on the server: three rules, one of which every answer of the load matches, to a
 * receiver in this process that answers 200. Ingest queues the alerts in its own statement and
 * the worker sends them meanwhile, so the rate below includes what alerts cost the collector.
 */
async function addAlerts() {
  const receiver = createServer((request, response) => {
    request.resume()
    request.on('end', () => response.writeHead(200).end())
  })
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${receiver.address().port}/alerts`
  for (const [name, rule] of [
    ['every answer', {}],
    ['detractors', { groups: ['detractor'] }],
    ['commented CES', { groups: ['hard'], withComment: true }],
  ]) {
    const response = await fetch(`http://127.0.0.1:${PORT}/api/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, url, rule }),
    })
    if (response.status !== 201) throw new Error(`webhook not added: HTTP ${response.status}`)
  }
  return () => new Promise((resolve) => receiver.close(resolve))
}

async function run(name, env, cleanup, withAlerts = false) {
  const server = await startServer(env)
  const removeAlerts = withAlerts ? await addAlerts() : null
  try {
    await load() // warm-up: JIT, connection pool, table and index pages
    const rounds = []
    for (let i = 0; i < ROUNDS; i++) rounds.push(await load())
    const rates = rounds.map((r) => r.rate).sort((a, b) => a - b)
    const median = rates[Math.floor(ROUNDS / 2)]
    console.log(
      `${name.padEnd(15)} median ${Math.round(median).toLocaleString('en')} records/s over ${ROUNDS} rounds of ${(BATCHES * RECORDS_PER_BATCH).toLocaleString('en')} (range ${Math.round(rates[0]).toLocaleString('en')}–${Math.round(rates[ROUNDS - 1]).toLocaleString('en')}; batches of ${RECORDS_PER_BATCH}, ${CONCURRENCY} clients)`,
    )
  } finally {
    server.kill()
    await removeAlerts?.()
    await cleanup?.()
  }
}

console.log('collector ingest, loopback, one server process:')
const dataDir = mkdtempSync(join(tmpdir(), 'koe-bench-'))
await run('PGlite', { KOE_DATA: dataDir }, () => rmSync(dataDir, { recursive: true, force: true }))
// The same, with alerts on (issue 16): answers must be acknowledged as fast.
const alertDir = mkdtempSync(join(tmpdir(), 'koe-bench-'))
await run(
  'PGlite, alerts',
  { KOE_DATA: alertDir, KOE_WEBHOOK_ALLOW_PRIVATE: '1', KOE_ALERT_DELAY_SECONDS: '0' },
  () => rmSync(alertDir, { recursive: true, force: true }),
  true,
)

// KOE_TEST_DATABASE_URL, or a throwaway PostgreSQL 17 from npm.
const postgres = await startTestPostgres()
const admin = new pg.Client({ connectionString: postgres.url })
await admin.connect()
/** A DATABASE_URL into a fresh schema of its own, and how to drop it. */
async function freshSchema() {
  const schema = `koe_bench_${randomBytes(4).toString('hex')}`
  await admin.query(`CREATE SCHEMA ${schema}`)
  const url = new URL(postgres.url)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return { url: url.href, drop: () => admin.query(`DROP SCHEMA ${schema} CASCADE`) }
}
const plain = await freshSchema()
await run('PostgreSQL', { DATABASE_URL: plain.url }, plain.drop)
const alerting = await freshSchema()
await run(
  'PostgreSQL, alerts',
  { DATABASE_URL: alerting.url, KOE_WEBHOOK_ALLOW_PRIVATE: '1', KOE_ALERT_DELAY_SECONDS: '0' },
  alerting.drop,
  true,
)
await admin.end()
await postgres.stop()
