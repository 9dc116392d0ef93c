import { expect, type Page, test } from '@playwright/test'
import { useReferenceServer } from './reference-server'

// The React and Vue examples as `npm start` serves them, bundled from the built package.
const server = useReferenceServer()

type Stored = Record<string, unknown>
const stored = async (surveyId: string, kind: 'response' | 'display' | 'dismiss') =>
  (await server.store.records({ surveyId, kind })) as unknown as Stored[]

/** Page errors, so that a React or Vue warning that breaks the app fails the test. */
function errorsOf(page: Page) {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  return errors
}

test('React: a route change shows the headless NPS, the app’s own card answers it, and the record matches the built-in prompt’s', async ({
  page,
}) => {
  const errors = errorsOf(page)
  await page.goto(`${server.url}/react/`)
  // A client-side route change (React Router's pushState), not a page load.
  await page.getByRole('link', { name: 'Plans' }).click()
  const card = page.locator('section.own-survey')
  await expect(card).toContainText('How likely are you to recommend our plans to a colleague?')
  // Koe drew nothing itself: the card is the app's markup.
  await expect(page.locator('[data-koe-survey]')).toHaveCount(0)
  await card.getByRole('button', { name: '9', exact: true }).click()
  await card.getByRole('textbox').fill('Clear pricing')
  await card.getByRole('button', { name: 'Send' }).click()
  await expect(card.getByRole('status')).toHaveText('Thank you for your feedback!')
  await card.getByRole('button', { name: 'Close' }).click()
  await expect(card).toHaveCount(0)

  // The same visit, Koe's own prompt, placed by <KoeSurvey> on the Support route.
  await page.getByRole('link', { name: 'Support' }).click()
  await page.getByRole('button', { name: 'Close ticket' }).click()
  const prompt = page.getByRole('region', { name: 'How easy was it to get your answer?' })
  await expect(prompt).toBeVisible()
  await expect(page.locator('main [data-koe-slot="react-support-ces"] koe-prompt')).toHaveCount(1)
  await prompt.getByRole('radio', { name: /^6( |$)/ }).check()
  await prompt.getByRole('textbox').fill('Fast')
  await prompt.getByRole('button', { name: 'Send' }).click()

  await expect.poll(async () => (await stored('react-support-ces', 'response')).length).toBe(1)
  await expect.poll(async () => (await stored('react-plans-nps', 'response')).length).toBe(1)
  const [headless] = await stored('react-plans-nps', 'response')
  const [builtIn] = await stored('react-support-ces', 'response')
  expect(headless).toMatchObject({
    type: 'nps',
    score: 9,
    comment: 'Clear pricing',
    trigger: 'pageview',
    locale: 'en',
    url: `${server.url}/react/plans`,
    anonymousId: builtIn?.anonymousId,
    sdk: builtIn?.sdk,
  })
  // The same wire fields as the built-in prompt's answer (CES alone carries its scale).
  const fields = (record?: Stored) =>
    Object.keys(record ?? {})
      .filter((k) => k !== 'scale')
      .sort()
  expect(fields(headless)).toEqual(fields(builtIn))
  // Strict mode mounted the provider twice; there was one Koe, so one display of each survey.
  expect(await stored('react-plans-nps', 'display')).toHaveLength(1)
  expect(await stored('react-support-ces', 'display')).toHaveLength(1)
  expect(errors).toEqual([])
})

test('React: a deep link to a route loads the app, and dismissing the card records a dismissal', async ({
  page,
}) => {
  const errors = errorsOf(page)
  await page.goto(`${server.url}/react/plans`)
  const card = page.locator('section.own-survey')
  await expect(card).toBeVisible()
  await card.getByRole('button', { name: 'Close' }).click()
  await expect(card).toHaveCount(0)
  await expect
    .poll(async () => (await stored('react-plans-nps', 'dismiss')).length)
    .toBeGreaterThanOrEqual(1)
  expect(errors).toEqual([])
})

test('Vue: finishing the setup shows the headless CES, and the app’s own card answers it', async ({
  page,
}) => {
  const errors = errorsOf(page)
  await page.goto(`${server.url}/vue/`)
  await page.getByRole('button', { name: 'Finish setup' }).click()
  const card = page.locator('section.own-survey')
  await expect(card).toContainText('How easy was the setup?')
  await expect(card.getByRole('button')).toHaveCount(6) // close and 1..5
  await card.getByRole('button', { name: '2', exact: true }).click()
  await card.getByRole('textbox').fill('Too many steps')
  await card.getByRole('button', { name: 'Send' }).click()
  await expect(card.getByRole('status')).toBeVisible()
  await expect.poll(async () => (await stored('vue-setup-ces', 'response')).length).toBe(1)
  const [response] = await stored('vue-setup-ces', 'response')
  expect(response).toMatchObject({
    type: 'ces',
    scale: 5,
    score: 2,
    comment: 'Too many steps',
    trigger: 'setup_finished',
    url: `${server.url}/vue/`,
  })
  expect(await stored('vue-setup-ces', 'display')).toHaveLength(1)
  expect(errors).toEqual([])
})
