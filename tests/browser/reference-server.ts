import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { test } from '@playwright/test'
import pg from 'pg'
import {
  createSqlStore,
  type SqlClient,
  toNodeListener,
} from '../../packages/koe-collector/src/collector'
import { createAlertWorker } from '../../packages/koe-collector/src/server/alerts/alert-worker'
import { createApp } from '../../packages/koe-collector/src/server/create-app'
import { seedSurveys } from '../../packages/koe-collector/src/server/seed-surveys'
import { createSurveyLibrary } from '../../packages/koe-collector/src/server/survey-library'
import { APP_FILES } from '../support/app-files'
import { migratedPGlite } from '../support/migrated-pglite'

const root = fileURLToPath(new URL('../../', import.meta.url))

/**
 * What starting a server adds to the ceiling of the test or hook that starts it (issue 27). The
 * start is awaited, never timed: PGlite's initdb, the migrations and the seed take 3 to 5 s of
 * CPU on an idle machine and several times that beside another CPU-heavy job, which pushed ten
 * specs' hooks past the 30 s they shared with the tests. The ceiling only reports a start that
 * never ends.
 */
export const SERVER_START_CEILING_MS = 120_000

/** Gives the running test or hook {@link SERVER_START_CEILING_MS} more, once per call. */
export function allowForServerStart() {
  const info = test.info()
  info.setTimeout(info.timeout + SERVER_START_CEILING_MS)
}

/**
 * The reference server as `npm start` runs it (shop, SPA, dashboard, collector), on a fresh
 * in-memory PGlite and a free loopback port. It serves the built dist/ files, as users get them.
 */
export async function startReferenceServer(
  options: {
    token?: string
    /** A PostgreSQL server to store in (a fresh schema of it) instead of PGlite. */
    postgresUrl?: string
  } = {},
) {
  allowForServerStart()
  const database = options.postgresUrl
    ? await freshPostgresSchema(options.postgresUrl)
    : await (async () => {
        const lite = await migratedPGlite()
        return { db: lite as SqlClient, close: () => lite.close() }
      })()
  const { db } = database
  // Alerts go out at once, to the tests' loopback receivers, as KOE_ALERT_DELAY_SECONDS=0 and
  // KOE_WEBHOOK_ALLOW_PRIVATE=1 would have them.
  const store = createSqlStore(db, { alertDelaySeconds: 0 })
  await store.migrate()
  // The demo's surveys, live at /surveys.json, as a fresh `npm start` has them.
  await seedSurveys(createSurveyLibrary(db), `${root}examples/surveys.json`, (problem) => {
    throw new Error(problem)
  })
  const alerts = createAlertWorker({ sql: db, allowPrivate: true, intervalMs: 200 })
  alerts.start()
  const server = createServer(
    toNodeListener(
      createApp({ store, sql: db, ...APP_FILES, token: options.token, webhookAllowPrivate: true }),
    ),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    store,
    /** The database itself, for seeders that write more than records. */
    sql: db,
    /** Rows straight from the database. */
    rows: (sql: string) => db.query<Record<string, unknown>>(sql).then((r) => r.rows),
    close: async () => {
      await alerts.stop()
      // The test's page still holds keep-alive connections until the test ends: without closing
      // them, a failed expectation waited here for the whole test timeout and was reported as it.
      await new Promise((resolve) => {
        server.close(resolve)
        server.closeAllConnections()
      })
      await database.close()
    },
  }
}

/** A schema of its own in a PostgreSQL server, and a pool whose queries run in it. */
async function freshPostgresSchema(url: string) {
  const schema = `koe_browser_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 4 })
  return {
    db: pool as SqlClient,
    close: async () => {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`)
      await pool.end()
    },
  }
}

/** What {@link startReferenceServer} resolves. */
export type ReferenceServer = Awaited<ReturnType<typeof startReferenceServer>>

/**
 * One reference server for the spec file that calls this: started before its first test, closed
 * after its last. The object is filled in by `beforeAll`, so read it inside tests.
 */
export function useReferenceServer(options: { token?: string } = {}): ReferenceServer {
  const server = {} as ReferenceServer
  test.beforeAll(async () => {
    Object.assign(server, await startReferenceServer(options))
  })
  test.afterAll(async () => {
    await server.close?.()
  })
  return server
}
