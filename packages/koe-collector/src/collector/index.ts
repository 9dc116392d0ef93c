export type { AlertRule } from './alert-rule'
export { signAlert, verifyAlert } from './alert-signature'
export {
  type CollectorOptions,
  createCollector,
  type OutcomesStored,
  type RequestContext,
} from './create-collector'
export { MIGRATIONS } from './migrations'
export { type FetchHandler, toNodeListener } from './node-adapter'
export { createRateLimiter, type RateLimiter, type RateLimiterOptions } from './rate-limiter'
export { createSqlStore, type SqlClient, type SqlStore, type SqlStoreOptions } from './sql-store'
export type { RecordFilter, Store, UpsertResult } from './store'
