import { expect, type Page, test } from '@playwright/test'
import { callKoe } from './call-koe'
import { openPromptPage } from './prompt-page'
import { useReferenceServer } from './reference-server'

// Issue 29: the script tag holds what every page needs. The prompt (koe.prompt.js) and every
// language but English (koe.ja.js) are files next to it, loaded when a survey is due, each tried
// once more when it fails; an answer, once given, is kept whatever the network does.
const server = useReferenceServer()

/** An NPS asked on `checkout`; each test its own id, as they share the server's database. */
const npsSurvey = (id: string) => ({ id, type: 'nps', trigger: { event: 'checkout' } })

/** Every file of the script tag's but the script itself that the page asks for (retries included). */
function scriptTagFiles(page: Page): string[] {
  const seen: string[] = []
  page.on('request', (request) => {
    const { pathname, search } = new URL(request.url())
    if (/^\/koe\.[\w-]+\.js$/.test(pathname) && pathname !== '/koe.iife.js')
      seen.push(pathname + search)
  })
  return seen
}

const responses = async (surveyId: string) =>
  (await server.store.records({ surveyId, kind: 'response' })).map((r) =>
    r.kind === 'response' ? [r.score, r.locale] : null,
  )

test('a Japanese page loads the script alone until a survey is due, then the prompt and koe.ja.js', async ({
  page,
}) => {
  const NPS = npsSurvey('lang-ja')
  const requested = scriptTagFiles(page)
  await openPromptPage(page, server, { lang: 'ja', config: { surveys: [NPS] } })
  // Koe has read the surveys and armed the trigger: nothing is due yet.
  await expect
    .poll(() => callKoe(page, 'explain', NPS.id))
    .toMatchObject({ reasons: [], wouldShow: true })
  expect(requested).toEqual([])

  await callKoe(page, 'track', 'checkout')
  const dialog = page.getByRole('dialog', {
    name: 'この商品・サービスを友人や同僚に勧める可能性はどのくらいありますか？',
  })
  await expect(dialog).toBeVisible()
  expect(requested.sort()).toEqual(['/koe.ja.js', '/koe.prompt.js'])
  await dialog.getByRole('radio', { name: /^9$/ }).check()
  await dialog.getByRole('button', { name: '送信' }).click()
  await expect.poll(() => responses(NPS.id)).toEqual([[9, 'ja']])
})

test('an English page loads the prompt when a survey is due, and no language file', async ({
  page,
}) => {
  const NPS = npsSurvey('lang-en')
  const requested = scriptTagFiles(page)
  await openPromptPage(page, server, { lang: 'en', config: { surveys: [NPS] } })
  await expect.poll(() => callKoe(page, 'explain', NPS.id)).toMatchObject({ wouldShow: true })
  expect(requested).toEqual([])
  await callKoe(page, 'track', 'checkout')
  await expect(page.getByRole('dialog', { name: /recommend us/ })).toBeVisible()
  expect(requested).toEqual(['/koe.prompt.js'])
})

test('a language file that fails once is fetched again, and the prompt speaks the language', async ({
  page,
}) => {
  const NPS = npsSurvey('lang-retry')
  const requested = scriptTagFiles(page)
  let failures = 0
  await page.route('**/koe.ko.js*', (route) =>
    failures++ === 0 ? route.abort('connectionreset') : route.continue(),
  )
  await openPromptPage(page, server, { lang: 'ko', config: { surveys: [NPS] } })
  await expect.poll(() => callKoe(page, 'explain', NPS.id)).toMatchObject({ wouldShow: true })
  await callKoe(page, 'track', 'checkout')
  const dialog = page.getByRole('dialog', { name: /추천/ })
  await expect(dialog).toBeVisible()
  expect(requested.filter((file) => file.startsWith('/koe.ko.js'))).toEqual([
    '/koe.ko.js',
    '/koe.ko.js?retry',
  ])
  await dialog.getByRole('radio', { name: /^10 / }).check()
  await dialog.getByRole('button', { name: '보내기' }).click()
  await expect.poll(() => responses(NPS.id)).toEqual([[10, 'ko']])
})

test('a language file that cannot be loaded leaves the prompt in English, and the answer is kept', async ({
  page,
}) => {
  const NPS = npsSurvey('lang-fails')
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.route('**/koe.de.js*', (route) => route.abort('connectionreset'))
  await openPromptPage(page, server, { lang: 'de', config: { surveys: [NPS] } })
  await expect.poll(() => callKoe(page, 'explain', NPS.id)).toMatchObject({ wouldShow: true })
  await callKoe(page, 'track', 'checkout')
  const dialog = page.getByRole('dialog', { name: /recommend us/ })
  await expect(dialog).toBeVisible()
  expect(errors.join('\n')).toContain('strings for "de" not loaded; English is shown')
  await dialog.getByRole('radio', { name: /^3$/ }).check()
  await dialog.getByRole('button', { name: 'Send' }).click()
  await expect.poll(async () => (await responses(NPS.id)).map((answer) => answer?.[0])).toEqual([3])
})

test('the prompt file that fails once is fetched again; the answer is stored', async ({ page }) => {
  const NPS = npsSurvey('prompt-retry')
  const requested = scriptTagFiles(page)
  let failures = 0
  await page.route('**/koe.prompt.js*', (route) =>
    failures++ === 0 ? route.abort('connectionreset') : route.continue(),
  )
  await openPromptPage(page, server, { lang: 'en', config: { surveys: [NPS] } })
  await expect.poll(() => callKoe(page, 'explain', NPS.id)).toMatchObject({ wouldShow: true })
  await callKoe(page, 'track', 'checkout')
  const dialog = page.getByRole('dialog', { name: /recommend us/ })
  await expect(dialog).toBeVisible()
  expect(requested).toEqual(['/koe.prompt.js', '/koe.prompt.js?retry'])
  await dialog.getByRole('radio', { name: /^8$/ }).check()
  await dialog.getByRole('button', { name: 'Send' }).click()
  await expect.poll(() => responses(NPS.id)).toEqual([[8, 'en']])
})

test('when the prompt file cannot be loaded, Koe says why, and the next due survey tries again', async ({
  page,
}) => {
  const NPS = npsSurvey('prompt-down')
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.route('**/koe.prompt.js*', (route) => route.abort('connectionreset'))
  await openPromptPage(page, server, { lang: 'en', config: { surveys: [NPS] } })
  await expect.poll(() => callKoe(page, 'explain', NPS.id)).toMatchObject({ wouldShow: true })
  await callKoe(page, 'track', 'checkout')
  await expect.poll(() => errors.join('\n')).toContain('the prompt could not be loaded')
  await expect(page.locator('koe-prompt')).toHaveCount(0)
  // Nothing was shown, so nothing counts against the survey: the network back, it is asked.
  await page.unroute('**/koe.prompt.js*')
  await callKoe(page, 'track', 'checkout')
  const dialog = page.getByRole('dialog', { name: /recommend us/ })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('radio', { name: /^6$/ }).check()
  await dialog.getByRole('button', { name: 'Send' }).click()
  await expect.poll(() => responses(NPS.id)).toEqual([[6, 'en']])
})
