import { expect, test } from '@playwright/test'
import { startReferenceServer } from './reference-server'
import { exitThroughTheTop } from './signals'

test('the SPA example asks CES through the npm module after a route change', async ({ page }) => {
  // Often the first server of its worker: it pays PGlite's initdb and the migrations (3 to 5 s of
  // CPU, more beside the other worker), which once pushed it past 30 s.
  test.slow()
  const server = await startReferenceServer()
  try {
    await page.goto(`${server.url}/spa/`)
    await page.getByRole('link', { name: 'Setup' }).click()
    await expect(page).toHaveURL(/\/spa\/setup$/)
    await page.getByRole('button', { name: 'Finish setup' }).click()
    const dialog = page.getByRole('dialog', { name: 'How easy was it to set up your account?' })
    await expect(dialog.getByRole('radio')).toHaveCount(7)
    await dialog.getByRole('radio', { name: /^6$/ }).check()
    await dialog.getByRole('button', { name: 'Send' }).click()
    await expect
      .poll(
        async () =>
          (await server.store.records({ surveyId: 'onboarding-ces', kind: 'response' }))[0],
      )
      .toMatchObject({
        type: 'ces',
        scale: 7,
        score: 6,
        trigger: 'onboarding_completed',
        url: `${server.url}/spa/setup`,
      })
  } finally {
    await server.close()
  }
})

test('leaving a full cart in the shop asks CES; a dismiss is recorded and the shop carries on', async ({
  page,
}) => {
  // Four page loads, a reference server of its own and a 1 s exit-intent gesture: 12 s alone,
  // more beside the other worker on a 2-core machine.
  test.slow()
  const server = await startReferenceServer()
  try {
    await page.goto(`${server.url}/shop/`)
    await page.getByRole('button', { name: 'Add to cart' }).click()
    await page.getByRole('link', { name: /Your cart/ }).click()
    await expect(page).toHaveURL(/cart\.html$/)
    await exitThroughTheTop(page)
    const dialog = page.getByRole('dialog', {
      name: 'How easy was it to find what you were looking for?',
    })
    await expect(dialog).toBeVisible()
    await dialog.getByRole('button', { name: 'Close' }).click()
    await page.getByRole('link', { name: 'Continue shopping' }).click()
    await expect(page).toHaveURL(`${server.url}/shop/`)
    await expect
      .poll(async () =>
        (await server.store.records({ surveyId: 'cart-abandonment-ces' }))
          .map((r) => r.kind)
          .sort(),
      )
      .toEqual(['dismiss', 'display'])
  } finally {
    await server.close()
  }
})

test('the dashboard asks for the token, then shows the data, under a strict CSP without violations', async ({
  page,
}) => {
  const server = await startReferenceServer({ token: 'open-sesame' })
  try {
    await server.store.upsert([
      {
        id: '0193a1b2-0000-7000-8000-000000000001',
        kind: 'response',
        surveyId: 'post-purchase-nps',
        type: 'nps',
        score: 3,
        comment: '<img src=x onerror=alert(1)> 配送が遅い',
        createdAt: '2026-11-22T10:00:00.000Z',
        updatedAt: '2026-11-22T10:00:00.000Z',
        locale: 'ja',
      },
    ])
    await page.addInitScript(() => {
      ;(window as unknown as { violations: string[] }).violations = []
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { violations: string[] }).violations.push(e.violatedDirective),
      )
    })
    await page.goto(`${server.url}/dashboard/`)
    const tokenBox = page.getByLabel('Dashboard token (KOE_DASHBOARD_TOKEN)')
    await tokenBox.fill('wrong')
    await page.getByRole('button', { name: 'Open' }).click()
    await expect(tokenBox).toBeVisible()
    await tokenBox.fill('open-sesame')
    await page.getByRole('button', { name: 'Open' }).click()
    await expect(page.getByTestId('nps').locator('strong')).toHaveText('-100.0')
    // The answer is from 2026-11-22; a range that starts later leaves nothing to score.
    await page.clock.setFixedTime(new Date('2026-12-31T00:00:00Z'))
    await page.getByLabel('Range').selectOption('7')
    await expect(page.getByTestId('nps')).toContainText('n = 0')
    await page.getByLabel('Range').selectOption('0')
    await expect(page.getByTestId('nps')).toContainText('n = 1')
    // Customers' words are text, never markup.
    await expect(
      page.getByRole('cell', { name: '<img src=x onerror=alert(1)> 配送が遅い' }),
    ).toBeVisible()
    expect(await page.locator('main img').count()).toBe(0)
    expect(
      await page.evaluate(() => (window as unknown as { violations: string[] }).violations),
    ).toEqual([])
  } finally {
    await server.close()
  }
})
