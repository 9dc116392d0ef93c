// Issue 14: a product manager creates, previews and publishes a survey from the dashboard, and the
// demo shop, which reads the collector's /surveys.json, asks it.
import AxeBuilder from '@axe-core/playwright'
import { type Browser, expect as baseExpect, type Page, test } from '@playwright/test'
import { TEMPLATES } from '../../packages/koe-collector/src/dashboard/editor/survey-templates'
import { startTestPostgres } from '../support/test-postgres.mjs'
import { allowForServerStart, type ReferenceServer, startReferenceServer } from './reference-server'
import { exitThroughTheTop } from './signals'

let server: ReferenceServer
let postgres: Awaited<ReturnType<typeof startTestPostgres>> | undefined
test.beforeEach(() => {
  // Each test edits the library: a fresh server (and database) for each.
  test.slow()
})
test.afterEach(async () => {
  await server?.close()
})
test.afterAll(async () => {
  await postgres?.stop()
})

/** The reference server on a fresh database of either kind the collector supports. */
async function start(database: 'PGlite' | 'PostgreSQL' = 'PGlite') {
  if (database === 'PostgreSQL' && !postgres) {
    allowForServerStart()
    postgres = await startTestPostgres()
  }
  server = await startReferenceServer({
    postgresUrl: postgres && database === 'PostgreSQL' ? postgres.url : undefined,
  })
}

/** Opens a dashboard page, recording every CSP violation it (or its preview frame) reports. */
async function openDashboard(page: Page, hash: string) {
  await page.addInitScript(() => {
    ;(window as unknown as { violations: string[] }).violations = []
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { violations: string[] }).violations.push(e.violatedDirective),
    )
  })
  await page.goto(`${server.url}/dashboard/${hash}`)
}

const violations = (page: Page) =>
  Promise.all(
    page
      .frames()
      .map((frame) =>
        frame.evaluate(() => (window as unknown as { violations?: string[] }).violations ?? []),
      ),
  ).then((lists) => lists.flat())

/** The form field an error belongs to, by the validator's field name. */
const field = (page: Page, name: string) => page.locator(`[data-field="${name}"]`)

/**
 * How long a step that crosses processes may take (a save reaching the database, a shop page
 * loading its surveys and the bundle, a preview frame drawing) while the other worker loads the
 * same two cores. Every wait is for a condition: this only matters when one fails.
 */
const SLOW = 15_000
const expect = baseExpect.configure({ timeout: SLOW })

const JA_QUESTION = 'お会計まで進みやすかったですか？'

/** The shop in a fresh browser, in Japanese, with a full cart abandoned on the cart page. */
async function abandonCartInJapanese(browser: Browser) {
  const context = await browser.newContext()
  const shop = await context.newPage()
  await shop.addInitScript(() => localStorage.setItem('shop-lang', 'ja'))
  await shop.goto(`${server.url}/shop/`)
  await shop.getByRole('button', { name: 'カートに入れる' }).click()
  await shop.goto(`${server.url}/shop/cart.html`)
  await exitThroughTheTop(shop)
  return { context, shop }
}

for (const database of ['PGlite', 'PostgreSQL'] as const)
  test(`a product manager creates a cart-abandonment CES from the template, previews it on a phone, publishes it, and the shop asks it (${database})`, async ({
    page,
    browser,
  }) => {
    await start(database)
    await openDashboard(page, '#surveys')
    // The demo's own cart survey steps aside first: one click.
    await page.getByRole('link', { name: 'cart-abandonment-ces', exact: true }).click()
    await page.getByLabel('Your name').fill('Mika')
    await page.getByRole('button', { name: 'Pause' }).click()
    await expect(page.getByRole('heading', { level: 2 })).toContainText('Paused')

    await page.getByRole('link', { name: /All surveys/ }).click()
    await page.getByRole('link', { name: 'Cart-abandonment CES' }).click()
    // The template's id is taken by the demo's survey: the new one is numbered.
    await expect(page.getByLabel('Survey id')).toHaveValue('cart-abandonment-ces-2')
    await page.getByLabel('Question · ja').fill(JA_QUESTION)

    // The preview is the real prompt: in Japanese, at phone width.
    await page.getByLabel('Language', { exact: true }).selectOption('ja')
    await page.getByLabel('Width', { exact: true }).selectOption('phone')
    const frame = page.locator('iframe.frame')
    await expect(frame).toHaveClass(/phone/)
    // The frame's page is 360 px wide: the narrowest phone the prompt is made for.
    expect(await frame.evaluate((f) => (f as HTMLIFrameElement).contentWindow?.innerWidth)).toBe(
      360,
    )
    const prompt = page.frameLocator('iframe.frame').getByRole('dialog', { name: JA_QUESTION })
    await expect(prompt).toBeVisible()
    await expect(prompt.getByRole('radio')).toHaveCount(7)
    await page.getByLabel('Scheme', { exact: true }).selectOption('dark')
    await expect(page.frameLocator('iframe.frame').locator('html.dark')).toHaveCount(1)
    await expect(prompt).toBeVisible()
    // Each step of it, with the same bundle.
    await page.getByLabel('Step', { exact: true }).selectOption('followUp')
    await expect(
      page.frameLocator('iframe.frame').getByText('お困りの点があればお聞かせください。'),
    ).toBeVisible()

    await page.getByLabel('What changed').fill('Japanese question for the cart')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page).toHaveURL(/#surveys\/edit\/cart-abandonment-ces-2$/)
    await page.getByRole('button', { name: 'Publish' }).click()
    await expect(page.getByRole('heading', { level: 2 })).toContainText('Live')
    expect(await violations(page)).toEqual([])

    // The shop reads /surveys.json: a full cart abandoned asks the new question.
    const { context, shop } = await abandonCartInJapanese(browser)
    const asked = shop.getByRole('dialog', { name: JA_QUESTION })
    await expect(asked).toBeVisible()
    await asked.getByRole('radio', { name: /^6( |$)/ }).check()
    await asked.getByRole('button', { name: '送信' }).click()
    await expect
      .poll(async () =>
        (await server.store.records({ surveyId: 'cart-abandonment-ces-2', kind: 'response' })).map(
          (r) => (r as { score: number }).score,
        ),
      )
      .toEqual([6])
    await context.close()

    // The answer is on the Results page.
    await page.goto(`${server.url}/dashboard/#results`)
    // Only the hash changed: the dashboard loads its survey list again on a reload.
    await page.reload()
    await page.getByLabel('Survey', { exact: true }).selectOption('cart-abandonment-ces-2')
    await expect(page.getByTestId('ces')).toContainText('n = 1')
  })

test('a draft reached through a preview link shows only in the browser that opened it', async ({
  page,
  browser,
}) => {
  await start()
  await openDashboard(page, '#surveys/new/blank')
  await page.getByLabel('Survey id').fill('shop-welcome')
  await page.getByLabel('When to ask', { exact: true }).selectOption('pageview')
  await page.getByLabel('Page path').fill('/shop/*')
  await page.getByLabel('Question · en').fill('Did you find the shop easily?')
  await page.getByLabel('Question · ja').fill('ショップはすぐに見つかりましたか？')
  await page.getByLabel('Your name').fill('Mika')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page).toHaveURL(/#surveys\/edit\/shop-welcome$/)
  await page.getByRole('button', { name: 'Make a preview link' }).click()
  const link = await page.getByTestId('preview-link').getAttribute('href')
  expect(link).toMatch(/\/shop\/\?koe-preview=[\w-]{22}$/)

  const previewing = await browser.newContext()
  const mine = await previewing.newPage()
  await mine.goto(link as string)
  await expect(mine.getByRole('dialog', { name: 'Did you find the shop easily?' })).toBeVisible()
  // The draft follows the person previewing through the site, in that tab.
  await mine.goto(`${server.url}/shop/cart.html`)
  await expect(mine.getByRole('dialog', { name: 'Did you find the shop easily?' })).toBeVisible()

  // A customer, a fresh browser, on the same page: the surveys are loaded, the draft is not there.
  const customer = await (await browser.newContext()).newPage()
  const surveys = customer.waitForResponse((r) => r.url().endsWith('/surveys.json'))
  await customer.goto(`${server.url}/shop/`)
  expect((await (await surveys).json()).map((s: { id: string }) => s.id)).not.toContain(
    'shop-welcome',
  )
  // A guessed key shows nothing either.
  await customer.goto(`${server.url}/shop/?koe-preview=AAAAAAAAAAAAAAAAAAAAAA`)
  await customer.waitForTimeout(300)
  await expect(customer.getByRole('dialog')).toHaveCount(0)
  await previewing.close()
  await customer.context().close()
})

test('invalid input is refused next to its field, in English and in Japanese', async ({ page }) => {
  await start()
  await openDashboard(page, '#surveys/new/cart-abandonment')
  await page.getByLabel('Wait before showing (seconds)').fill('-2')
  await page.getByLabel('Share of visitors asked').fill('2')
  await page.getByLabel('Question · en').fill('')
  await page.getByLabel('When to ask', { exact: true }).selectOption('pageview')
  await page.getByLabel('Page path').fill('re:/cart(')
  await page.getByLabel('Your name').fill('Mika')
  await page.getByRole('button', { name: 'Save', exact: true }).click()

  await expect(field(page, 'trigger.delay').locator('.field-error')).toHaveText(
    'The wait is from 0 to 3600 seconds (an hour).',
  )
  await expect(field(page, 'audience.sample').locator('.field-error')).toContainText('from 0 to 1')
  await expect(field(page, 'question.en').locator('.field-error')).toContainText(
    'Write the question in this language',
  )
  await expect(field(page, 'trigger.pageview').locator('.field-error')).toContainText(
    'regular expression',
  )
  await expect(page.getByLabel('Wait before showing (seconds)')).toHaveAttribute(
    'aria-invalid',
    'true',
  )
  // The editor's language: the same errors in Japanese.
  await page.getByLabel('Language · 言語').selectOption('ja')
  await expect(field(page, 'trigger.delay').locator('.field-error')).toHaveText(
    '待ち時間は 0〜3600 秒（1 時間）です。',
  )
  await expect(field(page, 'audience.sample').locator('.field-error')).toContainText('0〜1')
  // Nothing was saved.
  const listed = await (await page.request.get(`${server.url}/api/library`)).json()
  expect(listed.surveys.map((s: { id: string }) => s.id)).not.toContain('cart-abandonment-ces-2')
  // Markup typed into a question stays text, in the form and in the real prompt of the preview.
  await page.getByLabel('言語 · Language').selectOption('en')
  await page.getByLabel('When to ask', { exact: true }).selectOption('cart-abandonment')
  await page.getByLabel('Share of visitors asked').fill('')
  await page.getByLabel('Wait before showing (seconds)').fill('')
  const markup = '<img src=x onerror="window.pwned=1"><b>Bold?</b>'
  await page.getByLabel('Question · en').fill(markup)
  await expect(
    page.frameLocator('iframe.frame').getByRole('dialog', { name: markup }),
  ).toBeVisible()
  expect(await page.frames()[1]?.evaluate(() => 'pwned' in window)).toBe(false)
  // An id that is taken: the server's reason, not a field error about the id's letters.
  await page.getByLabel('Survey id').fill('post-purchase-nps')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('alert')).toHaveText('a survey "post-purchase-nps" exists already')
})

test('the preview redraws as the question is typed, and never takes the focus from the editor', async ({
  page,
}) => {
  await start()
  await openDashboard(page, '#surveys/new/cart-abandonment')
  // A centred prompt is a modal dialog, which takes the focus where it opens.
  await page.getByLabel('Position').selectOption('center')
  const question = page.getByLabel('Question · en')
  await question.click()
  await question.press('End')
  await question.pressSequentially(' Tell us!', { delay: 150 })
  await expect(question).toHaveValue('How easy was it to find what you were looking for? Tell us!')
  await expect(question).toBeFocused()
  await expect(
    page.frameLocator('iframe.frame').getByRole('dialog', { name: /Tell us!$/ }),
  ).toBeVisible()
  await question.pressSequentially('!', { delay: 150 })
  await expect(question).toHaveValue(/Tell us!!$/)
})

test('the JSON view round-trips every template unchanged, and edits made there reach the form', async ({
  page,
}) => {
  await start()
  for (const template of TEMPLATES) {
    await openDashboard(page, `#surveys/new/${template.id}`)
    const id = String(await page.getByLabel('Survey id').inputValue())
    const expected = JSON.stringify({ ...template.survey, id }, null, 2)
    await page.getByRole('button', { name: 'JSON', exact: true }).click()
    const json = page.getByLabel('JSON', { exact: true })
    await expect(json).toHaveValue(expected)
    await page.getByRole('button', { name: 'Form', exact: true }).click()
    await page.getByRole('button', { name: 'JSON', exact: true }).click()
    await expect(json).toHaveValue(expected)
  }
  // An edit in the JSON shows in the form, and comes back as written.
  const edited = JSON.stringify(
    { ...TEMPLATES[0]?.survey, question: { en: 'Edited in JSON', ja: 'JSON で編集' } },
    null,
    2,
  )
  const json = page.getByLabel('JSON', { exact: true })
  await json.fill(edited)
  await page.getByRole('button', { name: 'Form', exact: true }).click()
  await expect(page.getByLabel('Question · en')).toHaveValue('Edited in JSON')
  await page.getByRole('button', { name: 'JSON', exact: true }).click()
  await expect(json).toHaveValue(edited)
})

for (const database of ['PGlite', 'PostgreSQL'] as const)
  test(`pause and roll back reach /surveys.json; a conflicting save is refused; the history shows what changed (${database})`, async ({
    page,
    browser,
  }) => {
    await start(database)
    const etag = async () => (await page.request.get(`${server.url}/surveys.json`)).headers().etag
    const live = async () =>
      (await (await page.request.get(`${server.url}/surveys.json`)).json()) as {
        id: string
        question?: unknown
      }[]
    const before = await etag()
    expect(
      (
        await page.request.get(`${server.url}/surveys.json`, {
          headers: { 'if-none-match': before as string },
        })
      ).status(),
    ).toBe(304)

    await openDashboard(page, '#surveys/edit/post-purchase-nps')
    await page.getByLabel('Your name').fill('Mika')
    await page.getByLabel('Question · en').fill('Would you recommend Koe Coffee?')
    await page.getByLabel('What changed').fill('shorter question')

    // Ken opened the same survey and saves first.
    const ken = await (await browser.newContext()).newPage()
    await ken.goto(`${server.url}/dashboard/#surveys/edit/post-purchase-nps`)
    await ken.getByLabel('Your name').fill('Ken')
    await ken.getByLabel('Priority').fill('5')
    await ken.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(ken.getByRole('status')).toHaveText('Saved as version 2')
    await ken.context().close()

    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByRole('alert')).toContainText(
      'someone saved version 2 since you opened this survey',
    )
    await page.getByRole('button', { name: /Someone saved a newer version/ }).click()
    await expect(page.getByLabel('Priority')).toHaveValue('5')
    await page.getByLabel('Question · en').fill('Would you recommend Koe Coffee?')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByRole('status')).toHaveText('Saved as version 3')
    await page.getByRole('button', { name: 'Publish' }).click()
    await expect(page.getByRole('status')).toHaveText('Publish ✓')
    expect(await etag()).not.toBe(before)
    expect((await live()).find((s) => s.id === 'post-purchase-nps')?.question).toMatchObject({
      en: 'Would you recommend Koe Coffee?',
    })

    // What changed between version 1 and 3.
    const history = page.getByRole('region', { name: 'History' })
    await history.getByLabel('Compare').selectOption('1')
    await history.getByLabel('with').selectOption('3')
    await expect(history.getByTestId('diff')).toContainText('question.en')
    await expect(history.getByTestId('diff')).toContainText('priority')

    await page.getByRole('button', { name: 'Pause' }).click()
    await expect(page.getByRole('heading', { level: 2 })).toContainText('Paused')
    expect((await live()).map((s) => s.id)).not.toContain('post-purchase-nps')

    // Roll back: version 1 live again, the same set as at the start, so the same ETag.
    await history.getByRole('button', { name: 'Make this version live (1)' }).click()
    await expect(page.getByRole('heading', { level: 2 })).toContainText('Live')
    expect(await etag()).toBe(before)
    await expect(history.getByRole('listitem').first()).toContainText('rolled back')
  })

test('the Surveys page and the editor pass axe and work on a phone', async ({ page }) => {
  await start()
  await page.setViewportSize({ width: 360, height: 740 })
  await openDashboard(page, '#surveys')
  await expect(page.getByRole('cell', { name: /1.5 s after a purchase/ })).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'Dashboard' })
  await expect(nav.getByRole('link', { name: 'Results' })).toBeInViewport()
  await expect(nav.getByRole('link', { name: 'Surveys' })).toBeInViewport()
  const wide = () => page.evaluate(() => document.documentElement.scrollWidth > innerWidth)
  expect(await wide()).toBe(false)
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])

  await page.getByRole('link', { name: 'post-purchase-nps' }).click()
  // The demo's survey renders inline (#koe-feedback): the preview page makes that element.
  await expect(
    page.frameLocator('iframe.frame').getByRole('radio', { name: /^9( |$)/ }),
  ).toBeVisible()
  expect(await wide()).toBe(false)
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
  await page.getByRole('button', { name: 'JSON', exact: true }).click()
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
  await page.getByLabel('Language · 言語').selectOption('ja')
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
  expect(await violations(page)).toEqual([])
})
