import { readFileSync } from 'node:fs'
import { type BrowserContext, expect, type Page, test } from '@playwright/test'
import { readmeSnippet } from '../support/readme-snippet'
import { callKoe } from './call-koe'
import { useReferenceServer } from './reference-server'

// Pages that do what real pages do to their globals, and a collector that must still get every
// answer (issue 11: items 3, 4 and 7, and the snippet).
const server = useReferenceServer()

const SURVEY = { id: 'hostile-nps', type: 'nps', followUp: true, trigger: { event: 'go' } }

/**
 * A site's page with the README's snippet, served at `path`: `head` runs before the snippet,
 * `body` is the page's markup, and the bundle loads `async` as the README says.
 */
async function sitePage(
  page: Page,
  path: string,
  { lang = 'en', head = '', body = '' }: { lang?: string; head?: string; body?: string } = {},
) {
  const { stub } = readmeSnippet()
  const config = { endpoint: `${server.url}/collect`, surveys: [SURVEY] }
  await page.route(`${server.url}${path}`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<script>${head}</script>
<script>
${stub}
koe('init', ${JSON.stringify(config)});
</script>
<script async src="/koe.iife.js"></script></head><body>${body}<h1>A shop</h1></body></html>`,
    }),
  )
  await page.goto(`${server.url}${path}`)
}

/** Asks the survey and answers it with `score`, and a comment when given. */
async function answer(page: Page, score: number, comment?: string) {
  await callKoe(page, 'track', 'go')
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('radio', { name: new RegExp(`^${score}( |$)`) }).check()
  if (comment !== undefined)
    await page.evaluate((text) => {
      const field = document
        .querySelector('[data-koe-survey]')
        ?.shadowRoot?.querySelector('textarea') as HTMLTextAreaElement
      field.value = text
      field.dispatchEvent(new Event('input', { bubbles: true }))
    }, comment)
  await dialog.getByRole('button', { name: 'Send' }).click()
}

const stored = async (score: number) =>
  (await server.store.records({ surveyId: SURVEY.id, kind: 'response' })).filter(
    (r) => r.kind === 'response' && r.score === score,
  )

test('the README snippet works on a page with an element id="koe"', async ({ page }) => {
  // Named access makes window.koe that element until the snippet replaces it.
  await sitePage(page, '/id-koe.html', { body: '<div id="koe">our own widget</div>' })
  await answer(page, 8)
  await expect.poll(async () => (await stored(8)).length).toBe(1)
  expect(readmeSnippet().stub.length + readmeSnippet().init.length).toBeLessThanOrEqual(300)
})

test('prototypes and JSON changed by the page, before and after Koe loaded: the answer arrives intact', async ({
  page,
}) => {
  await sitePage(page, '/prototype-js.html', {
    // Before Koe: a JSON.stringify that spoils any batch it sees.
    head: `const original = JSON.stringify;
      JSON.stringify = function (value, ...rest) {
        return value && value.records ? '{"spoiled":true}' : original.call(this, value, ...rest);
      };`,
  })
  await callKoe(page, 'track', 'go')
  await expect(page.getByRole('dialog')).toBeVisible()
  // After Koe: old Prototype.js and friends.
  await page.evaluate(() => {
    ;(Array.prototype as unknown as { toJSON: () => string }).toJSON = function (this: unknown[]) {
      return JSON.stringify(this.slice())
    }
    ;(Object.prototype as unknown as { toJSON: () => string }).toJSON = () => 'object'
    Date.prototype.toISOString = () => 'not a date'
  })
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('radio', { name: /^6( |$)/ }).check()
  await dialog.getByRole('button', { name: 'Send' }).click()
  await expect.poll(async () => (await stored(6)).length).toBe(1)
  const [record] = await stored(6)
  expect(record?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/)
})

test('text no database can store never reaches the collector: a huge <html lang>, NUL, half an emoji', async ({
  page,
}) => {
  await sitePage(page, '/odd-text.html', { lang: `en-${'x'.repeat(297)}` })
  await callKoe(page, 'identify', 'u-odd', { plan: 'pro', note: 'a\u0000b' })
  await answer(page, 3, 'broken \ud83d and \u0000')
  await expect.poll(async () => (await stored(3)).length).toBe(1)
  const [record] = await stored(3)
  expect(record).toMatchObject({
    locale: 'en',
    comment: 'broken \ufffd and \ufffd',
    userId: 'u-odd',
    attributes: { plan: 'pro' },
  })
})

test('a tab whose page broke fetch for good cannot stop a clean tab from delivering', async ({
  browser,
}) => {
  test.setTimeout(60_000)
  const context: BrowserContext = await browser.newContext()
  try {
    const broken = await context.newPage()
    // Before Koe loads: a fetch that never settles and ignores every abort.
    await sitePage(broken, '/broken-fetch.html', {
      head: 'window.fetch = () => new Promise(() => {});',
    })
    await answer(broken, 1)
    const clean = await context.newPage()
    await sitePage(clean, '/clean.html')
    await callKoe(clean, 'show', SURVEY.id)
    const dialog = clean.getByRole('dialog')
    await dialog.getByRole('radio', { name: /^10( |$)/ }).check()
    await dialog.getByRole('button', { name: 'Send' }).click()
    // The clean tab delivers its own answer, and the broken tab's from the shared queue.
    await expect.poll(async () => (await stored(10)).length, { timeout: 40_000 }).toBe(1)
    await expect.poll(async () => (await stored(1)).length, { timeout: 40_000 }).toBe(1)
  } finally {
    await context.close()
  }
})

test('the bundle served without a charset on a windows-1252 page still shows × and Japanese', async ({
  page,
}) => {
  // The script and the files it loads from beside itself (issue 29: the prompt, delivery, the Japanese
  // strings), all without a charset.
  const served: string[] = []
  await page.route(`${server.url}/legacy/koe.*.js`, (route) => {
    const file = new URL(route.request().url()).pathname.slice('/legacy/'.length)
    served.push(file)
    return route.fulfill({
      contentType: 'text/javascript',
      body: readFileSync(new URL(`../../dist/${file}`, import.meta.url)),
    })
  })
  const config = { endpoint: `${server.url}/collect`, surveys: [SURVEY] }
  await page.route(`${server.url}/legacy/`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="ja"><head><meta charset="windows-1252">
<script>${readmeSnippet().stub}
koe('init', ${JSON.stringify(config)});</script>
<script async src="/legacy/koe.iife.js"></script></head><body></body></html>`,
    }),
  )
  await page.goto(`${server.url}/legacy/`)
  await callKoe(page, 'track', 'go')
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('button', { name: '閉じる' })).toHaveText('×')
  await expect(dialog.getByRole('button', { name: '送信' })).toBeVisible()
  expect(served.sort()).toEqual(['koe.delivery.js', 'koe.iife.js', 'koe.ja.js', 'koe.prompt.js'])
})
