import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { createSqlStore, type SqlClient, type SqlStore } from '../collector/sql-store'
import { lockDataFolder } from './data-lock'
import { openDurablePglite } from './durable-pglite'
import type { Settings } from './settings'

/** The store the server runs on, what it is, and how to close it. */
export interface OpenDatabase {
  store: SqlStore
  /** The database's client for writes, and for the follow-up features. */
  sql: SqlClient
  /** For the start-up line: `PostgreSQL (DATABASE_URL)` or `PGlite in /path`. */
  where: string
  close(): Promise<void>
}

/** A start-up problem the operator can fix, said in one line. */
export class StartupError extends Error {}

/** Connections for answers; dashboard reads get their own few, so they never take these. */
const INGEST_CONNECTIONS = 8
const READ_CONNECTIONS = 2
/** A dashboard read that runs longer is cancelled by PostgreSQL, in milliseconds. */
const READ_TIMEOUT_MS = 60_000

/**
 * Opens PostgreSQL (`DATABASE_URL`) or PGlite (`KOE_DATA`) and migrates it. PostgreSQL gets two
 * pools, ingest and reads, each with an `error` listener: a backend that is terminated or a
 * server that restarts costs the requests of that moment a 503, never the process, and the
 * pools reconnect by themselves. PGlite gets a folder lock and real fsync.
 */
export async function openDatabase(
  settings: Pick<Settings, 'databaseUrl' | 'dataDir'> &
    Partial<Pick<Settings, 'alertDelaySeconds'>>,
  log: (message: string) => void = (message) => console.error(message),
): Promise<OpenDatabase> {
  if (settings.databaseUrl) {
    const { default: pg } = await import('pg')
    const pool = (max: number, name: string, options?: string) => {
      const created = new pg.Pool({
        connectionString: settings.databaseUrl,
        max,
        connectionTimeoutMillis: 5_000,
        ...(options ? { options } : {}),
      })
      // Without a listener, an idle client's error (the server went away) ends the process.
      created.on('error', (error) =>
        log(`[koe] PostgreSQL ${name} connection lost: ${error.message}`),
      )
      return created
    }
    const ingest = pool(INGEST_CONNECTIONS, 'ingest')
    const reads = pool(READ_CONNECTIONS, 'read', `-c statement_timeout=${READ_TIMEOUT_MS}`)
    const close = async () => {
      await Promise.allSettled([ingest.end(), reads.end()])
    }
    try {
      await ingest.query('SELECT 1')
      const store = createSqlStore(ingest, {
        readClient: reads,
        alertDelaySeconds: settings.alertDelaySeconds,
      })
      await store.migrate()
      return { store, sql: ingest, where: 'PostgreSQL (DATABASE_URL)', close }
    } catch (error) {
      await close()
      throw new StartupError(
        `cannot use the database at ${redact(settings.databaseUrl)}: ${(error as Error).message}; check that PostgreSQL runs there and DATABASE_URL's user, password and database are right`,
      )
    }
  }
  const folder = resolve(settings.dataDir)
  mkdirSync(folder, { recursive: true })
  let release: () => void
  try {
    release = lockDataFolder(folder)
  } catch (error) {
    throw new StartupError((error as Error).message)
  }
  try {
    const db = await openDurablePglite(folder)
    const store = createSqlStore(db, { alertDelaySeconds: settings.alertDelaySeconds })
    await store.migrate()
    return {
      store,
      sql: db,
      where: `PGlite in ${folder}`,
      close: async () => {
        await db.close()
        release()
      },
    }
  } catch (error) {
    release()
    throw new StartupError(`cannot open PGlite in ${folder}: ${(error as Error).message}`)
  }
}

/** A connection string without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.href
  } catch {
    return 'DATABASE_URL'
  }
}
