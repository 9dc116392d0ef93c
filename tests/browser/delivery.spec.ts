import { expect, type Page, test } from '@playwright/test'
import { queuedEntries } from './koe-queue'
import { startReferenceServer } from './reference-server'

let server: Awaited<ReturnType<typeof startReferenceServer>>
test.beforeAll(async () => {
  server = await startReferenceServer()
})
test.afterAll(async () => {
  await server.close()
})

/** Answers the post-purchase NPS on the thank-you page with `score`. */
async function answer(page: Page, score: number) {
  await page.goto(`${server.url}/shop/thanks.html`)
  const dialog = page.getByRole('dialog', { name: /recommend Koe Coffee/ })
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
  const sent: string[] = []
  await page.route('**/collect', async (route) => {
    if (!reachable) return route.abort('connectionrefused')
    for (const record of JSON.parse(route.request().postData() ?? '{}').records ?? [])
      sent.push(record.id)
    return route.continue()
  })
  await answer(page, 4)
  // The answer waits in IndexedDB while the collector is down.
  await page.waitForTimeout(500)
  expect(await responses(4)).toHaveLength(0)
  const queuedId = (await queuedEntries(page)).find((e) => e.record.kind === 'response')?.record.id
  expect(queuedId).toBeDefined()
  reachable = true
  await page.reload()
  await expect.poll(async () => (await responses(4)).map((r) => r.id)).toEqual([queuedId])
  expect(sent.filter((id) => id === queuedId)).toHaveLength(1)
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
