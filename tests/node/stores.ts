import { randomBytes } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { createSqlStore, type SqlStore } from '../../src/collector'

/**
 * The PostgreSQL the store tests use. `.ci/run` starts Debian's server and creates this role and
 * database; on your machine, start one (or point KOE_TEST_DATABASE_URL at yours). A missing
 * server fails the tests: it is an install problem, never a reason to skip.
 */
export const TEST_DATABASE_URL =
  process.env.KOE_TEST_DATABASE_URL ?? 'postgres://koe:koe@127.0.0.1:5432/koe_test'

/** A store on a fresh database, and how to close it. */
export interface TestStore {
  store: SqlStore
  close(): Promise<void>
}

/** Both real databases the collector supports, each test run on its own empty one. */
export const STORES: [name: string, open: () => Promise<TestStore>][] = [
  [
    'PGlite',
    async () => {
      const db = await PGlite.create()
      const store = createSqlStore(db)
      await store.migrate()
      return { store, close: () => db.close() }
    },
  ],
  [
    'PostgreSQL',
    async () => {
      // A schema of its own per run, so runs never see each other's rows.
      const schema = `koe_test_${randomBytes(6).toString('hex')}`
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
      await admin.connect().catch((error: Error) => {
        throw new Error(
          `PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${error.message}); see .ci/run`,
        )
      })
      await admin.query(`CREATE SCHEMA ${schema}`)
      await admin.end()
      const pool = new pg.Pool({
        connectionString: TEST_DATABASE_URL,
        options: `-c search_path=${schema}`,
        max: 4,
      })
      const store = createSqlStore(pool)
      await store.migrate()
      return {
        store,
        close: async () => {
          await pool.query(`DROP SCHEMA ${schema} CASCADE`)
          await pool.end()
        },
      }
    },
  ],
]
