// npm run bench: what a large export costs the answers arriving meanwhile (issue 27). The
// reference collector (packages/koe-collector/dist/koe-collector.js, its own process, PGlite) holds 200,000 records; one client
// downloads /export.ndjson as fast as it can while another sends one answer every 50 ms. Reports
// the export's time and the answers' latency (median, 90th percentile, worst).
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const RECORDS = 200_000
const PER_BATCH = 500
const PORT = 8798
const base = `http://127.0.0.1:${PORT}`

let next = 0
const record = () => ({
  id: `${randomBytes(4).toString('hex')}-0000-7000-8000-${(next++).toString(16).padStart(12, '0')}`,
  kind: 'response',
  surveyId: 'post-purchase-nps',
  type: 'nps',
  score: next % 11,
  comment: 'The parcel came a day late, but the coffee is excellent.',
  createdAt: new Date(Date.now() - next * 1000).toISOString(),
  updatedAt: new Date().toISOString(),
  locale: 'en',
  url: 'https://shop.example/checkout/thanks',
  sdk: 'koe@0.1.0',
})
const post = (records) =>
  fetch(`${base}/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ v: 1, sentAt: new Date().toISOString(), records }),
  }).then(async (response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    await response.text()
  })

const dataDir = mkdtempSync(join(tmpdir(), 'koe-bench-'))
const child = spawn(
  process.execPath,
  ['packages/koe-collector/dist/koe-collector.js', '--demo', '.'],
  {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      KOE_DATA: dataDir,
      KOE_RATE_LIMIT_PER_SECOND: '0',
      KOE_SEED_SURVEYS: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
)
try {
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => String(chunk).includes('collector') && resolve())
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  let queued = 0
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (queued < RECORDS) {
        queued += PER_BATCH
        await post(Array.from({ length: PER_BATCH }, record))
      }
    }),
  )
  // The dashboard's rollup counts the new records first (a summary waits for it), so that what
  // is measured below is the export alone.
  const summary = await fetch(`${base}/api/summary?surveyId=post-purchase-nps`)
  if (!summary.ok) throw new Error(`summary: HTTP ${summary.status}`)
  const started = performance.now()
  const exported = (async () => {
    const response = await fetch(`${base}/export.ndjson`)
    let bytes = 0
    for await (const chunk of response.body) bytes += chunk.length
    return { bytes, ms: performance.now() - started }
  })()
  const latencies = []
  let done = false
  exported.finally(() => {
    done = true
  })
  let failed = 0
  while (!done) {
    const at = performance.now()
    await post([record()]).catch((error) => {
      failed++
      console.error(`answer not taken: ${error.cause?.code ?? error.message}`)
    })
    latencies.push(performance.now() - at)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const { bytes, ms } = await exported
  latencies.sort((a, b) => a - b)
  const q = (p) => Math.round(latencies[Math.floor(p * (latencies.length - 1))])
  console.log(
    `export of ${RECORDS.toLocaleString('en')} records (${(bytes / 1e6).toFixed(1)} MB NDJSON, PGlite): ${(ms / 1000).toFixed(1)} s; ${latencies.length} answers meanwhile: median ${q(0.5)} ms, p90 ${q(0.9)} ms, worst ${q(1)} ms, ${failed} failed`,
  )
} finally {
  child.kill()
  rmSync(dataDir, { recursive: true, force: true })
}
