// npm run bench (issue 18): what Koe costs the page that hosts it, side by side with the floor
// (bench/floor-prompt.js, the smallest honest NPS prompt) and an empty page, in one headless
// Chromium. Samples are interleaved (the order rotates each round), each in a fresh browser
// context; every request is answered inside Playwright, nothing leaves the machine.
//
// Per sample, on a page whose survey shows on load:
//   - parse + compile + evaluate with init: from the script's last byte (resource timing; the
//     script is loaded by URL) to a mark after `init`;
//   - main-thread JS in the first 2.5 s: the union of JS trace events on the renderer's main
//     thread (evaluate, compile, calls, microtasks, timers, events), over the empty page's;
//   - long tasks (≥ 50 ms) in those 2.5 s;
//   - JS heap after the prompt, after a forced GC, over the empty page's;
//   - navigation → prompt in the DOM.
// And on a page whose survey waits for an event: trigger → prompt in the DOM. And a returning
// visitor's next page, where the survey shown on the first cannot show again: main-thread JS and
// IndexedDB transactions, the cost of a page where Koe has nothing to do.
// BEFORE=path/to/koe.iife.js adds that bundle as a fourth variant, for before/after tables.
// Then what a new device's first IndexedDB read takes with no script but that (what any prompt
// that consults storage before showing waits for), and one traced Koe load broken down by trace
// event and a profile by source module, to show where its time goes.
import { readFileSync } from 'node:fs'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutable } from '../tests/browser/chromium.mjs'
import { filesBeside } from './files-beside.mjs'

const SAMPLES = Number(process.env.SAMPLES ?? 21)
const WINDOW_MS = 2_500
const ORIGIN = 'http://127.0.0.1:9'
const scripts = {
  koe: readFileSync(new URL('../dist/koe.iife.js', import.meta.url), 'utf8'),
  floor: readFileSync(new URL('./floor-prompt.js', import.meta.url), 'utf8'),
  ...(process.env.BEFORE ? { before: readFileSync(process.env.BEFORE, 'utf8') } : {}),
}
/** What each variant's script loads from beside itself. */
const besideFiles = {
  koe: filesBeside(new URL('../dist/koe.iife.js', import.meta.url).pathname),
  floor: {},
  ...(process.env.BEFORE ? { before: filesBeside(process.env.BEFORE) } : {}),
}
/** Trace events that are JavaScript running on the main thread (nested ones overlap; see union). */
const JS_EVENTS = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'FunctionCall',
  'RunMicrotasks',
  'TimerFire',
  'EventDispatch',
  'FireAnimationFrame',
  'FireIdleCallback',
  'V8.GCScavenger',
  'MajorGC',
  'MinorGC',
])
const CATEGORIES = ['devtools.timeline', 'v8.execute']

/**
 * A page for a variant: the script by URL (`/<variant>/script.js`), as the README's snippet loads
 * it, so that Koe finds the files beside it (issue 29); `init` runs in the next script.
 */
function page(variant, trigger) {
  const survey = { id: 'nps', type: 'nps', trigger }
  const config = JSON.stringify({ endpoint: `${ORIGIN}/collect`, surveys: [survey] })
  const body = '<main><h1>Order confirmed</h1><p>It ships tomorrow.</p></main>'
  if (variant === 'empty')
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>${body}</body></html>`
  const api = variant === 'floor' ? 'floor' : 'koe'
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script src="/${variant}/script.js"></script>
<script>${api}('init', ${config});performance.mark('end')</script>
</head><body>${body}</body></html>`
}

/** Records when the prompt (Koe's host or the floor's box) enters the DOM, from the first byte. */
function watchForPrompt() {
  const w = window
  w.promptAt = null
  w.transactions = 0
  const transaction = IDBDatabase.prototype.transaction
  IDBDatabase.prototype.transaction = function (...args) {
    w.transactions++
    return transaction.apply(this, args)
  }
  new MutationObserver((_, observer) => {
    if (document.querySelector('koe-prompt, [data-floor-survey]')) {
      w.promptAt = performance.now()
      observer.disconnect()
    }
  }).observe(document, { childList: true, subtree: true })
}

/** Length of the union of intervals [start, end], in the same unit. */
function union(intervals) {
  let total = 0
  let end = Number.NEGATIVE_INFINITY
  for (const [a, b] of intervals.sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue
    total += b - Math.max(a, end)
    end = b
  }
  return total
}

/** Main-thread JS (ms) and long tasks in the first WINDOW_MS of the traced page, and by event. */
function readTrace(buffer) {
  const events = JSON.parse(buffer.toString()).traceEvents
  const main = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  )
  const onMain = events.filter((e) => main.has(`${e.pid}:${e.tid}`) && e.ph === 'X')
  const start = Math.min(...onMain.filter((e) => e.name === 'ParseHTML').map((e) => e.ts))
  const inWindow = onMain.filter((e) => e.ts >= start && e.ts <= start + WINDOW_MS * 1000)
  const js = inWindow.filter((e) => JS_EVENTS.has(e.name))
  const byEvent = {}
  for (const e of js) byEvent[e.name] = (byEvent[e.name] ?? 0) + (e.dur ?? 0) / 1000
  // A long task counts when JavaScript ran in it: parsing the page or a GC alone is not the script's.
  const ranJs = (task) =>
    js.some((e) => e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur)
  return {
    jsMs: union(js.map((e) => [e.ts, e.ts + (e.dur ?? 0)])) / 1000,
    longTasks: inWindow.filter((e) => e.name === 'RunTask' && e.dur >= 50_000 && ranJs(e)).length,
    byEvent,
  }
}

const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS })

/** Opens a fresh context on `html`, the collector answering 200. */
async function open(html) {
  const context = await browser.newContext()
  const tab = await context.newPage()
  await tab.addInitScript(watchForPrompt)
  await tab.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname
    const [, variant, file] = path.split('/')
    const script = file === 'script.js' ? scripts[variant] : besideFiles[variant]?.[file]
    if (script !== undefined) return route.fulfill({ contentType: 'text/javascript', body: script })
    return path === '/collect'
      ? route.fulfill({ contentType: 'application/json', body: '{"accepted":1,"duplicates":0}' })
      : route.fulfill({ contentType: 'text/html', body: html })
  })
  return { context, tab }
}

/**
 * One sample of a page whose survey shows on load. Tracing slows the page down, so a traced load
 * gives only the trace figures and an untraced one the timings and the heap.
 */
async function onLoad(variant, traced) {
  const { context, tab } = await open(page(variant, { pageview: '/*' }))
  if (traced) await browser.startTracing(tab, { categories: CATEGORIES })
  await tab.goto(`${ORIGIN}/`)
  await tab.waitForTimeout(WINDOW_MS)
  const trace = traced ? readTrace(await browser.stopTracing()) : null
  const cdp = await context.newCDPSession(tab)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  const timings = await tab.evaluate(() => ({
    // From the script's last byte to the end of `init`: parse, compile, evaluate and init,
    // without the network (the script is fetched by URL).
    init: performance.getEntriesByName('end').length
      ? performance.getEntriesByName('end')[0].startTime -
        performance.getEntriesByType('resource').find((r) => r.name.endsWith('/script.js'))
          .responseEnd
      : 0,
    prompt: window.promptAt,
    transactions: window.transactions,
  }))
  await context.close()
  return { ...timings, ...trace, heap: usedSize }
}

/** Profiled loads averaged by {@link profileByModule}: one alone varies too much to read. */
const PROFILES = 5

/**
 * Koe's self time by source module over the first 2.5 s of a load, averaged over PROFILES loads:
 * a CPU profile (50 µs
 * sampling) of the bundle loaded as a file, each sample mapped back to its module through a
 * source map of the same build (rollup.config.mjs, generated here with `sourcemap: true`).
 */
async function profileByModule() {
  const { rollup } = await import('rollup')
  const { TraceMap, originalPositionFor } = await import('@jridgewell/trace-mapping')
  const config = (await import('../rollup.config.mjs')).default
  const iife = config.find((c) => c.output?.file === 'dist/koe.iife.js')
  const built = await rollup({ input: iife.input, plugins: iife.plugins })
  const { output } = await built.generate({ ...iife.output, sourcemap: true })
  const { code, map } = output[0]
  const sources = new TraceMap(map)
  const survey = { id: 'nps', type: 'nps', trigger: { pageview: '/*' } }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script src="/koe.iife.js"></script><script src="/init.js"></script></head><body><main>Order confirmed</main></body></html>`
  const modules = {}
  for (let run = 0; run < PROFILES; run++) {
    const context = await browser.newContext()
    const tab = await context.newPage()
    await tab.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname
      if (path === '/koe.iife.js')
        return route.fulfill({ contentType: 'text/javascript', body: code })
      // The files beside the script (issue 29); their own time is not mapped to modules here.
      const beside = besideFiles.koe[path.slice(1)]
      if (beside !== undefined)
        return route.fulfill({ contentType: 'text/javascript', body: beside })
      if (path === '/init.js')
        return route.fulfill({
          contentType: 'text/javascript',
          body: `koe('init', ${JSON.stringify({ endpoint: `${ORIGIN}/collect`, surveys: [survey] })})`,
        })
      if (path === '/collect') return route.fulfill({ contentType: 'application/json', body: '{}' })
      return route.fulfill({ contentType: 'text/html', body: html })
    })
    const cdp = await context.newCDPSession(tab)
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 })
    await cdp.send('Profiler.start')
    await tab.goto(`${ORIGIN}/`)
    await tab.waitForTimeout(WINDOW_MS)
    const { profile } = await cdp.send('Profiler.stop')
    await context.close()
    const selfMs = new Map()
    profile.samples.forEach((id, i) => {
      selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
    })
    for (const node of profile.nodes) {
      const ms = selfMs.get(node.id) ?? 0
      if (!ms || !node.callFrame.url.endsWith('/koe.iife.js')) continue
      const { lineNumber, columnNumber } = node.callFrame
      const source = originalPositionFor(sources, {
        line: lineNumber + 1,
        column: columnNumber,
      }).source
      const name = source
        ? source.replace(/.*\/src\//, 'src/').replace(/.*node_modules\//, '')
        : '(bundle)'
      modules[name] = (modules[name] ?? 0) + ms
    }
  }
  for (const name of Object.keys(modules)) modules[name] /= PROFILES
  return modules
}

/**
 * One sample of a returning visitor's next page: the survey shown on load of the first page is
 * held back by throttling on the second, so nothing can show there. Traced.
 */
async function quietPage(variant) {
  const { context, tab } = await open(page(variant, { pageview: '/*' }))
  await tab.goto(`${ORIGIN}/`)
  await tab.waitForTimeout(WINDOW_MS)
  await browser.startTracing(tab, { categories: CATEGORIES })
  await tab.reload()
  await tab.waitForTimeout(WINDOW_MS)
  const { jsMs } = readTrace(await browser.stopTracing())
  const transactions = await tab.evaluate(() => window.transactions)
  await context.close()
  return { jsMs, transactions }
}

/** One sample of trigger → prompt: the event tracked once the page has settled. */
async function onTrigger(variant) {
  const { context, tab } = await open(page(variant, { event: 'go' }))
  await tab.goto(`${ORIGIN}/`)
  await tab.waitForTimeout(500)
  const ms = await tab.evaluate(
    (api) =>
      new Promise((resolve) => {
        const start = performance.now()
        new MutationObserver((_, observer) => {
          if (document.querySelector('koe-prompt, [data-floor-survey]')) {
            observer.disconnect()
            resolve(performance.now() - start)
          }
        }).observe(document.body, { childList: true })
        window[api]('track', 'go')
      }),
    variant === 'floor' ? 'floor' : 'koe',
  )
  await context.close()
  return ms
}

const variants = ['empty', 'floor', 'koe', ...(scripts.before ? ['before'] : [])]
const samples = Object.fromEntries(variants.map((v) => [v, []]))
const triggers = Object.fromEntries(variants.map((v) => [v, []]))
const quiet = Object.fromEntries(variants.map((v) => [v, []]))
for (let round = 0; round < SAMPLES; round++) {
  // Rotate the order, so no variant always runs first on a cold or warm machine.
  const order = variants.map((_, i) => variants[(i + round) % variants.length])
  for (const variant of order) {
    const trace = await onLoad(variant, true)
    const plain = await onLoad(variant, false)
    samples[variant].push({ ...plain, jsMs: trace.jsMs, longTasks: trace.longTasks })
    quiet[variant].push(await quietPage(variant))
  }
  for (const variant of order.filter((v) => v !== 'empty'))
    triggers[variant].push(await onTrigger(variant))
}

/**
 * What any prompt that consults IndexedDB before showing must wait for, in a fresh context (a new
 * device): opening a database that does not exist yet, and one read. No Koe code runs here.
 */
async function storageFloor() {
  const probe = `<script>const start = performance.now(), open = indexedDB.open('probe')
open.onupgradeneeded = () => open.result.createObjectStore('state')
open.onsuccess = () => {
  const read = open.result.transaction('state').objectStore('state').get('key')
  read.onsuccess = () => { window.storageMs = performance.now() - start }
}</script>`
  const { context, tab } = await open(
    `<!doctype html><html><head>${probe}</head><body></body></html>`,
  )
  await tab.goto(`${ORIGIN}/`)
  const ms = await tab.waitForFunction(() => window.storageMs).then((handle) => handle.jsonValue())
  await context.close()
  return ms
}
const storage = []
for (let round = 0; round < SAMPLES; round++) storage.push(await storageFloor())

// Where Koe's main-thread time goes: the trace events of one more load, summed by name.
const breakdown = (await onLoad('koe', true)).byEvent
const byModule = await profileByModule()

await browser.close()

const sorted = (values) => [...values].sort((a, b) => a - b)
const median = (values) => sorted(values)[Math.floor(values.length / 2)]
const spread = (values, digits) =>
  `${median(values).toFixed(digits)} (${sorted(values)[0].toFixed(digits)}–${sorted(values).at(-1).toFixed(digits)})`
const over = (variant, key) =>
  samples[variant].map((s, i) => s[key] - (samples.empty[i]?.[key] ?? 0))

const rows = [
  ['parse + compile + evaluate, with init (ms)', (v) => samples[v].map((s) => s.init), 2],
  ['main-thread JS in the first 2.5 s, over the empty page (ms)', (v) => over(v, 'jsMs'), 1],
  ['long tasks (≥ 50 ms) in the first 2.5 s', (v) => samples[v].map((s) => s.longTasks), 0],
  [
    'JS heap after the prompt, over the empty page (kB)',
    (v) => over(v, 'heap').map((b) => b / 1000),
    0,
  ],
  ['navigation → prompt in the DOM, shown on load (ms)', (v) => samples[v].map((s) => s.prompt), 1],
  ['trigger → prompt in the DOM (ms)', (v) => triggers[v], 2],
  [
    'IndexedDB transactions, page with the prompt shown on load',
    (v) => samples[v].map((s) => s.transactions),
    0,
  ],
  [
    'returning visitor, no survey can show: main-thread JS over the empty page (ms)',
    (v) => quiet[v].map((q, i) => q.jsMs - (quiet.empty[i]?.jsMs ?? 0)),
    1,
  ],
  [
    'returning visitor, no survey can show: IndexedDB transactions',
    (v) => quiet[v].map((q) => q.transactions),
    0,
  ],
]
console.log(
  `host-page cost, Chromium headless, ${SAMPLES} interleaved samples each, median (min–max):`,
)
const before = scripts.before ? ' Koe before |' : ''
console.log(`| figure |${before} Koe | floor | Koe ÷ floor |`)
console.log(`| --- |${before ? ' --- |' : ''} --- | --- | --- |`)
for (const [name, values, digits] of rows) {
  const koe = values('koe')
  const floor = values('floor')
  const ratio = median(floor) > 0 ? `${(median(koe) / median(floor)).toFixed(1)}×` : '–'
  const then = scripts.before ? ` ${spread(values('before'), digits)} |` : ''
  console.log(`| ${name} |${then} ${spread(koe, digits)} | ${spread(floor, digits)} | ${ratio} |`)
}
console.log(
  `\nA new IndexedDB database opened and read once, no script but that (ms): ${spread(storage, 1)}`,
)
console.log('\nKoe main-thread time by trace event, one load (ms; nested events overlap):')
for (const [name, ms] of Object.entries(breakdown).sort((a, b) => b[1] - a[1]))
  console.log(`  ${name.padEnd(20)} ${ms.toFixed(2)}`)
console.log(`\nKoe self time by source module, mean of ${PROFILES} profiled loads (ms):`)
for (const [name, ms] of Object.entries(byModule)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 15))
  console.log(`  ${name.padEnd(36)} ${ms.toFixed(2)}`)
