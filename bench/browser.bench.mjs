// npm run bench: the browser budgets of docs/budgets.md, measured in headless Chromium on the
// built dist/koe.iife.js. Every request is answered inside Playwright (page.route): nothing
// leaves the machine. Medians of ROUNDS fresh page loads.
import { readFileSync } from 'node:fs'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutable } from '../tests/browser/chromium.mjs'
import { filesBeside } from './files-beside.mjs'

const ROUNDS = 21
const ORIGIN = 'http://127.0.0.1:9'
// BUNDLE=path/to/koe.iife.js measures another build (a before/after comparison).
const bundlePath = process.env.BUNDLE ?? new URL('../dist/koe.iife.js', import.meta.url).pathname
const bundle = readFileSync(bundlePath, 'utf8')
const beside = filesBeside(bundlePath)
// The bundle by URL, as sites load it, so it finds its prompt beside itself; evaluation is timed
// from its last byte (resource timing) to the mark after it.
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script src="/koe.iife.js"></script>
<script>performance.mark('koe-end')
koe('init', { endpoint: '${ORIGIN}/collect', surveys: [{ id: 'nps', type: 'nps', trigger: { event: 'go' } }] })</script>
</head><body><p>Benchmark page</p></body></html>`

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS })
const evaluate = []
const visible = []
const durable = []
const flushRates = []
for (let round = 0; round < ROUNDS; round++) {
  const context = await browser.newContext()
  const tab = await context.newPage()
  await tab.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname
    if (path === '/koe.iife.js')
      return route.fulfill({ contentType: 'text/javascript', body: bundle })
    const besideFile = beside[path.slice(1)]
    if (besideFile !== undefined)
      return route.fulfill({ contentType: 'text/javascript', body: besideFile })
    if (path === '/collect')
      return route.fulfill({
        contentType: 'application/json',
        body: '{"accepted":1,"duplicates":0,"rejected":[]}',
      })
    return route.fulfill({ contentType: 'text/html', body: page })
  })
  await tab.goto(`${ORIGIN}/`)
  evaluate.push(
    await tab.evaluate(
      () =>
        performance.getEntriesByName('koe-end')[0].startTime -
        performance.getEntriesByType('resource').find((r) => r.name.endsWith('/koe.iife.js'))
          .responseEnd,
    ),
  )

  // Trigger fired (no delay) → the prompt, rendered, is in the page; it paints on the next frame.
  visible.push(
    await tab.evaluate(
      () =>
        new Promise((resolve) => {
          let start = 0
          new MutationObserver((_, observer) => {
            const host = document.querySelector('[data-koe-survey="nps"]')
            if (host?.shadowRoot?.querySelector('[role=dialog]')) {
              observer.disconnect()
              resolve(performance.now() - start)
            }
          }).observe(document.body, { childList: true })
          start = performance.now()
          window.koe('track', 'go')
        }),
    ),
  )

  // Score chosen → the response record readable from IndexedDB by another connection.
  durable.push(
    await tab.evaluate(
      () =>
        new Promise((resolve) => {
          const input = document
            .querySelector('[data-koe-survey="nps"]')
            .shadowRoot.querySelectorAll('input[type=radio]')[9]
          const start = performance.now()
          input.click()
          const poll = () => {
            const open = indexedDB.open('koe-queue')
            open.onsuccess = () => {
              const db = open.result
              if (!db.objectStoreNames.contains('records')) {
                db.close()
                return setTimeout(poll, 0)
              }
              const all = db.transaction('records').objectStore('records').getAll()
              all.onsuccess = () => {
                db.close()
                if (all.result.some((e) => e.record.kind === 'response'))
                  resolve(performance.now() - start)
                else setTimeout(poll, 0)
              }
            }
          }
          poll()
        }),
    ),
  )
  // Flush rate: 1,000 records already queued (as after a long offline spell), delivered to a
  // collector that acknowledges at once; timed from flush() to an empty queue.
  flushRates.push(
    await tab.evaluate(async () => {
      const db = await new Promise((resolve) => {
        const open = indexedDB.open('koe-queue')
        open.onupgradeneeded = () => open.result.createObjectStore('records')
        open.onsuccess = () => resolve(open.result)
      })
      await new Promise((resolve) => {
        const tx = db.transaction('records', 'readwrite')
        for (let i = 0; i < 1000; i++) {
          const id = `0193a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`
          tx.objectStore('records').put(
            {
              record: { id, kind: 'display', surveyId: 'nps', createdAt: new Date().toISOString() },
              rev: 1,
            },
            id,
          )
        }
        tx.oncomplete = resolve
      })
      db.close()
      const start = performance.now()
      await window.koe('flush')
      const seconds = (performance.now() - start) / 1000
      const left = await new Promise((resolve) => {
        const open = indexedDB.open('koe-queue')
        open.onsuccess = () => {
          const count = open.result.transaction('records').objectStore('records').count()
          count.onsuccess = () => resolve(count.result)
        }
      })
      if (left !== 0) throw new Error(`${left} records still queued after flush`)
      return 1000 / seconds
    }),
  )
  await context.close()
}
await browser.close()

const ms = (v) => `${v.toFixed(2)} ms`
console.log(`browser budgets, Chromium headless, median of ${ROUNDS} fresh pages:`)
console.log(
  `  parse + evaluate dist/koe.iife.js  ${ms(median(evaluate))} (budget ≤ 3 ms, goal ≤ 1 ms)`,
)
console.log(
  `  trigger fired → prompt in the DOM  ${ms(median(visible))}, painted the next frame (budget ≤ 1 frame)`,
)
console.log(`  score chosen → durable in IndexedDB ${ms(median(durable))} (budget ≤ 50 ms)`)
console.log(
  `  flush of 1,000 queued records       ${Math.round(median(flushRates)).toLocaleString('en')} records/s`,
)
