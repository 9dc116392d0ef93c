import { expect, type Page, test } from '@playwright/test'
import { callKoe } from './call-koe'
import { openPromptPage } from './prompt-page'
import { useReferenceServer } from './reference-server'

// Issue 29: the script tag holds English; every other language is a file next to it
// (koe.ja.js), loaded when a survey in that language is due, retried once when it fails, and the
// prompt shows (in English at worst) whatever the network does.
const server = useReferenceServer()

/** An NPS asked on `checkout`; each test its own id, as they share the server's database. */
const npsSurvey = (id: string) => ({ id, type: 'nps', trigger: { event: 'checkout' } })

/** Every language file the page asks for, in order (retries included). */
function languageRequests(page: Page): string[] {
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

test('a Japanese page loads no language file until a survey is due, then koe.ja.js alone', async ({
  page,
}) => {
  const NPS = npsSurvey('lang-ja')
  const requested = languageRequests(page)
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
  expect(requested).toEqual(['/koe.ja.js'])
  await dialog.getByRole('radio', { name: /^9$/ }).check()
  await dialog.getByRole('button', { name: '送信' }).click()
  await expect.poll(() => responses(NPS.id)).toEqual([[9, 'ja']])
})

test('an English page never loads a language file, even with a prompt on screen', async ({
  page,
}) => {
  const NPS = npsSurvey('lang-en')
  const requested = languageRequests(page)
  await openPromptPage(page, server, { lang: 'en', config: { surveys: [NPS] } })
  await expect.poll(() => callKoe(page, 'explain', NPS.id)).toMatchObject({ wouldShow: true })
  await callKoe(page, 'track', 'checkout')
  await expect(page.getByRole('dialog', { name: /recommend us/ })).toBeVisible()
  expect(requested).toEqual([])
})

test('a language file that fails once is fetched again, and the prompt speaks the language', async ({
  page,
}) => {
  const NPS = npsSurvey('lang-retry')
  const requested = languageRequests(page)
  let failures = 0
  await page.route('**/koe.ko.js*', (route) =>
    failures++ === 0 ? route.abort('connectionreset') : route.continue(),
  )
  await openPromptPage(page, server, { lang: 'ko', config: { surveys: [NPS] } })
  await expect.poll(() => callKoe(page, 'explain', NPS.id)).toMatchObject({ wouldShow: true })
  await callKoe(page, 'track', 'checkout')
  const dialog = page.getByRole('dialog', { name: /추천/ })
  await expect(dialog).toBeVisible()
  expect(requested).toEqual(['/koe.ko.js', '/koe.ko.js?retry'])
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
