// When to ask (issue 5), in Chromium against the reference server and its demo shop and SPA.
import { expect, type Page, test } from '@playwright/test'
import { callKoe } from './call-koe'
import { startReferenceServer } from './reference-server'
import { exitThroughTheTop } from './signals'

let server: Awaited<ReturnType<typeof startReferenceServer>>
test.beforeAll(async () => {
  server = await startReferenceServer()
})
test.afterAll(async () => {
  await server.close()
})

const NPS = /recommend Koe Coffee/
const CES = 'How easy was it to find what you were looking for?'
const explain = (page: Page, surveyId: string) =>
  callKoe<{ reasons: string[] }>(page, 'explain', surveyId)

/** Product page → cart → checkout → place order → thank-you page. */
async function buy(page: Page) {
  await page.goto(`${server.url}/shop/`)
  await page.getByRole('button', { name: 'Add to cart' }).click()
  await page.getByRole('link', { name: /Your cart/ }).click()
  await page.getByRole('link', { name: 'Checkout' }).click()
  await page.getByLabel('Name').fill('Aiko')
  await page.getByRole('button', { name: 'Place order' }).click()
  await expect(page).toHaveURL(/thanks\.html/)
}

test('post-purchase: the NPS appears on the thank-you page after the purchase', async ({
  page,
}) => {
  await buy(page)
  await expect(page.getByRole('region', { name: NPS })).toBeVisible()
})

test('cart abandonment: exit intent on the cart page of the multi-page shop asks CES', async ({
  page,
}) => {
  await page.goto(`${server.url}/shop/`)
  // Exit intent with an empty cart asks nothing.
  await exitThroughTheTop(page)
  await page.getByRole('button', { name: 'Add to cart' }).click()
  // A new page: the cart known from the product page was kept in Koe's own storage.
  await page.getByRole('link', { name: /Your cart/ }).click()
  await expect(page.getByRole('dialog', { name: CES })).toHaveCount(0)
  await exitThroughTheTop(page)
  await expect(page.getByRole('dialog', { name: CES })).toBeVisible()
})

test('cart abandonment: no question once the customer is checking out', async ({ page }) => {
  await page.goto(`${server.url}/shop/`)
  await page.getByRole('button', { name: 'Add to cart' }).click()
  await page.getByRole('link', { name: /Your cart/ }).click()
  await page.getByRole('link', { name: 'Checkout' }).click()
  await expect(page).toHaveURL(/checkout\.html$/)
  await exitThroughTheTop(page)
  await page.waitForTimeout(500)
  await expect(page.getByRole('dialog', { name: CES })).toHaveCount(0)
})

test('SPA: leaving a route before its delayed survey shows cancels it; staying shows it', async ({
  page,
}) => {
  const pricing = page.getByRole('dialog', { name: /recommend our pricing/ })
  await page.goto(`${server.url}/spa/`)
  await page.getByRole('link', { name: 'Pricing' }).click()
  await page.waitForTimeout(500)
  await page.getByRole('link', { name: 'Home' }).click()
  await page.waitForTimeout(2500) // past the 2 s delay
  await expect(pricing).toHaveCount(0)
  await page.getByRole('link', { name: 'Pricing' }).click()
  await expect(pricing).toBeVisible({ timeout: 5000 })
})

test('two tabs, one prompt: a survey shown in one tab is not shown in the other', async ({
  context,
}) => {
  const first = await context.newPage()
  const second = await context.newPage()
  await second.goto(`${server.url}/shop/`) // loaded before the first tab shows anything
  await first.goto(`${server.url}/shop/thanks.html`)
  await expect(first.getByRole('region', { name: NPS })).toBeVisible()
  // Without reloading, the second tab already knows: the purchase event asks nothing there.
  await callKoe(second, 'track', 'purchase_completed')
  await second.waitForTimeout(2500) // past the 1.5 s delay
  await expect(second.getByRole('region', { name: NPS })).toHaveCount(0)
  expect((await explain(second, 'post-purchase-nps')).reasons.join()).toMatch(/shown/)
})

test('throttling survives a reload: an answered survey is not asked again, and explain says until when', async ({
  page,
}) => {
  await page.goto(`${server.url}/shop/thanks.html`)
  const dialog = page.getByRole('region', { name: NPS })
  await dialog.getByRole('radio', { name: /^9$/ }).check()
  await dialog.getByRole('button', { name: 'Send' }).click()
  await expect(page.getByRole('region', { name: 'Thank you for your feedback!' })).toBeVisible()
  await page.reload()
  await page.waitForTimeout(2500)
  await expect(page.getByRole('region', { name: NPS })).toHaveCount(0)
  const { reasons } = await explain(page, 'post-purchase-nps')
  const until = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10)
  expect(reasons.join()).toContain(`recontactDays end ${until}`)
})
