// The dashboard's loyalty page (issue 30) in a real Chromium: a CX lead asks "do our promoters
// buy again?", reads the answer per NPS group with its intervals, the verdict on the difference,
// the loyalty matrix and the chart, and narrows the window.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { responseRecord } from '../support/wire-records'
import { useReferenceServer } from './reference-server'

const server = useReferenceServer()

const DAY = 86_400_000
const ANSWERED = Date.parse('2026-10-01T12:00:00.000Z')
const at = (days: number) => new Date(ANSWERED + days * DAY).toISOString()

test('the loyalty page shows who bought again per NPS group, the verdict, the matrix and the chart', async ({
  page,
}) => {
  // 40 promoters, 24 of whom buy again (12 on day 5, 12 on day 30); 10 passives, 5 of whom do on
  // day 5; 35 detractors, 7 of whom do on day 5.
  const people = [
    ...Array.from({ length: 40 }, (_, i) => ({
      id: `p-${i}`,
      score: 10,
      day: i < 12 ? 5 : i < 24 ? 30 : null,
    })),
    ...Array.from({ length: 10 }, (_, i) => ({ id: `m-${i}`, score: 8, day: i < 5 ? 5 : null })),
    ...Array.from({ length: 35 }, (_, i) => ({ id: `d-${i}`, score: 3, day: i < 7 ? 5 : null })),
  ]
  await server.store.upsert(
    people.map((p) =>
      responseRecord({ userId: p.id, score: p.score, createdAt: at(0), updatedAt: at(0) }),
    ),
  )
  const orders = people
    .filter((p) => p.day !== null)
    .map((p) =>
      JSON.stringify({
        userId: p.id,
        name: 'purchase',
        at: at(p.day as number),
        value: 5_000,
        currency: 'EUR',
        id: `order-${p.id}`,
      }),
    )
  const imported = await fetch(`${server.url}/api/outcomes`, {
    method: 'POST',
    body: orders.join('\n'),
  })
  expect(await imported.json()).toEqual({ accepted: 36, duplicates: 0, rejected: [] })

  await page.goto(`${server.url}/dashboard/`)
  await page
    .getByRole('navigation', { name: 'Dashboard' })
    .getByRole('link', { name: 'Loyalty' })
    .click()
  await expect(page.getByRole('heading', { name: 'Do promoters come back?' })).toBeVisible()
  await expect(page.getByTestId('loyalty-verdict')).toContainText('+40 points, likely real')
  const promoters = page.getByTestId('loyalty-promoter')
  await expect(promoters).toContainText('40')
  await expect(promoters).toContainText('60.0 %')
  await expect(promoters).toContainText('€')
  await expect(page.getByTestId('loyalty-detractor')).toContainText('20.0 %')
  // The matrix: 7 detractors bought again anyway (the ones to call first), 28 did not.
  const detractorRow = page
    .getByTestId('loyalty-matrix')
    .getByRole('row')
    .filter({ hasText: 'Detractors' })
  await expect(detractorRow.getByRole('cell')).toHaveText(['7', '28'])
  // Who they are: the local operator (an admin) lists the cell, to call them.
  await detractorRow
    .getByRole('button', { name: '7: list the Detractors (0–6) who had purchase' })
    .click()
  const list = page.getByTestId('loyalty-people')
  await expect(list.getByRole('caption')).toHaveText('Detractors (0–6) who had purchase: 7')
  await expect(list.getByRole('row')).toHaveCount(8)
  await expect(list).toContainText('User d-0')
  expect(
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations,
  ).toEqual([])
  await expect(page.getByRole('img', { name: /Share who had purchase by day/ })).toHaveAttribute(
    'aria-label',
    /Promoters \(9–10\) 60\.0 %.*Detractors \(0–6\) 20\.0 %/,
  )
  expect(
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations,
  ).toEqual([])

  // Ten days after the answer, only the day-5 buyers count: +10 points, which could be chance.
  await page.getByLabel('Days after the answer').fill('10')
  await page.getByLabel('Days after the answer').press('Tab')
  await expect(page.getByTestId('loyalty-verdict')).toContainText('+10 points, could be chance')
  await expect(promoters).toContainText('30.0 %')
})
