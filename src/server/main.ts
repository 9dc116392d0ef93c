// `npm start`: the reference collector with the demo shop and the dashboard (PRODUCT.md §6).
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { toNodeListener } from '../collector/node-adapter'
import { createRateLimiter } from '../collector/rate-limiter'
import { createSqlStore, type SqlClient } from '../collector/sql-store'
import { createApp } from './create-app'

const LOOPBACK = ['127.0.0.1', 'localhost', '::1']
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const port = Number(process.env.PORT ?? 8787)
const host = process.env.HOST ?? '127.0.0.1'
const token = process.env.KOE_DASHBOARD_TOKEN || undefined
/** Pages allowed to send answers, comma-separated origins; default any. */
const allowedOrigins = process.env.KOE_ALLOWED_ORIGINS
  ? process.env.KOE_ALLOWED_ORIGINS.split(',').map((origin) => origin.trim())
  : '*'
/** Batches per second per client address; 0 turns the limit off (load tests). */
const perSecond = Number(process.env.KOE_RATE_LIMIT_PER_SECOND ?? 10)

if (!LOOPBACK.includes(host) && !token) {
  // The dashboard and exports show customers' own words: never serve them beyond this machine
  // without a token.
  console.error(
    `[koe] refusing to listen on ${host} without KOE_DASHBOARD_TOKEN; set one, or use HOST=127.0.0.1`,
  )
  process.exit(1)
}

async function openDatabase(): Promise<{ client: SqlClient; where: string }> {
  if (process.env.DATABASE_URL) {
    const { default: pg } = await import('pg')
    return {
      client: new pg.Pool({ connectionString: process.env.DATABASE_URL }),
      where: 'PostgreSQL (DATABASE_URL)',
    }
  }
  const dataDir = resolve(process.env.KOE_DATA ?? '.koe-data')
  mkdirSync(dataDir, { recursive: true })
  const { PGlite } = await import('@electric-sql/pglite')
  return { client: await PGlite.create(dataDir), where: `PGlite in ${dataDir}` }
}

const { client, where } = await openDatabase()
const store = createSqlStore(client)
await store.migrate()
const app = createApp({
  store,
  root,
  token,
  allowedOrigins,
  rateLimit: perSecond > 0 ? createRateLimiter({ perSecond, burst: perSecond * 6 }) : undefined,
  onError: (error) => console.error('[koe] storage failed', error),
})
createServer(toNodeListener(app)).listen(port, host, () => {
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  console.log(`Koe reference collector, answers stored in ${where}`)
  console.log(`  demo shop   ${base}/shop/   (English and 日本語)`)
  console.log(`  SPA example ${base}/spa/`)
  console.log(`  dashboard   ${base}/dashboard/${token ? '   (token required)' : ''}`)
  console.log(`  collector   POST ${base}/collect`)
})
