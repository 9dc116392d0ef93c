import { expect, type Page, test } from '@playwright/test'
import { startDemoServer } from '../../examples/demo-server.mjs'

type Server = Awaited<ReturnType<typeof startDemoServer>>
/** The page's `window.koe`, as the snippet and the bundle define it. */
type KoeWindow = { koe: ((method: string, ...args: unknown[]) => unknown) & { q?: unknown[] } }
let server: Server

test.beforeAll(async () => {
  server = await startDemoServer({ port: 0 })
})
test.afterAll(async () => {
  await server.close()
})

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** Counts the records waiting in Koe's own IndexedDB queue, read from inside the page. */
function queuedCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('koe-queue')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          if (!db.objectStoreNames.contains('records')) return resolve(0)
          const count = db.transaction('records').objectStore('records').count()
          count.onsuccess = () => {
            resolve(count.result)
            db.close()
          }
        }
      }),
  )
}

/** The stored records of one survey and kind. */
const received = (surveyId: string, kind: string) =>
  [...server.records.values()].filter((r) => r.surveyId === surveyId && r.kind === kind)

test('a customer answers the post-purchase NPS and the answer reaches the collector as wire format v1', async ({
  page,
}) => {
  // Query and fragment must not travel: they often hold e-mail addresses and tokens.
  await page.goto(`${server.url}/?utm_source=newsletter&email=a%40b.example#thanks`)
  await page.evaluate(() =>
    (window as unknown as KoeWindow).koe('identify', 'u-1', { plan: 'pro' }),
  )
  await page.getByRole('button', { name: 'Complete purchase' }).click()

  const dialog = page.getByRole('dialog', {
    name: 'How likely are you to recommend us to a friend?',
  })
  await expect(dialog).toBeVisible()
  await expect(page.locator('[data-koe-survey="post-purchase-nps"]')).toHaveCount(1)
  await expect(dialog.getByRole('radio')).toHaveCount(11)

  await dialog.getByRole('radio', { name: /^9$/ }).check()
  // The score is durable in IndexedDB before anything is sent.
  await expect.poll(() => queuedCount(page)).toBeGreaterThanOrEqual(2) // display + response
  await dialog.getByRole('textbox').fill('速くて丁寧')
  await dialog.getByRole('button', { name: 'Send' }).click()
  // The dialog is now named by its thanks message.
  await expect(page.getByRole('dialog').getByRole('status')).toHaveText(
    'Thank you for your feedback!',
  )

  await expect.poll(() => received('post-purchase-nps', 'response').length).toBe(1)
  const response = received('post-purchase-nps', 'response')[0] as Record<string, string>
  expect(response).toEqual({
    id: expect.stringMatching(UUID_V7),
    kind: 'response',
    surveyId: 'post-purchase-nps',
    type: 'nps',
    score: 9,
    comment: '速くて丁寧',
    createdAt: expect.stringMatching(ISO),
    updatedAt: expect.stringMatching(ISO),
    trigger: 'purchase_completed',
    locale: 'en',
    url: `${server.url}/`,
    anonymousId: expect.stringMatching(UUID_V7),
    userId: 'u-1',
    attributes: { plan: 'pro' },
    sdk: 'koe@0.1.0',
  })
  expect(Date.parse(String(response.updatedAt))).toBeGreaterThanOrEqual(
    Date.parse(String(response.createdAt)),
  )
  expect(received('post-purchase-nps', 'display')).toHaveLength(1)
  for (const batch of server.batches)
    expect(batch).toMatchObject({ v: 1, sentAt: expect.stringMatching(ISO) })

  // Removed from the queue only after the collector's 2xx, and then removed.
  await expect.poll(() => queuedCount(page)).toBe(0)
  // The prompt thanks the customer, then closes itself.
  await expect(page.locator('[data-koe-survey]')).toHaveCount(0, { timeout: 5_000 })
})

test('a track call made before the bundle has loaded is replayed once it loads', async ({
  page,
}) => {
  let releaseBundle: () => void = () => {}
  const bundleHeld = new Promise<void>((resolve) => (releaseBundle = resolve))
  await page.route('**/koe.iife.js', async (route) => {
    await bundleHeld
    await route.continue()
  })
  await page.goto(server.url, { waitUntil: 'domcontentloaded' })
  // Only the snippet's stub exists now: the call is queued, not lost.
  const queuedBefore = await page.evaluate(() => {
    const { koe } = window as unknown as KoeWindow
    koe('track', 'purchase_completed', { total: 9800 })
    return koe.q?.length
  })
  expect(queuedBefore).toBe(2) // init + track
  releaseBundle()
  await expect(page.getByRole('dialog')).toBeVisible()
})
