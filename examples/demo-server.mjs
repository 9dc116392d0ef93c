// A small collector and static server for the demo and the browser tests. It validates batches
// with koe/scoring (the built dist/scoring.js, as a user's server would import it), keeps each
// record once by id, and optionally appends what it stores to an NDJSON file. The full collector
// (PostgreSQL, dashboard) is issue 7; this one is deliberately small.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { dirname, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { validateBatch } from '../dist/scoring.js'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
}
/** URL path → file; nothing else on disk is served. */
const FILES = {
  '/': 'examples/script-tag/index.html',
  '/shop.js': 'examples/script-tag/shop.js',
  '/shop.css': 'examples/script-tag/shop.css',
  '/surveys.json': 'examples/script-tag/surveys.json',
  '/koe.iife.js': 'dist/koe.iife.js',
}
const MAX_BODY = 1_000_000

/**
 * Starts the demo server on 127.0.0.1. Resolves with its URL, the stored records (latest version
 * per id), every accepted batch in order, and `close()`.
 */
export function startDemoServer({ port = 8787, dataFile, log = () => {} } = {}) {
  const records = new Map()
  const batches = []
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://localhost').pathname
    if (request.method === 'OPTIONS') return send(response, 204, '')
    if (request.method === 'POST' && path === '/collect') return collect(request, response)
    const file = FILES[path]
    if (request.method !== 'GET' || !file) return send(response, 404, 'not found\n', 'text/plain')
    send(response, 200, readFileSync(join(root, file)), TYPES[extname(file)])
  })

  function collect(request, response) {
    const chunks = []
    let size = 0
    request.on('data', (chunk) => {
      size += chunk.length
      if (size > MAX_BODY) request.destroy()
      else chunks.push(chunk)
    })
    request.on('end', () => {
      let json
      try {
        json = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        return send(response, 400, JSON.stringify({ error: 'body is not JSON' }), TYPES['.json'])
      }
      const result = validateBatch(json)
      if (!result.ok)
        return send(response, 400, JSON.stringify({ errors: result.errors }), TYPES['.json'])
      let accepted = 0
      let duplicates = 0
      for (const record of result.value.records) {
        const previous = records.get(record.id)
        if (previous && JSON.stringify(previous) === JSON.stringify(record)) {
          duplicates++
          continue
        }
        accepted++
        records.set(record.id, record)
        if (dataFile) appendFileSync(dataFile, `${JSON.stringify(record)}\n`)
        log(describeRecord(record))
      }
      batches.push(result.value)
      send(response, 200, JSON.stringify({ accepted, duplicates, rejected: [] }), TYPES['.json'])
    })
  }

  if (dataFile) mkdirSync(dirname(dataFile), { recursive: true })
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}`
      resolve({ url, records, batches, close: () => new Promise((done) => server.close(done)) })
    })
  })
}

function send(response, status, body, type) {
  response.writeHead(status, {
    ...(type ? { 'content-type': type } : {}),
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type',
    'cache-control': 'no-store',
  })
  response.end(body)
}

function describeRecord(record) {
  if (record.kind !== 'response') return `${record.kind} of ${record.surveyId}`
  const comment = record.comment ? ` "${record.comment}"` : ''
  return `answer to ${record.surveyId}: ${record.type.toUpperCase()} ${record.score}${comment}`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dataFile = join(root, process.env.KOE_DATA ?? '.koe-data', 'answers.ndjson')
  const server = await startDemoServer({
    port: Number(process.env.PORT ?? 8787),
    dataFile,
    log: (line) => console.log(`  received ${line}`),
  })
  console.log(`Koe demo shop:   ${server.url}/`)
  console.log(`Collector:       POST ${server.url}/collect`)
  console.log(`Answers go to:   ${dataFile} (one JSON record per line)`)
  console.log('Press "Complete purchase", answer the survey, and watch the answer arrive here.')
}
