// Alerts on PGlite and PostgreSQL, sent to a real local receiver: signed, at least once through
// the outbox, retried while the receiver is down, never to private addresses unless allowed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyAlert } from '../../packages/koe-collector/src/collector'
import { createAlertWorker } from '../../packages/koe-collector/src/server/alerts/alert-worker'
import { isPrivateAddress } from '../../packages/koe-collector/src/server/alerts/safe-target'
import { createWebhooks } from '../../packages/koe-collector/src/server/alerts/webhooks'
import { type ReceivedAlert, startAlertReceiver } from '../support/alert-receiver'
import { responseRecord } from '../support/wire-records'
import { STORES, type TestStore } from './stores'

const response = responseRecord

const parsed = (alert: ReceivedAlert) => JSON.parse(alert.body)

describe.each(STORES)('alerts on %s', (_name, open) => {
  let db: TestStore
  let receivers: Awaited<ReturnType<typeof startAlertReceiver>>[] = []
  const receiver = async (mode: Parameters<typeof startAlertReceiver>[0] = 'ok') => {
    const started = await startAlertReceiver(mode)
    receivers.push(started)
    return started
  }
  /** A worker that may send to the loopback receivers, retrying after 50 ms. */
  const worker = (options: Partial<Parameters<typeof createAlertWorker>[0]> = {}) =>
    createAlertWorker({
      sql: db.sql,
      allowPrivate: true,
      retryBaseMs: 50,
      timeoutMs: 2_000,
      ...options,
    })

  beforeEach(async () => {
    db = await open({ alertDelaySeconds: 0 })
  })
  afterEach(async () => {
    await Promise.all(receivers.map((r) => r.close()))
    receivers = []
    await db.close()
  })

  it('sends a detractor one signed alert with its comment, and a promoter none', async () => {
    const target = await receiver()
    const webhooks = createWebhooks(db.sql, { allowPrivate: true })
    const created = await webhooks.create({
      name: 'CX team',
      url: target.url,
      rule: { groups: ['detractor', 'hard'] },
    })
    if ('error' in created) throw new Error(created.error)
    expect(created.secret).toMatch(/^whsec_[0-9a-f]{48}$/)
    const detractor = response({ score: 2 })
    await db.store.upsert([detractor, response({ score: 10 })])
    // The comment arrives before the alert goes: the alert carries the latest version.
    await db.store.upsert([
      { ...detractor, comment: 'Late again', updatedAt: '2026-11-30T09:00:05.000Z' },
    ])
    await worker().runOnce()
    const [alert] = await target.waitFor(1)
    expect(target.received).toHaveLength(1)
    const body = parsed(alert as ReceivedAlert)
    expect(body).toMatchObject({
      type: 'koe.alert',
      test: false,
      endpoint: 'CX team',
      group: 'detractor',
      record: { id: detractor.id, score: 2, comment: 'Late again' },
    })
    expect(alert?.headers['idempotency-key']).toBe(`${detractor.id}:${created.webhook.id}`)
    const signature = alert?.headers['koe-signature'] as string
    expect(await verifyAlert(created.secret, signature, alert?.body as string)).toBe(true)
    expect(await verifyAlert('whsec_wrong', signature, alert?.body as string)).toBe(false)
    expect(await verifyAlert(created.secret, signature, `${alert?.body} `)).toBe(false)
    // Sent once: the next look finds nothing due.
    expect(await worker().runOnce()).toBe(0)
    // The secret is shown once and never listed.
    expect(JSON.stringify(await webhooks.list())).not.toContain(created.secret)
  })

  it('matches rules on survey, score, comment, locale and attributes', async () => {
    const target = await receiver()
    const webhooks = createWebhooks(db.sql, { allowPrivate: true })
    for (const [name, rule] of [
      ['low', { maxScore: 6 }],
      ['commented ja', { withComment: true, locale: 'ja' }],
      ['pro CES hard', { surveyId: 'support-ces', groups: ['hard'], attributes: { plan: 'pro' } }],
    ] as const)
      await webhooks.create({ name, url: target.url, rule })
    const ces = (score: number, plan: string) =>
      response({ surveyId: 'support-ces', type: 'ces', scale: 7, score, attributes: { plan } })
    await db.store.upsert([
      response({ score: 6 }),
      response({ score: 7, comment: 'まあまあ', locale: 'ja' }),
      response({ score: 9, comment: 'great', locale: 'en' }),
      ces(2, 'pro'),
      ces(2, 'free'),
      ces(4, 'pro'),
    ])
    await worker().runOnce()
    await worker().runOnce()
    const got = target.received.map((a) => {
      const body = parsed(a)
      return `${body.endpoint}: ${body.record.surveyId} ${body.record.score}`
    })
    expect(got.sort()).toEqual(
      [
        'low: post-purchase-nps 6',
        'commented ja: post-purchase-nps 7',
        'low: support-ces 2',
        'low: support-ces 2',
        'low: support-ces 4',
        'pro CES hard: support-ces 2',
      ].sort(),
    )
  })

  it('delivers every alert exactly once to a receiver that was down, retrying meanwhile', async () => {
    const target = await receiver('fail')
    await createWebhooks(db.sql, { allowPrivate: true }).create({ name: 'down', url: target.url })
    const answers = [response(), response(), response()]
    await db.store.upsert(answers)
    const sender = worker()
    await sender.runOnce()
    await target.waitFor(3) // three refused tries
    target.mode = 'ok'
    const started = Date.now()
    while (target.received.filter((a) => a.body).length < 6 && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 60))
      await sender.runOnce()
    }
    const acknowledged = target.received.slice(3).map((a) => parsed(a).record.id)
    expect(acknowledged.sort()).toEqual(answers.map((a) => a.id).sort())
    expect(await sender.runOnce()).toBe(0)
    const [listed] = await createWebhooks(db.sql, { allowPrivate: true }).list()
    expect(listed?.pending).toBe(0)
    expect(listed?.failingSince).toBeNull()
  })

  it('pauses an endpoint that keeps failing, sends nothing while paused, and resumes', async () => {
    const target = await receiver('fail')
    const webhooks = createWebhooks(db.sql, { allowPrivate: true })
    const created = await webhooks.create({ name: 'flaky', url: target.url })
    if ('error' in created) throw new Error(created.error)
    await db.store.upsert([response()])
    const sender = worker({ pauseAfterMs: 0, retryBaseMs: 0 })
    await sender.runOnce() // failing since now
    await sender.runOnce() // still failing, past the bound: paused
    const [paused] = await webhooks.list()
    expect(paused?.pausedAt).not.toBeNull()
    expect(paused?.recent[0]?.lastStatus).toBe(503)
    const tries = target.received.length
    await db.store.upsert([response()]) // queued while paused, never lost
    expect(await sender.runOnce()).toBe(0)
    expect(target.received).toHaveLength(tries)
    target.mode = 'ok'
    await webhooks.resume(created.webhook.id)
    await sender.runOnce()
    const [resumed] = await webhooks.list()
    expect(resumed?.pending).toBe(0)
    expect(resumed?.pausedAt).toBeNull()
  })

  it('never lets a receiver that does not answer hold up ingest', async () => {
    const target = await receiver('hang')
    await createWebhooks(db.sql, { allowPrivate: true }).create({ name: 'silent', url: target.url })
    await db.store.upsert([response()])
    const delivering = worker({ timeoutMs: 1_500 }).runOnce()
    await target.waitFor(1) // the alert is on its way and gets no answer
    // Answers are stored while the delivery hangs.
    const result = await db.store.upsert([response(), response()])
    expect(result.accepted).toBe(2)
    expect(target.received).toHaveLength(1)
    await delivering // ends at the timeout, as a failure to retry
    const [listed] = await createWebhooks(db.sql, { allowPrivate: true }).list()
    const tried = listed?.recent.filter((d) => d.attempts > 0)
    expect(tried?.map((d) => d.lastError)).toEqual(['no answer in time'])
  })

  it('lets no receiver that hangs hold back another endpoint’s alerts', async () => {
    const stuck = await receiver('hang')
    const healthy = await receiver()
    const webhooks = createWebhooks(db.sql, { allowPrivate: true })
    await webhooks.create({ name: 'stuck', url: stuck.url })
    await webhooks.create({ name: 'healthy', url: healthy.url })
    await db.store.upsert(Array.from({ length: 10 }, () => response()))
    // Long enough that the stuck endpoint's first delivery is still hanging when the test ends.
    const sender = worker({ timeoutMs: 60_000, intervalMs: 50 })
    sender.start()
    await healthy.waitFor(10, 20_000)
    // Every healthy alert arrived while the stuck receiver still holds its first one.
    expect(stuck.received).toHaveLength(1)
    await stuck.close()
    await sender.stop()
  })

  it('takes a 2xx as delivered without waiting for a body that trickles', async () => {
    const target = await receiver('trickle')
    await createWebhooks(db.sql, { allowPrivate: true }).create({
      name: 'trickling',
      url: target.url,
    })
    await db.store.upsert([response()])
    await worker({ timeoutMs: 60_000 }).runOnce()
    const [listed] = await createWebhooks(db.sql, { allowPrivate: true }).list()
    expect(listed?.pending).toBe(0)
    expect(listed?.recent[0]?.lastStatus).toBe(200)
  })

  it('gives up an alert the receiver refuses with a 4xx, and retries one it asks to wait for', async () => {
    const target = await receiver('gone')
    await createWebhooks(db.sql, { allowPrivate: true }).create({ name: 'gone', url: target.url })
    await db.store.upsert([response()])
    const sender = worker({ retryBaseMs: 0 })
    await sender.runOnce()
    expect(await sender.runOnce()).toBe(0) // not sent again
    expect(target.received).toHaveLength(1)
    const [listed] = await createWebhooks(db.sql, { allowPrivate: true }).list()
    expect(listed?.pending).toBe(0)
    expect(listed?.recent[0]).toMatchObject({ lastStatus: 410, deliveredAt: null })
    expect(listed?.recent[0]?.lastError).toContain('not sent again')
  })

  it('caps alerts per endpoint and hour: beyond the cap one summary says how many were held back', async () => {
    const flooded = await receiver()
    const calm = await receiver()
    const webhooks = createWebhooks(db.sql, { allowPrivate: true })
    await webhooks.create({ name: 'flooded', url: flooded.url, format: 'slack' })
    await db.store.upsert(Array.from({ length: 40 }, () => response({ score: 1 })))
    await webhooks.create({ name: 'calm', url: calm.url })
    await db.store.upsert([response({ score: 2 })])
    const sender = worker({ maxPerHour: 5 })
    while ((await sender.runOnce()) > 0) {}
    // Five of the 41 answers' alerts (the last one matches both endpoints), none of the other 36,
    // nor a summary yet: it waits for the hour.
    expect(flooded.received).toHaveLength(5)
    expect(calm.received).toHaveLength(1)
    const [listed] = (await webhooks.list()).filter((w) => w.name === 'flooded')
    expect(listed?.pending).toBe(1) // the summary
    // The hour's window frees up (the test moves the summary's time instead of waiting).
    await db.sql.query('UPDATE koe_outbox SET next_at = now() WHERE held_back IS NOT NULL')
    while ((await sender.runOnce()) > 0) {}
    const [summary] = await flooded.waitFor(6).then((all) => all.slice(5))
    expect(parsed(summary as ReceivedAlert).text).toMatch(
      /^Koe: 36 more alerts were held back for "flooded" \(more than 5 an hour\)/,
    )
    expect(summary?.headers['idempotency-key']).toMatch(/^summary:/)
    while ((await sender.runOnce()) > 0) {}
    expect(flooded.received).toHaveLength(6) // sent once
  })

  it('escapes Slack’s control characters in what a customer wrote', async () => {
    const target = await receiver()
    await createWebhooks(db.sql, { allowPrivate: true }).create({
      name: 'Slack',
      url: target.url,
      format: 'slack',
    })
    const comment = '<!channel> see <https://evil.example|your invoice> & pay'
    await db.store.upsert([response({ score: 1, comment, userId: '<@U123>' })])
    await worker().runOnce()
    const [alert] = await target.waitFor(1)
    const text = parsed(alert as ReceivedAlert).text as string
    expect(text).not.toContain('<!channel>')
    expect(text).not.toContain('<https://')
    expect(text).toContain(
      '&lt;!channel&gt; see &lt;https://evil.example|your invoice&gt; &amp; pay',
    )
    expect(text).toContain('from &lt;@U123&gt;')
  })

  it('refuses loopback, link-local and private addresses unless allowed', async () => {
    const target = await receiver()
    const webhooks = createWebhooks(db.sql, { allowPrivate: true })
    expect(await webhooks.create({ name: 'x', url: 'ftp://example.com/' })).toEqual({
      error: 'url must be http(s)',
    })
    expect(await webhooks.create({ name: 'x', url: 'http://user:pw@example.com/' })).toMatchObject({
      error: expect.stringMatching(/password/),
    })
    await webhooks.create({ name: 'metadata', url: 'http://169.254.169.254/latest/' })
    await webhooks.create({ name: 'local', url: target.url })
    await webhooks.create({ name: 'by name', url: target.url.replace('127.0.0.1', 'localhost') })
    await db.store.upsert([response()])
    await worker({ allowPrivate: false }).runOnce()
    expect(target.received).toHaveLength(0)
    const errors = (await webhooks.list()).map((w) => `${w.name}: ${w.recent[0]?.lastError}`)
    expect(errors).toEqual([
      'metadata: 169.254.169.254 is a private address',
      'local: 127.0.0.1 is a private address',
      expect.stringMatching(/^by name: localhost resolves to private (127\.0\.0\.1|::1)$/),
    ])
  })

  it('queues alerts only once endpoints exist, and learns of a new one at once when told', async () => {
    await db.store.upsert([response()]) // no endpoint: the plain upsert
    await createWebhooks(db.sql, { allowPrivate: true }).create({
      name: 'late',
      url: 'https://hooks.example/koe',
    })
    await db.store.upsert([response()]) // within the second: not looked up again
    db.store.alertEndpointsChanged()
    const queued = response()
    await db.store.upsert([queued])
    const { rows } = await db.sql.query<{ record_id: string }>('SELECT record_id FROM koe_outbox')
    expect(rows.map((row) => row.record_id)).toEqual([queued.id])
  })

  it('sends a test alert from the dashboard', async () => {
    const target = await receiver()
    const webhooks = createWebhooks(db.sql, { allowPrivate: true })
    const created = await webhooks.create({ name: 'Slack', url: target.url, format: 'slack' })
    if ('error' in created) throw new Error(created.error)
    expect(await webhooks.sendTest(created.webhook.id)).toBe(true)
    await db.store.upsert([response({ score: 1, comment: 'Broken bag', userId: 'u-9' })])
    await worker().runOnce()
    const texts = (await target.waitFor(2)).map((a) => parsed(a).text).sort()
    expect(texts).toEqual([
      'Koe: NPS 1 (detractor) on post-purchase-nps from u-9\n> Broken bag',
      'Koe: test alert for "Slack"',
    ])
  })
})

describe('private addresses', () => {
  it('knows loopback, link-local, private and mapped addresses from public ones', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
      '100.64.0.1',
    ])
      expect(isPrivateAddress(address), address).toBe(true)
    for (const address of ['93.184.216.34', '2606:4700::1111', '8.8.8.8', '172.32.0.1'])
      expect(isPrivateAddress(address), address).toBe(false)
  })
})
