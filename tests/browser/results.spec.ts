import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import { segmentValue } from '../../packages/koe-collector/src/collector/segment'
import { lastDays } from '../../packages/koe-collector/src/server/local-days'
import { compare } from '../../packages/koe-collector/src/server/results'
import type { ResponseRecord, SurveyRecord } from '../../src/scoring/wire'
import { recordMix } from '../support/record-mix'
import { type ReferenceServer, startReferenceServer } from './reference-server'

// Issue 15: a CX team cuts the results by touchpoint and attribute, and reads the comparison
// with the period before, on a desktop and on a phone.
let server: ReferenceServer
let records: SurveyRecord[]
test.beforeAll(async () => {
  server = await startReferenceServer()
  // Sixty days up to now, so that "the last 30 days" and the 30 before both hold answers.
  records = recordMix(4_000, 31, 60, Date.now())
  await server.store.upsert(records)
})
test.afterAll(async () => {
  await server?.close()
})

/** NPS counts per score of the survey's answers in a range that are in every segment. */
function npsCounts(range: { from: string; until: string }, where: [string, string][]) {
  const counts = new Array(11).fill(0)
  for (const r of records)
    if (
      r.kind === 'response' &&
      r.surveyId === 'post-purchase-nps' &&
      r.createdAt >= range.from &&
      r.createdAt < range.until &&
      where.every(([dim, value]) => segmentValue(r, dim as 'trigger') === value)
    )
      counts[(r as ResponseRecord).score]++
  return counts
}

async function openDashboard(page: Page) {
  await page.addInitScript(() => {
    ;(window as unknown as { violations: string[] }).violations = []
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { violations: string[] }).violations.push(e.violatedDirective),
    )
  })
  await page.goto(`${server.url}/dashboard/`)
  await page.getByLabel('Survey', { exact: true }).selectOption('post-purchase-nps')
  await expect(page.getByTestId('nps')).toContainText('n = ')
}

test('filters by a touchpoint and an attribute, and reads the comparison with the period before', async ({
  page,
}) => {
  await openDashboard(page)
  await page.getByLabel('Range', { exact: true }).selectOption('30')
  await page.getByLabel('Touchpoint', { exact: true }).selectOption('cart_abandoned')
  await page.getByLabel('Filter by', { exact: true }).selectOption('attr:plan')
  await page.getByLabel('Value', { exact: true }).selectOption('pro')

  const now = lastDays(30, 'UTC')
  const before = lastDays(60, 'UTC')
  const where: [string, string][] = [
    ['trigger', 'cart_abandoned'],
    ['attr:plan', 'pro'],
  ]
  const current = npsCounts(now, where)
  const previous = npsCounts({ from: before.from, until: now.from }, where)
  const n = current.reduce((a, b) => a + b, 0)
  const promoters = current[9] + current[10]
  const detractors = current.slice(0, 7).reduce((a, b) => a + b, 0)
  await expect(page.getByTestId('nps').locator('span')).toHaveText(new RegExp(`· n = ${n}$`))
  await expect(page.getByTestId('nps').locator('strong')).toHaveText(
    ((100 * (promoters - detractors)) / n).toFixed(1),
  )
  await expect(page.getByTestId('comparison').locator('strong')).toHaveText(
    compare('nps', current, previous).verdict,
  )
  expect(
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations,
  ).toEqual([])
  expect(
    await page.evaluate(() => (window as unknown as { violations: string[] }).violations),
  ).toEqual([])
})

test('a locale-filtered response rate is of that locale’s own displays', async ({ page }) => {
  await openDashboard(page)
  await page.getByLabel('Filter by', { exact: true }).selectOption('locale')
  await page.getByLabel('Value', { exact: true }).selectOption('ja')
  const ja = records.filter((r) => r.surveyId === 'post-purchase-nps' && r.locale === 'ja')
  const count = (kind: string) => ja.filter((r) => r.kind === kind).length
  const shown = Math.max(count('display'), count('response') + count('dismiss'))
  const rate = (100 * count('response')) / shown
  expect(rate).toBeLessThanOrEqual(100)
  await expect(page.getByTestId('nps').locator('span')).toHaveText(
    new RegExp(`· n = ${count('response')}$`),
  )
  await expect(page.getByRole('figure').filter({ hasText: 'Response rate' })).toContainText(
    `${rate.toFixed(1)} %`,
  )
  // The segment table by device, within Japanese: a row per device class.
  await page.getByLabel('Segment by', { exact: true }).selectOption('device')
  // Rows are sorted by answers, not by name: compared as a set.
  await expect
    .poll(async () => (await page.getByRole('rowheader').allInnerTexts()).sort())
    .toEqual(['desktop', 'mobile', 'tablet'])
})

test('fits a 360 px phone: charts fill the width, nothing scrolls sideways but the tables', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 780 })
  await openDashboard(page)
  await page.getByLabel('Range', { exact: true }).selectOption('30')
  const chart = page.getByRole('img', { name: 'Score over time' })
  await expect(chart).toBeVisible()
  const width = await chart.evaluate((svg) => svg.getBoundingClientRect().width)
  expect(width).toBeGreaterThan(300)
  expect(width).toBeLessThanOrEqual(360)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await page.screenshot({ path: 'test-results/results-phone.png', fullPage: true })
  expect(
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations,
  ).toEqual([])
})
