// The dashboard's journey page (issue 31) in a real Chromium: a CX lead sees every survey beside
// the others by touchpoint, and one relationship NPS in which each customer counts once.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { responseRecord } from '../support/wire-records'
import { useReferenceServer } from './reference-server'

const server = useReferenceServer()

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString()

test('the journey page shows each touchpoint’s surveys and the relationship NPS, each customer once', async ({
  page,
}) => {
  // u-1 was a promoter after buying and a detractor on the pricing page later: a detractor, once.
  await server.store.upsert([
    responseRecord({ userId: 'u-1', score: 10, createdAt: daysAgo(5), updatedAt: daysAgo(5) }),
    responseRecord({ userId: 'u-2', score: 9, createdAt: daysAgo(4), updatedAt: daysAgo(4) }),
    responseRecord({
      surveyId: 'pricing-nps',
      trigger: 'pageview',
      userId: 'u-1',
      score: 0,
      createdAt: daysAgo(2),
      updatedAt: daysAgo(2),
    }),
    responseRecord({
      surveyId: 'pricing-nps',
      trigger: 'pageview',
      userId: 'u-3',
      score: 9,
      createdAt: daysAgo(1),
      updatedAt: daysAgo(1),
    }),
  ])
  await page.goto(`${server.url}/dashboard/`)
  await page
    .getByRole('navigation', { name: 'Dashboard' })
    .getByRole('link', { name: 'Journey' })
    .click()
  await expect(page.getByRole('heading', { name: 'Journey' })).toBeVisible()
  // Promoters u-2 and u-3, detractor u-1: (2 − 1) / 3.
  await expect(page.getByTestId('relationship-nps')).toHaveText(
    'Relationship NPS: 33 (too few answers for an interval (n = 3 of 10)), 3 customers by their latest of 4 answers',
  )
  const purchase = page.getByTestId('touchpoint-post-purchase')
  // The touchpoint in words, its name in code beside it; the survey's own question under its id.
  await expect(purchase.locator('caption')).toHaveText('Post purchasepost-purchase')
  await expect(purchase.locator('caption code')).toHaveText('post-purchase')
  await expect(purchase.getByRole('row', { name: /post-purchase-nps/ })).toContainText('NPS 100')
  await expect(purchase.getByRole('rowheader')).toContainText(/post-purchase-nps.+recommend/)
  await expect(page.getByTestId('touchpoint-pageview')).toContainText('pricing-nps')
  // The CES surveys of the demo have no answers yet and are listed all the same.
  await expect(page.getByTestId('touchpoint-cart-abandonment')).toContainText('–')
  expect(
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations,
  ).toEqual([])

  // The last seven days hold every answer; the week before holds none, so no change can be told.
  await page.getByRole('combobox', { name: 'Range' }).selectOption('7')
  await expect(page.getByTestId('relationship-nps')).toContainText('3 customers')
  await expect(purchase.getByRole('row', { name: /post-purchase-nps/ })).toContainText(
    'not enough answers yet to tell',
  )
})
