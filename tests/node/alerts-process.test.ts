// The reference server's outbox across a crash: an alert queued with an answer is sent by the
// next server on the same data, even when the first was killed before sending it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAlertReceiver } from '../support/alert-receiver'
import { freePort } from '../support/free-port'
import { startServerProcess } from '../support/server-process'
import { responseRecord } from '../support/wire-records'

let folder: string
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'koe-alerts-'))
})
afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
})

const env = (port: number) => ({
  KOE_DATA: folder,
  PORT: String(port),
  KOE_WEBHOOK_ALLOW_PRIVATE: '1',
  KOE_ALERT_DELAY_SECONDS: '3',
})

describe('the reference server’s alert outbox', () => {
  it('sends after a restart what a killed server had queued', async () => {
    const receiver = await startAlertReceiver()
    const port = await freePort()
    const first = await startServerProcess(env(port))
    const base = `http://127.0.0.1:${port}`
    try {
      const created = await fetch(`${base}/api/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'CX', url: receiver.url, rule: { groups: ['detractor'] } }),
      })
      expect(created.status).toBe(201)
      const answer = responseRecord({
        score: 1,
        comment: 'Never arrived',
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      })
      const stored = await fetch(`${base}/collect`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ v: 1, sentAt: new Date().toISOString(), records: [answer] }),
      })
      expect(await stored.json()).toMatchObject({ accepted: 1 })
      // Killed within the alert's delay: it was queued, not sent.
      first.child.kill('SIGKILL')
      await first.exited
      expect(receiver.received).toHaveLength(0)

      const second = await startServerProcess(env(await freePort()))
      try {
        const [alert] = await receiver.waitFor(1, 15_000)
        expect(JSON.parse(alert?.body as string).record).toMatchObject({
          id: answer.id,
          comment: 'Never arrived',
        })
        await new Promise((resolve) => setTimeout(resolve, 1_500))
        expect(receiver.received).toHaveLength(1) // once, not again
      } finally {
        await second.stop()
      }
    } finally {
      if (first.child.exitCode === null && first.child.signalCode === null) await first.stop()
      await receiver.close()
    }
  }, 60_000)
})
