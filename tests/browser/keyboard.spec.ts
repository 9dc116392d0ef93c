import { expect, type Page, test } from '@playwright/test'
import { callKoe } from './call-koe'
import { queuedEntries } from './koe-queue'
import { openPromptPage, SURVEYS } from './prompt-page'
import { useReferenceServer } from './reference-server'

// A keyboard user answers with the native radio group: arrow keys point, Space, Enter, Send or
// leaving the scale answer, Escape without an answer dismisses (issue 13).
const server = useReferenceServer()

const SURVEY = 'post-purchase-nps'
const records = (kind: 'response' | 'dismiss') => server.store.records({ surveyId: SURVEY, kind })

/** The scores waiting in the page's own IndexedDB queue: stored on the device, not yet sent. */
const queuedScores = async (page: Page) =>
  (await queuedEntries(page))
    .map((e) => e.record as { kind: string; score?: number })
    .filter((r) => r.kind === 'response')
    .map((r) => r.score)

/** Opens the thank-you page in a fresh visitor's tab, focuses score 0, arrows right `steps` times. */
async function arrowTo(page: Page, steps: number) {
  await page.goto(`${server.url}/shop/thanks.html`)
  const dialog = page.getByRole('region', { name: /recommend Koe Coffee/ })
  await dialog.getByRole('radio', { name: /^0( |$)/ }).focus()
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight')
  await expect(dialog.getByRole('radio', { name: new RegExp(`^${steps}( |$)`) })).toBeChecked()
  return dialog
}

test('arrowing across the scale and pressing Escape is a dismiss, not an answer', async ({
  page,
}) => {
  const before = (await records('response')).length
  const dialog = await page
    .goto(`${server.url}/shop/thanks.html`)
    .then(() => page.getByRole('region', { name: /recommend Koe Coffee/ }))
  // Tab into the scale: the first radio takes focus unchecked; arrows check as they move.
  await dialog.getByRole('radio', { name: /^0( |$)/ }).focus()
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight')
  await expect(dialog.getByRole('radio', { name: /^9( |$)/ })).toBeChecked()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect.poll(async () => (await records('dismiss')).length).toBeGreaterThan(0)
  expect((await records('response')).length).toBe(before)
})

test('Space confirms the score at once; the comment and Send follow by keyboard', async ({
  page,
}) => {
  await arrowTo(page, 9)
  // Nothing is stored while arrowing; Space stores the score at once, before any Send.
  expect(await queuedScores(page)).toEqual([])
  await page.keyboard.press('Space')
  await expect.poll(() => queuedScores(page)).toEqual([9])
  await page.keyboard.press('Tab')
  await page.keyboard.type('キーボードだけで回答')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  // The thanks replaces the question, names the prompt from then on, and takes the focus of the
  // Send button it replaced, instead of <body>.
  await expect(
    page.getByRole('region', { name: 'Thank you for your feedback!' }).getByText('Thank you'),
  ).toBeFocused()
  await expect
    .poll(async () =>
      (await records('response')).some(
        (r) => r.kind === 'response' && r.score === 9 && r.comment === 'キーボードだけで回答',
      ),
    )
    .toBe(true)
})

test('leaving the scale with Tab confirms the score it points at', async ({ page }) => {
  await arrowTo(page, 4)
  expect(await queuedScores(page)).toEqual([])
  await page.keyboard.press('Tab')
  await expect.poll(() => queuedScores(page)).toEqual([4])
  await callKoe(page, 'flush')
  await expect
    .poll(async () =>
      (await records('response')).some((r) => r.kind === 'response' && r.score === 4),
    )
    .toBe(true)
})

test('closing with Escape returns focus to where it was before it entered the prompt', async ({
  page,
}) => {
  await page.goto(`${server.url}/shop/thanks.html`)
  const dialog = page.getByRole('region', { name: /recommend Koe Coffee/ })
  await dialog.waitFor()
  // The page's last control before the inline prompt: the header's language button.
  const before = page.locator('#lang')
  await before.focus()
  await page.keyboard.press('Tab')
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(before).toBeFocused()
})

test('CES by keyboard only: Tab in, arrows, Enter, a comment and Send; the answer arrives whole', async ({
  page,
}) => {
  await openPromptPage(page, server, {
    body: '<main><h1>Checkout</h1><button id="before">Back to cart</button></main>',
    config: { surveys: [{ ...SURVEYS.ces7, trigger: { pageview: '/__prompt/*' } }] },
  })
  const dialog = page.getByRole('dialog', {
    name: 'How easy was it to do what you came to do today?',
  })
  await expect(dialog).toBeVisible()
  await page.locator('#before').focus()
  await page.keyboard.press('Tab')
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(dialog.getByRole('radio', { name: '1 – Very difficult' })).toBeFocused()
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight')
  await expect(dialog.getByRole('radio', { name: /^6$/ })).toBeChecked()
  await page.keyboard.press('Enter')
  await expect(
    dialog.getByText('Glad to hear it. What did you like most? (optional)'),
  ).toBeVisible()
  await page.keyboard.press('Tab')
  await page.keyboard.type('Quick checkout')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('dialog').getByText('Thank you for your feedback!')).toBeFocused()
  await expect
    .poll(async () =>
      (await server.store.records({ surveyId: 'ces7', kind: 'response' })).map((r) =>
        r.kind === 'response' ? [r.score, r.comment] : [],
      ),
    )
    .toEqual([[6, 'Quick checkout']])
})

test('a prompt that appears by itself takes no focus and is announced by a live region', async ({
  page,
}) => {
  await openPromptPage(page, server, {
    body: '<main><h1>Checkout</h1><input id="coupon" aria-label="Coupon"></main>',
    config: { surveys: [{ ...SURVEYS.nps, trigger: { timeOnPage: 300 } }] },
  })
  await page.locator('#coupon').focus()
  await page.keyboard.type('SPRING')
  const prompt = page.locator('koe-prompt')
  await expect(prompt.getByRole('dialog')).toBeVisible()
  // The customer keeps typing where they were; the region was in place, empty, before it spoke.
  await page.keyboard.type('26')
  await expect(page.locator('#coupon')).toHaveValue('SPRING26')
  await expect(prompt.locator('[aria-live=polite]')).toHaveText(
    'How likely are you to recommend us to a friend or colleague?',
  )
})

test('koe.show() after a click takes focus, and closing returns it to the button', async ({
  page,
}) => {
  await openPromptPage(page, server, {
    body: '<main><button id="ask">Give feedback</button></main>',
    config: { surveys: [SURVEYS.nps] },
  })
  await page
    .locator('#ask')
    .evaluate((button) =>
      button.addEventListener('click', () =>
        (window as unknown as { koe: (...a: unknown[]) => void }).koe('show', 'nps'),
      ),
    )
  await page.locator('#ask').click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByRole('radio', { name: /^0 / })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(page.locator('#ask')).toBeFocused()
})
