// Digests and score-change alerts (issue 33) on PGlite and PostgreSQL, through the alert outbox
// to a real local receiver, on a clock the test sets: the week's digest is exact, sent once across
// a restart of the scheduler and the sender, and erased people leave it; a change alert fires
// once, on the day the score drops, and never on a steady survey.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyAlert } from '../../packages/koe-collector/src/collector'
import { createAlertWorker } from '../../packages/koe-collector/src/server/alerts/alert-worker'
import { createMailer } from '../../packages/koe-collector/src/server/alerts/mailer'
import { createReports } from '../../packages/koe-collector/src/server/alerts/reports'
import { createWebhooks } from '../../packages/koe-collector/src/server/alerts/webhooks'
import { digest } from '../../packages/koe-collector/src/server/digest'
import { createErasure } from '../../packages/koe-collector/src/server/erasure'
import type { JourneySources } from '../../packages/koe-collector/src/server/journey'
import { sqlJourneySources } from '../../packages/koe-collector/src/server/sql-journey-sources'
import { compareNps, nps } from '../../src/scoring'
import { startAlertReceiver } from '../support/alert-receiver'
import { startSmtpReceiver } from '../support/smtp-receiver'
import { responseRecord } from '../support/wire-records'
import { STORES, type TestStore } from './stores'

/** Monday 7 December 2026, 10:00 UTC: the week before is 30 November to 6 December. */
const NOW = Date.parse('2026-12-07T10:00:00.000Z')
const DAY = 86_400_000
/** Noon UTC, `back` days before NOW's day. */
const daysBack = (back: number) =>
  new Date(Date.parse('2026-12-07T12:00:00.000Z') - back * DAY).toISOString()

describe.each(STORES)('reports on %s', (_name, open) => {
  let db: TestStore
  let sources: JourneySources
  let receiver: Awaited<ReturnType<typeof startAlertReceiver>>
  const sender = () => createAlertWorker({ sql: db.sql, allowPrivate: true, retryBaseMs: 50 })
  const scheduler = () => createReports({ sql: db.sql, sources })
  /** An endpoint added a month before NOW, taking `fields`; its id and secret. */
  const endpoint = async (fields: Record<string, unknown>) => {
    const created = await createWebhooks(db.sql, { allowPrivate: true }).create({
      name: 'CX weekly',
      url: receiver.url,
      ...fields,
    })
    if ('error' in created) throw new Error(created.error)
    await db.sql.query(`UPDATE koe_webhooks SET created_at = '2026-11-01' WHERE id = $1`, [
      created.webhook.id,
    ])
    return created
  }

  beforeEach(async () => {
    db = await open({ alertDelaySeconds: 0 })
    sources = sqlJourneySources(db.store, db.sql)
    receiver = await startAlertReceiver()
  })
  afterEach(async () => {
    await receiver.close()
    await db.close()
  })

  it('sends the week’s digest once, exact, across a restart, and no alert per answer', async () => {
    const json = await endpoint({ answers: false, digest: 'week' })
    const slack = await endpoint({ answers: false, digest: 'week', format: 'slack' })
    const answer = (back: number, userId: string, score: number, comment: string) =>
      responseRecord({
        userId,
        score,
        comment,
        createdAt: daysBack(back),
        updatedAt: daysBack(back),
      })
    await db.store.upsert([
      answer(6, 'u-1', 10, 'fast delivery'),
      answer(5, 'u-2', 2, 'slow delivery'),
      answer(3, 'u-3', 0, 'slow delivery and a broken box'),
    ])
    const expected = await digest(sources, db.sql, 'week', NOW)
    expect(expected.surveys[0]).toMatchObject({ n: 3, value: nps([10, 2, 0]).score })

    expect(await scheduler().runOnce(NOW)).toBe(2)
    // A restart: a new scheduler, later the same day, finds it queued already.
    expect(await scheduler().runOnce(NOW + 3_600_000)).toBe(0)
    await sender().runOnce()
    const received = await receiver.waitFor(2)
    const byKey = new Map(received.map((r) => [r.headers['idempotency-key'], r]))
    const jsonKey = `digest:week:2026-11-30T00:00:00.000Z:${json.webhook.id}`
    const sent = byKey.get(jsonKey)
    expect(JSON.parse(sent?.body as string)).toEqual({
      type: 'koe.digest',
      digest: expected,
      id: jsonKey,
      endpoint: 'CX weekly',
    })
    expect(
      await verifyAlert(
        json.secret,
        sent?.headers['koe-signature'] as string,
        sent?.body as string,
      ),
    ).toBe(true)
    const text = JSON.parse(
      byKey.get(`digest:week:2026-11-30T00:00:00.000Z:${slack.webhook.id}`)?.body as string,
    ).text as string
    expect(text).toContain('Koe weekly digest, 30 Nov 2026 – 6 Dec 2026 (UTC)')
    expect(text).toContain('• post-purchase-nps: NPS −33, 3 answers')
    expect(text).toContain('2 detractors to contact.')

    // Sent once: after the restart of both, nothing more is queued or sent this week.
    expect(await scheduler().runOnce(NOW + DAY)).toBe(0)
    expect(await sender().runOnce()).toBe(0)
    expect(receiver.received).toHaveLength(2)
    // What was sent is not kept.
    const { rows } = await db.sql.query<{ payload: unknown }>('SELECT payload FROM koe_outbox')
    expect(rows.map((r) => r.payload)).toEqual([null, null])
  })

  it('mails the daily digest through SMTP, once, as text', async () => {
    const smtp = await startSmtpReceiver()
    try {
      const created = await createWebhooks(db.sql, { mail: true }).create({
        name: 'CX lead',
        url: 'mailto:cx@shop.example',
        format: 'email',
        answers: false,
        digest: 'day',
      })
      if ('error' in created) throw new Error(created.error)
      await db.sql.query(`UPDATE koe_webhooks SET created_at = '2026-11-01'`)
      await db.store.upsert([
        responseRecord({
          score: 1,
          comment: 'Broken <b>box</b>',
          createdAt: daysBack(1),
          updatedAt: daysBack(1),
        }),
      ])
      expect(await scheduler().runOnce(NOW)).toBe(1)
      const mailer = createMailer(smtp.url, 'Koe <koe@shop.example>')
      const mailing = () => createAlertWorker({ sql: db.sql, mailer, retryBaseMs: 50 })
      expect(await mailing().runOnce()).toBe(1)
      expect(await scheduler().runOnce(NOW + 3_600_000)).toBe(0)
      expect(await mailing().runOnce()).toBe(0)
      expect(smtp.received).toHaveLength(1)
      const [mail] = smtp.received
      expect(mail?.to).toEqual(['cx@shop.example'])
      expect(mail?.raw).toMatch(/^Subject: Koe daily digest, 6 Dec 2026 \(UTC\)\r?$/m)
      expect(mail?.raw).toMatch(/^From: Koe <koe@shop\.example>\r?$/m)
      // The text, as quoted-printable carries it (the minus sign is not ASCII).
      const text = Buffer.from(
        (mail?.raw.split('\r\n\r\n').slice(1).join('\r\n\r\n') ?? '')
          .replace(/=\r\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) =>
            String.fromCharCode(Number.parseInt(hex, 16)),
          ),
        'latin1',
      ).toString('utf8')
      expect(text).toContain('• post-purchase-nps: NPS −100, 1 answer')
      expect(text).toContain('1 detractor to contact.')
      const [row] = (await db.sql.query<Record<string, unknown>>('SELECT * FROM koe_outbox')).rows
      expect(row).toMatchObject({ last_status: 250, payload: null })
      expect(row?.delivered_at).not.toBeNull()
    } finally {
      await smtp.close()
    }
  })

  it('queues the digest again without a person erased before it was sent', async () => {
    await endpoint({ answers: false, digest: 'day' })
    const detractor = responseRecord({
      userId: 'u-9',
      score: 1,
      comment: 'never again',
      createdAt: daysBack(1),
      updatedAt: daysBack(1),
    })
    await db.store.upsert([detractor])
    expect(await scheduler().runOnce(NOW)).toBe(1)
    const queued = async () =>
      (await db.sql.query<{ payload: string }>('SELECT payload::text FROM koe_outbox')).rows
    expect((await queued())[0]?.payload).toContain(detractor.id)
    await createErasure(db.sql).erase('userId', 'u-9')
    expect(await queued()).toEqual([])
    expect(await scheduler().runOnce(NOW)).toBe(1)
    const [again] = await queued()
    expect(again?.payload).not.toContain(detractor.id)
    expect(again?.payload).not.toContain('u-9')
  })

  it('refuses an endpoint told nothing, or a digest that is not daily or weekly', async () => {
    const webhooks = createWebhooks(db.sql, { allowPrivate: true })
    const base = { name: 'Review', url: receiver.url }
    expect(await webhooks.create({ ...base, answers: false })).toEqual({
      error: 'an endpoint takes answers, a digest or changes: choose at least one',
    })
    expect(await webhooks.create({ ...base, digest: 'month' })).toEqual({
      error: 'digest must be "day", "week" or null',
    })
    expect(await webhooks.create({ ...base, changes: 'yes' })).toEqual({
      error: 'changes must be true or false',
    })
    // E-mail: one address, and only where an SMTP server is set up.
    expect(
      await webhooks.create({ ...base, format: 'email', url: 'mailto:a@shop.example' }),
    ).toEqual({
      error: 'e-mail needs an SMTP server: set KOE_SMTP_URL and KOE_MAIL_FROM',
    })
    const mail = createWebhooks(db.sql, { mail: true })
    for (const url of [
      'mailto:a@shop.example,b@evil.example',
      'mailto:a@shop.example?bcc=b@evil.example',
      receiver.url,
    ])
      expect(await mail.create({ ...base, format: 'email', url })).toEqual({
        error: "an e-mail endpoint's url is mailto: and one address, e.g. mailto:cx@shop.example",
      })
    expect(await webhooks.list()).toEqual([])
  })

  it('alerts once when a score drops, and never on a steady survey', async () => {
    const changes = await endpoint({ answers: false, changes: true })
    /** Six answers a day for 70 days: +50 (4 promoters, a passive, a detractor). */
    const steady = (surveyId: string) =>
      Array.from({ length: 70 }, (_, k) =>
        [10, 10, 10, 10, 8, 0].map((score) =>
          responseRecord({
            surveyId,
            score,
            createdAt: daysBack(k + 1),
            updatedAt: daysBack(k + 1),
          }),
        ),
      ).flat()
    // Yesterday, after a bad release, forty detractors more on the checkout survey.
    const drop = Array.from({ length: 40 }, () =>
      responseRecord({
        surveyId: 'checkout-nps',
        score: 2,
        createdAt: daysBack(1),
        updatedAt: daysBack(1),
      }),
    )
    await db.store.upsert([...steady('checkout-nps'), ...steady('post-purchase-nps'), ...drop])

    expect(await scheduler().runOnce(NOW)).toBe(1)
    expect(await scheduler().runOnce(NOW)).toBe(0)
    // The next day the drop is still significant, but it was told already.
    expect(await scheduler().runOnce(NOW + DAY)).toBe(0)
    await sender().runOnce()
    const [alert] = await receiver.waitFor(1)
    const body = JSON.parse(alert?.body as string)
    const days = (n: number) => Array.from({ length: n }, () => [10, 10, 10, 10, 8, 0]).flat()
    const recent = [...days(7), ...Array(40).fill(2)]
    const baseline = days(28)
    const change = compareNps(nps(recent), nps(baseline))
    expect(body).toMatchObject({
      type: 'koe.change',
      surveyId: 'checkout-nps',
      measure: 'nps',
      recent: {
        from: '2026-11-30T00:00:00.000Z',
        until: '2026-12-07T00:00:00.000Z',
        n: 82,
        value: nps(recent).score,
      },
      baseline: { from: '2026-11-02T00:00:00.000Z', n: 168, value: 50 },
      change: { difference: change.difference, p: change.p },
    })
    expect(alert?.headers['idempotency-key']).toBe(
      `change:checkout-nps:2026-12-07T00:00:00.000Z:${changes.webhook.id}`,
    )
    expect(receiver.received).toHaveLength(1)
  })
})
