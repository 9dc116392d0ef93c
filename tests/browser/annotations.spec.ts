// Annotations and goals on the timeline (issue 33) in a real Chromium: an editor marks a release,
// sees it drawn on the results' timeline and listed, compares the score since it, sets a goal,
// renames the release and removes it.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { responseRecord } from '../support/wire-records'
import { useReferenceServer } from './reference-server'

const server = useReferenceServer()

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString()

test('an editor marks a release on the timeline, compares since it, renames and removes it', async ({
  page,
}) => {
  // Detractors before the release, promoters after it.
  await server.store.upsert([
    ...[10, 9, 8].map((days) =>
      responseRecord({ score: 2, createdAt: daysAgo(days), updatedAt: daysAgo(days) }),
    ),
    ...[3, 2, 1].map((days) =>
      responseRecord({ score: 10, createdAt: daysAgo(days), updatedAt: daysAgo(days) }),
    ),
  ])
  await page.goto(`${server.url}/dashboard/`)
  await expect(page.getByTestId('nps')).toContainText('n = 6')
  const panel = page.getByRole('region', { name: 'Annotations' })
  // The release, five days ago, in the browser's own zone as the field takes it.
  const release = new Date(Date.now() - 5 * 86_400_000)
  const local = new Date(release.getTime() - release.getTimezoneOffset() * 60_000)
    .toISOString()
    .slice(0, 16)
  await panel.getByLabel('When').fill(local)
  await panel.getByLabel('Label').fill('Release 4.2')
  await panel.getByRole('button', { name: 'Add annotation' }).click()
  await expect(panel.getByTestId('annotations')).toContainText('Release 4.2')
  await expect(panel.getByTestId('annotations')).toContainText('every survey')
  // Drawn on the timeline, at the first day after it with answers.
  const mark = page.locator('svg[aria-label="Score over time"] line.mark')
  await expect(mark).toHaveCount(1)
  await expect(mark.locator('title')).toContainText('Release 4.2')

  // Since the release: three promoters, against the same length of time before it.
  await page.getByRole('combobox', { name: 'Since' }).selectOption({ index: 1 })
  await expect(page.getByTestId('nps')).toContainText('n = 3')
  await expect(page.getByTestId('comparison')).toContainText('+200')
  expect(
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations,
  ).toEqual([])

  // A goal of 50, drawn across the timeline.
  await page.getByLabel('Goal (NPS)').fill('50')
  await page.getByRole('button', { name: 'Set goal' }).click()
  const goal = page.locator('svg[aria-label="Score over time"] line.goal')
  await expect(goal.locator('title')).toHaveText('goal: 50')

  await panel.getByRole('button', { name: 'Rename “Release 4.2”' }).click()
  await panel.getByLabel('New label of “Release 4.2”').fill('Release 4.2 (new checkout)')
  await panel.getByRole('button', { name: 'Save' }).click()
  await expect(panel.getByTestId('annotations')).toContainText('Release 4.2 (new checkout)')
  await expect(mark.locator('title')).toContainText('Release 4.2 (new checkout)')
  await panel.getByRole('button', { name: 'Remove “Release 4.2 (new checkout)”' }).click()
  await expect(panel.getByText('None yet.')).toBeVisible()
  await expect(mark).toHaveCount(0)
})
