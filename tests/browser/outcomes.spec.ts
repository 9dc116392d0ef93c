// Outcomes from the page (issue 30) in a real Chromium: the demo shop records its purchase with
// `koe('outcome', …)`, the script tag loads koe.outcome.js for it (and a page that records none
// never does), a failed load is tried again, and the collector keeps one row per order beside
// the answers of the same device, which the loyalty view then counts.
import { expect, type Page, test } from '@playwright/test'
import { callKoe } from './call-koe'
import { useReferenceServer } from './reference-server'

const server = useReferenceServer()

/** The paths of koe.outcome.js the page asks for, retries included. */
function outcomeFileRequests(page: Page): string[] {
  const seen: string[] = []
  page.on('request', (request) => {
    const { pathname, search } = new URL(request.url())
    if (pathname === '/koe.outcome.js') seen.push(pathname + search)
  })
  return seen
}

const purchases = (anonymousId: string) =>
  server.rows(
    `SELECT name, value, currency, external_id FROM koe_outcomes WHERE anonymous_id = '${anonymousId.replaceAll("'", '')}'`,
  )

/** The device's anonymous id, as Koe keeps it in koe-state. */
const anonymousIdOf = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('koe-state')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const read = open.result.transaction('state').objectStore('state').get('anonymousId')
          read.onsuccess = () => {
            resolve(read.result as string)
            open.result.close()
          }
        }
      }),
  )

test('the demo shop records a purchase once, from its thank-you page, and only there loads koe.outcome.js', async ({
  page,
}) => {
  const requests = outcomeFileRequests(page)
  // The first try of the file fails, as a flaky network would: it is tried once more.
  let failures = 0
  await page.route('**/koe.outcome.js*', (route) =>
    failures++ < 1 ? route.abort('connectionreset') : route.continue(),
  )
  await page.goto(`${server.url}/shop/`)
  await page.getByRole('button', { name: 'Add to cart' }).click()
  await page.getByRole('button', { name: 'Add to cart' }).click()
  await page.getByRole('link', { name: /Your cart/ }).click()
  await page.getByRole('link', { name: 'Checkout' }).click()
  // No page before the purchase records an outcome, so none loaded the file.
  expect(requests).toEqual([])
  await page.getByRole('textbox').fill('Aiko')
  await page.getByRole('button', { name: 'Place order' }).click()
  await expect(page.getByRole('heading', { name: /Thank you/ })).toBeVisible()
  await callKoe(page, 'flush')
  const device = await anonymousIdOf(page)
  await expect
    .poll(() => purchases(device))
    .toEqual([
      {
        name: 'purchase',
        value: 10_800,
        currency: 'JPY',
        external_id: expect.stringMatching(/^KC-/),
      },
    ])
  expect(requests).toEqual(['/koe.outcome.js', expect.stringMatching(/^\/koe\.outcome\.js\?\d+$/)])
  // A reload of the thank-you page is no second purchase.
  await page.reload()
  await expect(page.getByRole('heading', { name: /Thank you/ })).toBeVisible()
  await callKoe(page, 'flush')
  expect(await purchases(device)).toHaveLength(1)
})

test('koe("outcome", …) with a wrong name records nothing and says what it takes', async ({
  page,
}) => {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.goto(`${server.url}/shop/`)
  await callKoe(page, 'outcome', 'Big Purchase', { value: 100 })
  await expect.poll(() => errors.join('\n')).toContain('koe.outcome() takes a name of 1..64')
  await callKoe(page, 'outcome', 'refund', { value: -5_400, currency: 'JPY', id: 'KC-r1' })
  await callKoe(page, 'flush')
  const device = await anonymousIdOf(page)
  await expect
    .poll(() => purchases(device))
    .toEqual([{ name: 'refund', value: -5_400, currency: 'JPY', external_id: 'KC-r1' }])
})
