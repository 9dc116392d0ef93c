import { randomBytes } from 'node:crypto'
import { isObject } from '../../../../../src/lib/is-object'
import { uuidv7 } from '../../../../../src/lib/uuid-v7'
import { type AlertRule, parseAlertRule } from '../../collector/alert-rule'
import { jsonColumn } from '../../collector/json-column'
import type { SqlClient } from '../../collector/sql-store'
import type { WebhookView } from '../../contract/alerts'
import { privateTargetProblem, webhookUrlProblem } from './safe-target'

export type { WebhookView } from '../../contract/alerts'

const iso = (value: unknown) =>
  value === null || value === undefined ? null : new Date(value as string).toISOString()

/** Options of {@link createWebhooks}. */
export interface WebhookOptions {
  /** Endpoints on loopback and private addresses may be saved (`KOE_WEBHOOK_ALLOW_PRIVATE=1`). */
  allowPrivate?: boolean
  /** Resolves a host name to its addresses; default the system's DNS. */
  lookup?: (host: string) => Promise<string[]>
  /** E-mail endpoints may be saved: an SMTP server is set up (`KOE_SMTP_URL`). */
  mail?: boolean
}

/** `mailto:` and one address: no second address, no headers (`?cc=`), nothing to inject. */
const MAILTO = /^mailto:[^\s@,;:<>?&"'()[\]\\]+@[a-z0-9.-]+\.[a-z]{2,}$/i

/** The alert endpoints in the database: create (the secret is shown once), list, test, resume, remove. */
export function createWebhooks(sql: SqlClient, options: WebhookOptions = {}) {
  return {
    /** Adds an endpoint; the answer holds its secret, which is never shown again. */
    async create(
      input: unknown,
    ): Promise<{ webhook: WebhookView; secret: string } | { error: string }> {
      if (!isObject(input)) return { error: 'send a JSON object' }
      const { name, url, format = 'json' } = input
      if (typeof name !== 'string' || !name.trim() || name.length > 100)
        return { error: 'name must be text of 1..100 characters' }
      if (format !== 'json' && format !== 'slack' && format !== 'email')
        return { error: 'format must be "json", "slack" or "email"' }
      if (format === 'email') {
        // Bounded before the pattern runs: at most 320 characters, so its backtracking is too.
        if (typeof url !== 'string' || url.length > 320 || !MAILTO.test(url))
          return {
            error:
              "an e-mail endpoint's url is mailto: and one address, e.g. mailto:cx@shop.example",
          }
        if (!options.mail)
          return { error: 'e-mail needs an SMTP server: set KOE_SMTP_URL and KOE_MAIL_FROM' }
      } else {
        const urlProblem =
          webhookUrlProblem(url) ??
          (await privateTargetProblem(url as string, !!options.allowPrivate, options.lookup))
        if (urlProblem) return { error: urlProblem }
      }
      const parsed = parseAlertRule(input.rule)
      if ('error' in parsed) return parsed
      const { answers = true, digest = null, changes = false } = input
      if (typeof answers !== 'boolean') return { error: 'answers must be true or false' }
      if (digest !== null && digest !== 'day' && digest !== 'week')
        return { error: 'digest must be "day", "week" or null' }
      if (typeof changes !== 'boolean') return { error: 'changes must be true or false' }
      if (!answers && !digest && !changes)
        return { error: 'an endpoint takes answers, a digest or changes: choose at least one' }
      const id = uuidv7()
      const secret = `whsec_${randomBytes(24).toString('hex')}`
      await sql.query(
        `INSERT INTO koe_webhooks (id, name, url, secret, format, rule, answers, digest, changes)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)`,
        [
          id,
          name.trim(),
          url,
          secret,
          format,
          JSON.stringify(parsed.rule),
          answers,
          digest,
          changes,
        ],
      )
      const webhook = (await this.list()).find((w) => w.id === id) as WebhookView
      return { webhook, secret }
    },

    async list(): Promise<WebhookView[]> {
      const { rows } = await sql.query<Record<string, unknown>>(
        `SELECT w.id, w.name, w.url, w.format, w.rule, w.answers, w.digest, w.changes, w.created_at,
           w.failing_since, w.paused_at,
           (SELECT count(*) FROM koe_outbox o WHERE o.webhook_id = w.id AND o.delivered_at IS NULL AND o.next_at <> 'infinity')::int AS pending,
           COALESCE((SELECT json_agg(d ORDER BY d.id DESC) FROM (
             SELECT o.id, o.record_id, o.report, o.created_at, o.attempts, o.delivered_at, o.last_status, o.last_error
             FROM koe_outbox o WHERE o.webhook_id = w.id ORDER BY o.id DESC LIMIT 10) d), '[]') AS recent
         FROM koe_webhooks w ORDER BY w.created_at`,
      )
      return rows.map((row) => ({
        id: row.id as string,
        name: row.name as string,
        url: row.url as string,
        format: row.format as WebhookView['format'],
        rule: jsonColumn<AlertRule>(row.rule),
        answers: row.answers as boolean,
        digest: (row.digest as 'day' | 'week' | null) ?? null,
        changes: row.changes as boolean,
        createdAt: iso(row.created_at) as string,
        failingSince: iso(row.failing_since),
        pausedAt: iso(row.paused_at),
        pending: row.pending as number,
        recent: jsonColumn<Record<string, unknown>[]>(row.recent).map((d) => ({
          id: String(d.id),
          recordId: (d.record_id as string | null) ?? null,
          report: (d.report as string | null) ?? null,
          createdAt: iso(d.created_at) as string,
          attempts: d.attempts as number,
          deliveredAt: iso(d.delivered_at),
          lastStatus: (d.last_status as number | null) ?? null,
          lastError: (d.last_error as string | null) ?? null,
        })),
      }))
    },

    /** Queues a test alert (no answer behind it) for now; false when there is no such endpoint. */
    async sendTest(id: string): Promise<boolean> {
      const { rows } = await sql.query(
        `INSERT INTO koe_outbox (webhook_id, record_id, next_at)
         SELECT id, NULL, now() FROM koe_webhooks WHERE id = $1 RETURNING id`,
        [id],
      )
      return rows.length > 0
    },

    /** Sends again after a pause; the alerts that waited go first. */
    async resume(id: string): Promise<boolean> {
      const { rows } = await sql.query(
        'UPDATE koe_webhooks SET paused_at = NULL, failing_since = NULL WHERE id = $1 RETURNING id',
        [id],
      )
      await sql.query(
        'UPDATE koe_outbox SET next_at = now() WHERE webhook_id = $1 AND delivered_at IS NULL',
        [id],
      )
      return rows.length > 0
    },

    /** Removes an endpoint and its alerts, sent or not. */
    async remove(id: string): Promise<boolean> {
      const { rows } = await sql.query('DELETE FROM koe_webhooks WHERE id = $1 RETURNING id', [id])
      return rows.length > 0
    },
  }
}
