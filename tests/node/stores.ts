import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import {
  createSqlStore,
  type SqlClient,
  type SqlStore,
  type SqlStoreOptions,
} from '../../packages/koe-collector/src/collector'
import { migratedPGlite } from '../support/migrated-pglite'

/**
 * The PostgreSQL the store tests use: KOE_TEST_DATABASE_URL when set, else a throwaway server the
 * global setup started from npm (tests/support/test-postgres.mjs). Never a reason to skip.
 */
export const TEST_DATABASE_URL = inject('databaseUrl')

/** A fresh, empty schema in the test database, and a pool whose queries run in it. */
export async function freshSchema(max = 4): Promise<{ pool: pg.Pool; drop(): Promise<void> }> {
  const schema = `koe_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await admin.connect().catch((error: Error) => {
    throw new Error(`PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${error.message})`)
  })
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()
  const pool = new pg.Pool({
    connectionString: TEST_DATABASE_URL,
    options: `-c search_path=${schema}`,
    max,
  })
  return {
    pool,
    drop: async () => {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`)
      await pool.end()
    },
  }
}

/** A store on a fresh database, its client, and how to close it. */
export interface TestStore {
  store: SqlStore
  sql: SqlClient
  close(): Promise<void>
}

/** Both real databases the collector supports, each test run on its own empty one. */
export const STORES: [name: string, open: (options?: SqlStoreOptions) => Promise<TestStore>][] = [
  [
    'PGlite',
    async (options) => {
      const db = await migratedPGlite()
      const store = createSqlStore(db, options)
      await store.migrate()
      return { store, sql: db, close: () => db.close() }
    },
  ],
  [
    'PostgreSQL',
    async (options) => {
      // A schema of its own per run, so runs never see each other's rows.
      const { pool, drop } = await freshSchema()
      const store = createSqlStore(pool, options)
      await store.migrate()
      return { store, sql: pool, close: drop }
    },
  ],
]
