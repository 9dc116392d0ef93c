import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { test } from '@playwright/test'
import { createSqlStore, toNodeListener } from '../../src/collector'
import { createApp } from '../../src/server/create-app'

const root = fileURLToPath(new URL('../../', import.meta.url))

/**
 * The reference server as `npm start` runs it (shop, SPA, dashboard, collector), on a fresh
 * in-memory PGlite and a free loopback port. It serves the built dist/ files, as users get them.
 */
export async function startReferenceServer(options: { token?: string } = {}) {
  const db = await PGlite.create()
  const store = createSqlStore(db)
  await store.migrate()
  const server = createServer(toNodeListener(createApp({ store, root, token: options.token })))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    store,
    /** Rows straight from the database. */
    rows: (sql: string) => db.query<Record<string, unknown>>(sql).then((r) => r.rows),
    close: async () => {
      await new Promise((resolve) => server.close(resolve))
      await db.close()
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
