import { expect, type Page, test } from '@playwright/test'
import { callKoe } from './call-koe'
import { queuedEntries } from './koe-queue'
import { startReferenceServer } from './reference-server'

let server: Awaited<ReturnType<typeof startReferenceServer>>
test.beforeAll(async () => {
  server = await startReferenceServer()
})
test.afterAll(async () => {
  await server.close()
})

/**
 * Answers the post-purchase NPS on the thank-you page with `score`. `show`: asked through
 * `koe.show`, which skips throttling, for a second tab of a visitor who has just answered.
 */
async function answer(page: Page, score: number, show = false) {
  await page.goto(`${server.url}/shop/thanks.html`)
  if (show) await callKoe(page, 'show', 'post-purchase-nps')
  const dialog = page.getByRole('region', { name: /recommend Koe Coffee/ })
  await dialog.getByRole('radio', { name: new RegExp(`^${score}( |$)`) }).check()
  await dialog.getByRole('button', { name: 'Send' }).click()
}

const responses = async (score: number) =>
  (await server.store.records({ surveyId: 'post-purchase-nps', kind: 'response' })).filter(
    (r) => r.kind === 'response' && r.score === score,
  )

test('collector unreachable, answer, reload, collector back: the answer arrives once, same id', async ({
  page,
}) => {
  let reachable = false
  await page.route('**/collect', async (route) =>
    reachable ? route.continue() : route.abort('connectionrefused'),
  )
  await answer(page, 4)
  // The answer waits in IndexedDB while the collector is down.
  await page.waitForTimeout(500)
  expect(await responses(4)).toHaveLength(0)
  const queuedId = (await queuedEntries(page)).find((e) => e.record.kind === 'response')?.record.id
  expect(queuedId).toBeDefined()
  reachable = true
  await page.reload()
  // Stored once under the id it was given, whether the send on leaving the old page or the
  // new page's flush brought it (keepalive requests of an unloading page bypass page.route).
  await expect.poll(async () => (await responses(4)).map((r) => r.id)).toEqual([queuedId])
  await expect.poll(async () => (await queuedEntries(page)).length).toBe(0)
  expect((await responses(4)).map((r) => r.id)).toEqual([queuedId])
})

test('the collector failing three times, then succeeding: the answer arrives', async ({ page }) => {
  test.setTimeout(60_000)
  let failures = 0
  await page.route('**/collect', async (route) => {
    if (failures < 3) {
      failures++
      return route.fulfill({
        status: 503,
        headers: { 'retry-after': '1' },
        body: '{"error":"busy"}',
      })
    }
    return route.continue()
  })
  await answer(page, 2)
  await expect.poll(async () => (await responses(2)).length, { timeout: 30_000 }).toBe(1)
  expect(failures).toBe(3)
})

test('the tab closed right after Send, never opened again: the answer still arrives', async ({
  context,
}) => {
  const page = await context.newPage()
  await answer(page, 7)
  // No wait at all: the page goes away in the same moment, as when a phone user swipes it off.
  await page.close({ runBeforeUnload: true })
  await expect.poll(async () => (await responses(7)).length, { timeout: 10_000 }).toBe(1)
})

test('the tab closed while a request is in flight: the answer arrives once, with the same id', async ({
  context,
}) => {
  const sent: string[] = []
  let hold = true
  const held: (() => Promise<void>)[] = []
  await context.route('**/collect', async (route) => {
    const ids = (JSON.parse(route.request().postData() ?? '{}').records ?? []).map(
      (r: { id: string }) => r.id,
    )
    sent.push(...ids)
    // While held, the collector takes the batch but its answer never reaches the tab.
    if (hold) return held.push(() => route.continue().catch(() => {}))
    return route.continue()
  })
  const first = await context.newPage()
  await answer(first, 5)
  await expect.poll(() => held.length).toBeGreaterThan(0)
  const queuedId = (await queuedEntries(first)).find((e) => e.record.kind === 'response')?.record.id
  expect(queuedId).toBeDefined()
  await first.close()
  // The collector stores what it was sent, then the customer comes back on another page.
  for (const release of held) await release()
  hold = false
  const second = await context.newPage()
  await second.goto(`${server.url}/shop/`)
  await expect.poll(async () => (await queuedEntries(second)).length).toBe(0)
  // Sent more than once is allowed (at-least-once); stored once, under the same id, is the promise.
  expect(sent).toContain(queuedId)
  expect((await responses(5)).map((r) => r.id)).toEqual([queuedId])
})

test('two tabs with pending records: each id reaches the collector once', async ({ context }) => {
  let reachable = false
  const sent: string[] = []
  await context.route('**/collect', async (route) => {
    if (!reachable) return route.abort('connectionrefused')
    for (const record of JSON.parse(route.request().postData() ?? '{}').records ?? [])
      sent.push(record.id)
    // A slow collector, so that the two tabs' flushes would overlap without coordination.
    await new Promise((resolve) => setTimeout(resolve, 300))
    return route.continue()
  })
  const tabs = [await context.newPage(), await context.newPage()]
  await answer(tabs[0] as Page, 1)
  await answer(tabs[1] as Page, 8, true)
  const pending = await queuedEntries(tabs[0] as Page)
  expect(pending.filter((e) => e.record.kind === 'response')).toHaveLength(2)
  reachable = true
  await Promise.all(tabs.map((tab) => callKoe(tab, 'flush')))
  await Promise.all(tabs.map((tab) => callKoe(tab, 'flush')))
  await expect.poll(async () => (await queuedEntries(tabs[0] as Page)).length).toBe(0)
  const ids = pending.map((e) => e.record.id).sort()
  expect([...sent].sort()).toEqual(ids)
  expect((await responses(1)).length + (await responses(8)).length).toBe(2)
})

test('a prompt left open when the customer moves on: its display is sent once, not again from the next page', async ({
  context,
}) => {
  const sent: string[] = []
  await context.route('**/collect', async (route) => {
    const records = JSON.parse(route.request().postData() ?? '{}').records ?? []
    sent.push(...records.map((r: { id: string }) => r.id))
    return route.continue()
  })
  const page = await context.newPage()
  await page.goto(`${server.url}/shop/thanks.html`)
  await expect(page.getByRole('region', { name: /recommend Koe Coffee/ })).toBeVisible()
  // Delivered while the customer reads the question: the queue holds nothing any more.
  await expect.poll(async () => (await queuedEntries(page)).length).toBe(0)
  // This tab's display (the server keeps those of the other tests too).
  const display = (
    await server.store.records({ surveyId: 'post-purchase-nps', kind: 'display' })
  ).find((r) => sent.includes(r.id))
  expect(display).toBeDefined()
  // The customer goes on shopping without answering; the next page has nothing to send again.
  await page.goto(`${server.url}/shop/`)
  await expect.poll(async () => (await queuedEntries(page)).length).toBe(0)
  await page.close({ runBeforeUnload: true })
  expect(sent.filter((id) => id === display?.id)).toHaveLength(1)
})
