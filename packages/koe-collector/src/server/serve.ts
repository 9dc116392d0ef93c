// `koe-collector` (and `npm start` in a clone, with the demo): the collector, the dashboard and
// its API, until SIGINT or SIGTERM (docs/collector.md).
import type { Server } from 'node:http'
import { join, resolve } from 'node:path'
import { catchUpLoyalty } from '../collector/loyalty-catch-up'
import { createRateLimiter } from '../collector/rate-limiter'
import { createAlertWorker } from './alerts/alert-worker'
import { createMailer } from './alerts/mailer'
import { createReports } from './alerts/reports'
import { createApp } from './create-app'
import { createErasure } from './erasure'
import { listen } from './listen'
import { type OpenDatabase, openDatabase, StartupError } from './open-database'
import { outcomesQuietFor } from './outcomes'
import { seedDemoCustomers } from './seed-demo-customers'
import { seedSurveys } from './seed-surveys'
import { readSettings } from './settings'
import { sqlJourneySources } from './sql-journey-sources'
import { createSurveyLibrary } from './survey-library'

/**
 * Answers are counted into the dashboard's rollup (issue 15) once ingest has been quiet for this
 * long, and at the latest every {@link ROLL_UP_MAX_MS}; a read counts what is left first.
 */
const ROLL_UP_QUIET_MS = 1_000
const ROLL_UP_MAX_MS = 30_000

/** Ends start-up with one line an operator can act on, not a stack trace. */
export function fail(message: string): never {
  console.error(`[koe] ${message}`)
  process.exit(1)
}

/** Where the server finds what it serves. */
export interface ServeOptions {
  /** The koe-collector package's folder (public/, dist/). */
  assets: string
  /** A clone of the repository, for its demo pages and surveys (`npm start`). */
  demo?: string
}

/** Starts the server; it runs until SIGINT or SIGTERM. */
export async function serve({ assets, demo }: ServeOptions): Promise<void> {
  const read = readSettings(process.env)
  if (!read.ok) fail(read.errors.join('\n[koe] '))
  const settings = read.settings
  // A fresh database of the demo starts with its surveys; a team's own with none, or KOE_SEED_SURVEYS.
  const seedFile =
    process.env.KOE_SEED_SURVEYS === undefined && demo
      ? join(demo, 'examples/surveys.json')
      : settings.seedSurveys

  let database: OpenDatabase | undefined
  let server: Server
  try {
    database = await openDatabase(settings)
    // The rollup's days are days of the reporting zone; a new zone rebuilds it once.
    await database.store.useTimeZone(settings.timeZone)
    // A fresh database starts with the demo's surveys (or KOE_SEED_SURVEYS), live at /surveys.json.
    if (seedFile) {
      const file = resolve(seedFile)
      const added = await seedSurveys(createSurveyLibrary(database.sql), file, (problem) =>
        console.error(`[koe] ${problem}`),
      ).catch((error) => fail(`KOE_SEED_SURVEYS: cannot import ${file} (${error})`))
      if (added) console.log(`Imported ${added} surveys from ${file}; edit them in the dashboard`)
    }
    const { ratePerSecond } = settings
    const app = createApp({
      store: database.store,
      sql: database.sql,
      assets,
      demo,
      token: settings.token,
      allowedOrigins: settings.allowedOrigins,
      rateLimit:
        ratePerSecond > 0
          ? createRateLimiter({ perSecond: ratePerSecond, burst: ratePerSecond * 6 })
          : undefined,
      onError: (error) => console.error('[koe] storage failed', error),
      proxy: { publicOrigin: settings.publicOrigin, trustedProxies: settings.trustedProxies },
      webhookAllowPrivate: settings.webhookAllowPrivate,
      mail: !!settings.smtpUrl,
    })
    server = await listen(app, settings.port, settings.host)
    // The demo's returning customers, once, after the port is ours (a refused start adds nothing).
    if (demo) {
      const customers = await seedDemoCustomers(database.store, database.sql).catch((error) => {
        console.error('[koe] could not add the demo customers:', error)
        return 0
      })
      if (customers)
        console.log(
          `Added ${customers} returning customers of the demo shop, with their orders: see the Loyalty page`,
        )
    }
  } catch (error) {
    await database?.close().catch(() => {})
    if (error instanceof StartupError) fail(error.message)
    throw error
  }

  const db = database as OpenDatabase
  const { host } = settings
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : settings.port
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  console.log(`Koe collector, answers stored in ${db.where}`)
  if (demo) {
    console.log(`  demo shop   ${base}/shop/   (English and 日本語)`)
    console.log(`  SPA example ${base}/spa/`)
    console.log(`  React       ${base}/react/   (koe/react, React Router)`)
    console.log(`  Vue         ${base}/vue/     (koe/vue)`)
  }
  console.log(`  dashboard   ${base}/dashboard/${settings.token ? '   (sign in)' : ''}`)
  console.log(`  script tag  ${base}/koe.iife.js`)
  console.log(`  collector   POST ${base}/collect`)
  console.log(`  surveys     ${base}/surveys.json   (live surveys, edited in the dashboard)`)
  console.log(`koe-collector ready at ${base}`)

  // Stop cleanly: finish requests in flight, close the database (PGlite writes a clean shutdown
  // checkpoint) and release the data folder.
  // Alerts go out from the outbox as long as the server runs; answers past the retention limit are
  // deleted at start and every hour.
  const alerts = createAlertWorker({
    sql: db.sql,
    allowPrivate: settings.webhookAllowPrivate,
    maxPerHour: settings.alertsPerHour,
    mailer:
      settings.smtpUrl && settings.mailFrom
        ? createMailer(settings.smtpUrl, settings.mailFrom)
        : undefined,
    log: (message) => console.error(message),
  })
  alerts.start()
  // Digests and score-change alerts go into the same outbox when they are due (issue 33).
  const reports = createReports({
    sql: db.sql,
    sources: sqlJourneySources(db.store, db.sql),
    log: (message) => console.error(message),
  })
  reports.start()
  const { retentionDays } = settings
  const expire = () =>
    retentionDays &&
    void createErasure(db.sql)
      .expire(retentionDays)
      .then((n) => n && console.log(`[koe] deleted ${n} records older than ${retentionDays} days`))
      .catch((error) => console.error('[koe] retention failed', error))
  expire()
  const retentionTimer = setInterval(expire, 3_600_000)
  retentionTimer.unref()
  // New answers are counted into the dashboard's rollup when ingest is quiet, so that counting never
  // slows the collector while answers arrive (reads count what is left first, so they are exact).
  // The fold hands them to the loyalty view's tables, whose marked people are worked out then too;
  // after an outcome import, once imports are quiet (not between the parts of one export).
  let folding = false
  let folded = Number.NEGATIVE_INFINITY
  const rollUp = () => {
    const sinceFold = performance.now() - folded
    const sinceWrite = db.store.quietFor()
    const sinceImport = outcomesQuietFor()
    if (folding) return
    // Answers stored since the last fold began (at start: whatever a stopped server left), and
    // ingest quiet (or busy for too long).
    const answersDue =
      sinceWrite <= sinceFold && (sinceWrite >= ROLL_UP_QUIET_MS || sinceFold >= ROLL_UP_MAX_MS)
    const outcomesDue = sinceImport < sinceFold && sinceImport >= ROLL_UP_QUIET_MS
    if (!answersDue && !outcomesDue) return
    folding = true
    folded = performance.now()
    db.store
      .rollUp()
      .then(() => catchUpLoyalty(db.sql))
      .catch((error) => console.error('[koe] counting answers for the dashboard failed', error))
      .finally(() => {
        folding = false
      })
  }
  rollUp()
  const rollUpTimer = setInterval(rollUp, ROLL_UP_QUIET_MS / 2)
  rollUpTimer.unref()

  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    clearInterval(retentionTimer)
    clearInterval(rollUpTimer)
    server.close()
    server.closeIdleConnections()
    void Promise.all([alerts.stop(), reports.stop()])
      .then(() => db.close())
      .finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
