import type { ResponseRecord } from '../../../../../src/scoring/wire'
import { signAlert } from '../../collector/alert-signature'
import { jsonColumn } from '../../collector/json-column'
import type { SqlClient } from '../../collector/sql-store'
import type { Report } from '../../contract/alerts'
import { type AlertFormat, alertBody, groupOf, summaryBody } from './alert-message'
import type { Mailer } from './mailer'
import { reportBody } from './report-message'
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
  /** Endpoints delivered to at once, each one alert at a time. Default 8. */
  concurrency?: number
  /** Alerts of one endpoint leased per look. Default 8. */
  perEndpoint?: number
  /** Alerts leased per look. Default 64. */
  batchSize?: number
  /**
   * Alerts one endpoint gets in any hour, at most (`KOE_ALERTS_PER_HOUR`, default 60). Beyond
   * it they are held back and counted in one summary alert, sent when the hour's window frees
   * up: a flood of detractors (or one client sending many within the rate limit) cannot bury a
   * team's channel.
   */
  maxPerHour?: number
  /** Sends the alerts of e-mail endpoints (`KOE_SMTP_URL`); without it they wait and retry. */
  mailer?: Mailer
  log?: (message: string) => void
}

/** The 4xx statuses that ask to be asked again later (RFC 9110, RFC 8470, RFC 6585). */
const RETRY_4XX = [408, 425, 429]

interface DueRow {
  id: string
  attempts: number
  record_id: string | null
  webhook_id: string
  name: string
  url: string
  secret: string
  format: AlertFormat
  record: ResponseRecord | string | null
  /** A summary: how many alerts it stands for. */
  held_back: number | null
  /** A digest or change alert: its key and content. */
  report: string | null
  payload: Report | string | null
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
  const perEndpoint = options.perEndpoint ?? 8
  const maxPerHour = options.maxPerHour ?? 60
  const log = options.log ?? (() => {})
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<number> | null = null
  let stopped = true

  /** The headers of a POST: the idempotency key and the signature with the endpoint's secret. */
  const signedHeaders = async (key: string, body: string, secret: string) => ({
    'content-type': 'application/json',
    'user-agent': 'koe-alerts',
    'idempotency-key': key,
    'koe-signature': await signAlert(secret, Math.floor(Date.now() / 1000), body),
  })

  /**
   * Sends an e-mail endpoint's alert: its subject is the text's first line. SMTP's 250 is the
   * status of a message taken; any failure is retried like a receiver's 5xx.
   */
  const mail = async (row: DueRow, key: string, text: string): Promise<PostOutcome> => {
    if (!options.mailer) return { error: 'e-mail is not set up: KOE_SMTP_URL and KOE_MAIL_FROM' }
    try {
      await options.mailer({
        to: row.url.slice('mailto:'.length),
        subject: (text.split('\n')[0] ?? 'Koe').slice(0, 150),
        text,
        key,
      })
      return { status: 250 }
    } catch (error) {
      return {
        error: `the mail server did not take it: ${error instanceof Error ? error.message : error}`,
      }
    }
  }

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
    if (row.report && !row.payload) {
      // A report given up earlier (its content is cleared then) and resumed: nothing to send.
      await sql.query('DELETE FROM koe_outbox WHERE id = $1', [row.id])
      return null
    }
    const summary = row.held_back !== null
    const key = row.record_id
      ? `${row.record_id}:${row.webhook_id}`
      : row.report
        ? `${row.report}:${row.webhook_id}`
        : `${summary ? 'summary' : 'test'}:${row.id}`
    const body = row.report
      ? reportBody(row.format, {
          id: key,
          endpoint: row.name,
          report: jsonColumn<Report>(row.payload),
        })
      : summary
        ? summaryBody(row.format, {
            type: 'koe.alert.summary',
            id: key,
            endpoint: row.name,
            heldBack: row.held_back as number,
            maxPerHour,
          })
        : alertBody(row.format, {
            type: 'koe.alert',
            id: key,
            test: !row.record_id,
            endpoint: row.name,
            group: record ? groupOf(record) : null,
            record,
          })
    const outcome: PostOutcome =
      row.format === 'email'
        ? await mail(row, key, body)
        : await postAlert(row.url, body, await signedHeaders(key, body, row.secret), {
            allowPrivate: !!options.allowPrivate,
            timeoutMs,
          })
    if ('status' in outcome && outcome.status >= 200 && outcome.status < 300) return outcome.status
    const wait = Math.min(maxRetryMs, retryBaseMs * 2 ** row.attempts) / 1000
    const status = 'status' in outcome ? outcome.status : null
    // A 4xx says this alert will never be taken as it is (a wrong path, a revoked hook): sending
    // it again would fail forever. 408, 425 and 429 ask for later, as 5xx do.
    const refused = status !== null && status >= 400 && status < 500 && !RETRY_4XX.includes(status)
    const error = refused
      ? `refused by the receiver (HTTP ${status}): not sent again`
      : 'error' in outcome
        ? outcome.error
        : `HTTP ${outcome.status}`
    await sql.query(
      `UPDATE koe_outbox SET attempts = attempts + 1, last_status = $2, last_error = $3,
         next_at = CASE WHEN $5 THEN 'infinity'::timestamptz ELSE now() + make_interval(secs => $4) END,
         payload = CASE WHEN $5 THEN NULL ELSE payload END
       WHERE id = $1`,
      [row.id, status, error.slice(0, 500), wait, refused],
    )
    const { rows } = await sql.query<{ paused: boolean }>(
      `UPDATE koe_webhooks SET failing_since = COALESCE(failing_since, now()),
         paused_at = CASE WHEN COALESCE(failing_since, now()) <= now() - make_interval(secs => $2)
                          THEN COALESCE(paused_at, now()) ELSE paused_at END
       WHERE id = $1 RETURNING paused_at IS NOT NULL AS paused`,
      [row.webhook_id, pauseAfterMs / 1000],
    )
    log(
      `[koe] alert to "${row.name}" failed (${error}); ${rows[0]?.paused ? 'the endpoint is paused' : refused ? 'given up' : `retried in ${wait} s`}`,
    )
    return null
  }

  /**
   * Leases what is due, at most `perEndpoint` alerts of each endpoint and none of the endpoints
   * in `busy` (still delivering an earlier lease): one endpoint with a backlog of thousands cannot
   * fill the lease and keep another's alert waiting behind it.
   */
  const lease = async (busy: string[]): Promise<DueRow[]> => {
    const { rows } = await sql.query<DueRow>(
      `WITH ranked AS (
         SELECT o.id, row_number() OVER (PARTITION BY o.webhook_id ORDER BY o.next_at, o.id) AS rank
         FROM koe_outbox o JOIN koe_webhooks w ON w.id = o.webhook_id
         WHERE o.delivered_at IS NULL AND o.next_at <= now() AND w.paused_at IS NULL
           AND NOT (o.webhook_id = ANY($4::uuid[]))
       ), due AS (
         SELECT o.id FROM koe_outbox o JOIN ranked USING (id)
         WHERE ranked.rank <= $3
         ORDER BY o.next_at, o.id LIMIT $1 FOR UPDATE OF o SKIP LOCKED
       ), leased AS (
         UPDATE koe_outbox o SET next_at = now() + make_interval(secs => $2)
         FROM due WHERE o.id = due.id RETURNING o.*
       )
       SELECT l.id, l.attempts, l.record_id, w.id AS webhook_id, w.name, w.url,
              w.secret, w.format, r.record, l.held_back, l.report, l.payload
       FROM leased l JOIN koe_webhooks w ON w.id = l.webhook_id
       LEFT JOIN koe_records r ON r.id = l.record_id
       ORDER BY l.next_at, l.id`,
      [batchSize, (timeoutMs / 1000 + 5) * perEndpoint, perEndpoint, busy],
    )
    return rows
  }

  /** Records the successes of one lane in one statement. */
  const markDelivered = async (delivered: { row: DueRow; status: number }[]) => {
    if (!delivered.length) return
    await sql.query(
      `UPDATE koe_outbox o SET delivered_at = now(), attempts = o.attempts + 1,
         last_status = d.status, last_error = NULL, payload = NULL
       FROM unnest($1::bigint[], $2::int[]) AS d(id, status) WHERE o.id = d.id`,
      [delivered.map((d) => d.row.id), delivered.map((d) => d.status)],
    )
    await sql.query(
      'UPDATE koe_webhooks SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL',
      [delivered[0]?.row.webhook_id],
    )
  }

  /**
   * Of an endpoint's leased answer alerts, those within its hourly cap; the others are held back
   * (marked, not sent) and counted in the endpoint's summary, one row per window: added to the
   * one not sent yet, or a new one due when the oldest alert of the hour leaves the window.
   * Summaries and test alerts do not count.
   */
  const withinCap = async (rows: DueRow[]): Promise<DueRow[]> => {
    const answers = rows.filter((r) => r.record_id && r.held_back === null)
    if (!answers.length) return rows
    const webhookId = answers[0]?.webhook_id
    const { rows: sent } = await sql.query<{ n: number; oldest: string | null }>(
      `SELECT count(*)::int AS n, min(delivered_at) AS oldest FROM koe_outbox
        WHERE webhook_id = $1 AND record_id IS NOT NULL AND held_at IS NULL
          AND delivered_at > now() - interval '1 hour'`,
      [webhookId],
    )
    const room = Math.max(0, maxPerHour - (sent[0]?.n ?? 0))
    const held = answers.slice(room)
    if (!held.length) return rows
    await sql.query(
      `UPDATE koe_outbox SET held_at = now(), delivered_at = now(),
         last_error = 'held back: over the endpoint''s hourly cap; counted in a summary'
       WHERE id = ANY($1::bigint[])`,
      [held.map((r) => r.id)],
    )
    const { rows: added } = await sql.query(
      `UPDATE koe_outbox SET held_back = held_back + $2
        WHERE id = (SELECT id FROM koe_outbox WHERE webhook_id = $1 AND held_back IS NOT NULL
                      AND delivered_at IS NULL ORDER BY id LIMIT 1)
        RETURNING id`,
      [webhookId, held.length],
    )
    if (!added.length)
      await sql.query(
        `INSERT INTO koe_outbox (webhook_id, record_id, next_at, held_back)
         VALUES ($1, NULL, GREATEST(now() + interval '1 minute',
                                    COALESCE($3::timestamptz, now()) + interval '1 hour'), $2)`,
        [webhookId, held.length, sent[0]?.oldest ?? null],
      )
    log(
      `[koe] ${held.length} alert(s) to "${answers[0]?.name}" held back (more than ${maxPerHour} an hour); a summary follows`,
    )
    const heldIds = new Set(held.map((r) => r.id))
    return rows.filter((r) => !heldIds.has(r.id))
  }

  /**
   * One endpoint's leased alerts, one after the other: a receiver that hangs holds back only its
   * own alerts. Lanes of different endpoints run side by side, `concurrency` at most at once.
   */
  const runLane = async (leased: DueRow[]) => {
    const rows = await withinCap(leased)
    const delivered: { row: DueRow; status: number }[] = []
    for (const row of rows) {
      const status = await deliver(row).catch((error) => {
        log(`[koe] alert not sent: ${error}`)
        return null
      })
      if (status !== null) delivered.push({ row, status })
    }
    await markDelivered(delivered)
  }

  /** Endpoints whose lane is running, and the lanes themselves. */
  const lanes = new Map<string, Promise<void>>()
  /**
   * Leases what is due and starts a lane per endpoint; resolves how many alerts it leased once
   * those lanes are started (`waitForLanes`: once they have ended too).
   */
  const start = async (): Promise<{ leased: number; ended: Promise<unknown> }> => {
    const busy = [...lanes.keys()]
    const free = Math.max(0, concurrency - busy.length)
    const rows = free ? await lease(busy) : []
    const byEndpoint = new Map<string, DueRow[]>()
    for (const row of rows) {
      const lane = byEndpoint.get(row.webhook_id) ?? []
      lane.push(row)
      byEndpoint.set(row.webhook_id, lane)
    }
    // Endpoints past `free` keep their lease until it runs out, then go in a later look.
    const started = [...byEndpoint].slice(0, free).map(([webhookId, lane]) => {
      const running = runLane(lane)
        .catch((error) => log(`[koe] alert outbox unwritable: ${error}`))
        .finally(() => lanes.delete(webhookId))
      lanes.set(webhookId, running)
      return running
    })
    return { leased: rows.length, ended: Promise.all(started) }
  }

  /** Leases and sends what is due, a lane per endpoint; resolves how many it tried. */
  const runOnce = async (): Promise<number> => {
    const { leased, ended } = await start()
    await ended
    return leased
  }

  const tick = async () => {
    running = start()
      .then(({ leased }) => leased)
      .catch((error) => {
        log(`[koe] alert outbox unreadable: ${error instanceof Error ? error.message : error}`)
        return 0
      })
    const leased = await running
    running = null
    // Lanes run on by themselves; a full lease means more may be due, so look again at once.
    if (!stopped) timer = setTimeout(tick, leased >= batchSize ? 0 : intervalMs)
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
      await Promise.all(lanes.values())
    },
  }
}

/** The worker of {@link createAlertWorker}. */
export type AlertWorker = ReturnType<typeof createAlertWorker>
