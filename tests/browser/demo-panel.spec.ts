import { expect, test } from '@playwright/test'
import { useReferenceServer } from './reference-server'

const server = useReferenceServer()

test('the demo panel says why the second survey waits, and its reset brings it back', async ({
  page,
}) => {
  await page.goto(`${server.url}/shop/thanks.html`)
  const dialog = page.getByRole('region', { name: /recommend Koe Coffee/ })
  await dialog.getByRole('radio', { name: /^9( |$)/ }).check()
  await dialog.getByRole('button', { name: 'Send' }).click()
  await page.getByRole('button', { name: 'Close' }).click()

  const panel = page.getByRole('complementary', { name: 'Demo panel' })
  await panel.getByText('Demo: why a survey shows').click()
  // The other survey is held back by the cool-down between any two surveys, and the panel says so.
  await expect(
    panel.getByRole('listitem').filter({ hasText: 'cart-abandonment-ces' }),
  ).toContainText(/cool-down between surveys ends/)
  await expect(panel.getByRole('listitem').filter({ hasText: 'post-purchase-nps' })).toContainText(
    /answered/,
  )
  await panel.getByRole('button', { name: 'Reset demo' }).click()
  // After the reset the visitor is new again: the thank-you page asks once more.
  await expect(dialog).toBeVisible({ timeout: 10_000 })
  // The answer itself was delivered before the reset, and stays in the collector.
  expect(
    (await server.store.records({ surveyId: 'post-purchase-nps', kind: 'response' })).length,
  ).toBe(1)
})

test('the SPA has the panel too, fed by its own Koe instance', async ({ page }) => {
  await page.goto(`${server.url}/spa/`)
  const panel = page.getByRole('complementary', { name: 'Demo panel' })
  await panel.getByText('Demo: why a survey shows').click()
  await expect(panel.getByRole('listitem')).toHaveCount(2)
  await expect(panel.getByRole('listitem').filter({ hasText: 'pricing-nps' })).toContainText(
    /no longer matches|would show|path/,
  )
})
