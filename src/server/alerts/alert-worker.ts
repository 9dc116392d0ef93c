import { signAlert } from '../../collector/alert-signature'
import { jsonColumn } from '../../collector/json-column'
import type { SqlClient } from '../../collector/sql-store'
import type { ResponseRecord } from '../../scoring/wire'
import { alertBody, groupOf } from './alert-message'
import { type PostOutcome, postAlert } from './safe-target'

/** Options of {@link createAlertWorker}. */
export interface AlertWorkerOptions {
  sql: SqlClient
  /** Send to loopback and private addresses too (`KOE_WEBHOOK_ALLOW_PRIVATE=1`; tests). */
  allowPrivate?: boolean
  /** How often the outbox is looked at, in ms. Default 1 s. */
  intervalMs?: number
  /** Longest wait for a receiver, in ms. Default 10 s. */
  timeoutMs?: number
  /** The first retry's wait, doubled each time up to `maxRetryMs`. Default 5 s. */
  retryBaseMs?: number
  /** Default 10 minutes: a receiver back after an hour has everything within ten minutes. */
  maxRetryMs?: number
  /** An endpoint failing without a success for this long is paused. Default a day. */
  pauseAfterMs?: number
  /** Deliveries at once. Default 8. */
  concurrency?: number
  /** Alerts leased per look. Default 64. */
  batchSize?: number
  log?: (message: string) => void
}

interface DueRow {
  id: string
  attempts: number
  record_id: string | null
  webhook_id: string
  name: string
  url: string
  secret: string
  format: 'json' | 'slack'
  record: ResponseRecord | string | null
}

/**
 * Delivers the alerts in `koe_outbox`, at least once: a row is leased (its `next_at` moved past
 * the timeout) in the statement that picks it, so two servers never send it at the same time and
 * a server that dies mid-delivery leaves it to the next look. Success marks it delivered; a
 * failure (no answer, or a status outside 2xx) schedules a retry with backoff. Ingest never waits
 * for any of this.
 */
export function createAlertWorker(options: AlertWorkerOptions) {
  const { sql } = options
  const intervalMs = options.intervalMs ?? 1_000
  const timeoutMs = options.timeoutMs ?? 10_000
  const retryBaseMs = options.retryBaseMs ?? 5_000
  const maxRetryMs = options.maxRetryMs ?? 600_000
  const pauseAfterMs = options.pauseAfterMs ?? 86_400_000
  const concurrency = options.concurrency ?? 8
  const batchSize = options.batchSize ?? 64
  const log = options.log ?? (() => {})
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<number> | null = null
  let stopped = true

  /**
   * Sends one alert; resolves the receiver's 2xx status, or `null` when it did not take it. A failure is recorded here (with its
   * backoff, and the endpoint paused past the bound); successes are recorded by the caller, all
   * of a batch in one statement, so that a busy outbox costs the database little.
   */
  const deliver = async (row: DueRow): Promise<number | null> => {
    const record = jsonColumn<ResponseRecord | null>(row.record)
    if (row.record_id && !record) {
      // The answer was erased after the alert was queued: nothing is left to tell.
      await sql.query('DELETE FROM koe_outbox WHERE id = $1', [row.id])
      return null
    }
    const key = row.record_id ? `${row.record_id}:${row.webhook_id}` : `test:${row.id}`
    const body = alertBody(row.format, {
      type: 'koe.alert',
      id: key,
      test: !row.record_id,
      endpoint: row.name,
      group: record ? groupOf(record) : null,
      record,
    })
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'koe-alerts',
      'idempotency-key': key,
      'koe-signature': await signAlert(row.secret, Math.floor(Date.now() / 1000), body),
    }
    const outcome: PostOutcome = await postAlert(row.url, body, headers, {
      allowPrivate: !!options.allowPrivate,
      timeoutMs,
    })
    if ('status' in outcome && outcome.status >= 200 && outcome.status < 300) return outcome.status
    const wait = Math.min(maxRetryMs, retryBaseMs * 2 ** row.attempts) / 1000
    const status = 'status' in outcome ? outcome.status : null
    const error = 'error' in outcome ? outcome.error : `HTTP ${outcome.status}`
    await sql.query(
      `UPDATE koe_outbox SET attempts = attempts + 1, last_status = $2, last_error = $3,
         next_at = now() + make_interval(secs => $4) WHERE id = $1`,
      [row.id, status, error.slice(0, 500), wait],
    )
    const { rows } = await sql.query<{ paused: boolean }>(
      `UPDATE koe_webhooks SET failing_since = COALESCE(failing_since, now()),
         paused_at = CASE WHEN COALESCE(failing_since, now()) <= now() - make_interval(secs => $2)
                          THEN COALESCE(paused_at, now()) ELSE paused_at END
       WHERE id = $1 RETURNING paused_at IS NOT NULL AS paused`,
      [row.webhook_id, pauseAfterMs / 1000],
    )
    log(
      `[koe] alert to "${row.name}" failed (${error}); ${rows[0]?.paused ? 'the endpoint is paused' : `retried in ${wait} s`}`,
    )
    return null
  }

  /** Leases and sends what is due, `concurrency` at a time; resolves how many it tried. */
  const runOnce = async (): Promise<number> => {
    const { rows } = await sql.query<DueRow>(
      `WITH due AS (
         SELECT o.id FROM koe_outbox o JOIN koe_webhooks w ON w.id = o.webhook_id
         WHERE o.delivered_at IS NULL AND o.next_at <= now() AND w.paused_at IS NULL
         ORDER BY o.next_at, o.id LIMIT $1 FOR UPDATE OF o SKIP LOCKED
       ), leased AS (
         UPDATE koe_outbox o SET next_at = now() + make_interval(secs => $2)
         FROM due WHERE o.id = due.id RETURNING o.*
       )
       SELECT l.id, l.attempts, l.record_id, w.id AS webhook_id, w.name, w.url,
              w.secret, w.format, r.record
       FROM leased l JOIN koe_webhooks w ON w.id = l.webhook_id
       LEFT JOIN koe_records r ON r.id = l.record_id`,
      [batchSize, (timeoutMs / 1000 + 5) * Math.ceil(batchSize / concurrency)],
    )
    const delivered: { row: DueRow; status: number }[] = []
    let next = 0
    await Promise.all(
      Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
        for (let row = rows[next++]; row; row = rows[next++]) {
          const status = await deliver(row).catch((error) => {
            log(`[koe] alert not sent: ${error}`)
            return null
          })
          if (status !== null) delivered.push({ row, status })
        }
      }),
    )
    if (delivered.length) {
      await sql.query(
        `UPDATE koe_outbox o SET delivered_at = now(), attempts = o.attempts + 1,
           last_status = d.status, last_error = NULL
         FROM unnest($1::bigint[], $2::int[]) AS d(id, status) WHERE o.id = d.id`,
        [delivered.map((d) => d.row.id), delivered.map((d) => d.status)],
      )
      await sql.query(
        `UPDATE koe_webhooks SET failing_since = NULL
         WHERE id = ANY($1::uuid[]) AND failing_since IS NOT NULL`,
        [[...new Set(delivered.map((d) => d.row.webhook_id))]],
      )
    }
    return rows.length
  }

  const tick = async () => {
    running = runOnce().catch((error) => {
      log(`[koe] alert outbox unreadable: ${error instanceof Error ? error.message : error}`)
      return 0
    })
    const sent = await running
    running = null
    // A full batch: more may be due, so look again at once.
    if (!stopped) timer = setTimeout(tick, sent >= batchSize ? 0 : intervalMs)
  }

  return {
    runOnce,
    start() {
      if (!stopped) return
      stopped = false
      timer = setTimeout(tick, 0)
    },
    /** Stops looking; resolves once the deliveries in flight have ended. */
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}

/** The worker of {@link createAlertWorker}. */
export type AlertWorker = ReturnType<typeof createAlertWorker>
