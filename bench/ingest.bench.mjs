// npm run bench: records per second that the reference collector (dist/server.js, its own
// process) stores into PGlite and into PostgreSQL, under a load generator in this process on
// loopback. Bounded: a fixed number of batches, and a time limit.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
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
  const child = spawn(process.execPath, ['dist/server.js'], {
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

async function run(name, env, cleanup) {
  const server = await startServer(env)
  try {
    await load() // warm-up: JIT, connection pool, table and index pages
    const rounds = []
    for (let i = 0; i < ROUNDS; i++) rounds.push(await load())
    const rates = rounds.map((r) => r.rate).sort((a, b) => a - b)
    const median = rates[Math.floor(ROUNDS / 2)]
    console.log(
      `${name.padEnd(10)} median ${Math.round(median).toLocaleString('en')} records/s over ${ROUNDS} rounds of ${(BATCHES * RECORDS_PER_BATCH).toLocaleString('en')} (range ${Math.round(rates[0]).toLocaleString('en')}–${Math.round(rates[ROUNDS - 1]).toLocaleString('en')}; batches of ${RECORDS_PER_BATCH}, ${CONCURRENCY} clients)`,
    )
  } finally {
    server.kill()
    await cleanup?.()
  }
}

console.log('collector ingest, loopback, one server process:')
const dataDir = mkdtempSync(join(tmpdir(), 'koe-bench-'))
await run('PGlite', { KOE_DATA: dataDir }, () => rmSync(dataDir, { recursive: true, force: true }))

// KOE_TEST_DATABASE_URL, or a throwaway PostgreSQL 17 from npm.
const postgres = await startTestPostgres()
const schema = `koe_bench_${randomBytes(4).toString('hex')}`
const admin = new pg.Client({ connectionString: postgres.url })
await admin.connect()
await admin.query(`CREATE SCHEMA ${schema}`)
const url = new URL(postgres.url)
url.searchParams.set('options', `-c search_path=${schema}`)
await run('PostgreSQL', { DATABASE_URL: url.href }, async () => {
  await admin.query(`DROP SCHEMA ${schema} CASCADE`)
  await admin.end()
  await postgres.stop()
})
