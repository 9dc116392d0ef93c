import { expect, test } from '@playwright/test'
import { callKoe } from './call-koe'
import { openPromptPage } from './prompt-page'
import { useReferenceServer } from './reference-server'

// A survey speaks every locale it provides, the answer records the locale shown, and right-to-left
// languages mirror the prompt (issue 13).
const server = useReferenceServer()

const records = (surveyId: string) => server.store.records({ surveyId, kind: 'response' })

test('a German page shows the survey’s German text and German built-ins, and records locale "de"', async ({
  page,
}) => {
  await openPromptPage(page, server, {
    lang: 'de',
    config: {
      surveys: [
        {
          id: 'de-nps',
          type: 'nps',
          question: { en: 'Would you recommend us?', de: 'Würden Sie uns weiterempfehlen?' },
          audience: { locale: ['de'] },
          trigger: { pageview: '/__prompt/*' },
        },
      ],
    },
  })
  const dialog = page.getByRole('dialog', { name: 'Würden Sie uns weiterempfehlen?' })
  await expect(dialog).toHaveAttribute('lang', 'de')
  await expect(dialog.getByRole('radio', { name: '0 – Äußerst unwahrscheinlich' })).toBeVisible()
  await dialog.getByRole('radio', { name: /^8$/ }).check()
  await expect(dialog.getByText('Was hätte es für Sie besser gemacht? (optional)')).toBeVisible()
  await dialog.getByRole('button', { name: 'Senden' }).click()
  await expect(page.getByRole('dialog', { name: 'Vielen Dank für Ihr Feedback!' })).toBeVisible()
  await expect
    .poll(async () =>
      (await records('de-nps')).map((r) => (r.kind === 'response' ? r.locale : null)),
    )
    .toEqual(['de'])
})

test('a Brazilian page falls back to the survey’s Portuguese, then records what it showed', async ({
  page,
}) => {
  await openPromptPage(page, server, {
    lang: 'pt-BR',
    config: {
      surveys: [
        {
          id: 'pt-ces',
          type: 'ces',
          question: { ja: '簡単でしたか？', pt: 'Foi fácil?' },
          followUp: { hard: { pt: 'O que atrapalhou?' } },
          thanks: { hard: { pt: 'Vamos melhorar.' } },
          trigger: { pageview: '/__prompt/*' },
        },
      ],
    },
  })
  const dialog = page.getByRole('dialog', { name: 'Foi fácil?' })
  await expect(dialog.getByRole('radio', { name: '1 – Muito difícil' })).toBeVisible()
  await dialog.getByRole('radio', { name: /^2$/ }).check()
  await expect(dialog.getByText('O que atrapalhou? (opcional)')).toBeVisible()
  await dialog.getByRole('button', { name: 'Enviar' }).click()
  await expect(page.getByRole('dialog', { name: 'Vamos melhorar.' })).toBeVisible()
  await expect
    .poll(async () =>
      (await records('pt-ces')).map((r) => (r.kind === 'response' ? r.locale : null)),
    )
    .toEqual(['pt-BR'])
})

test('an Arabic page mirrors the prompt: close, scale order and anchors run right to left', async ({
  page,
}) => {
  await openPromptPage(page, server, {
    lang: 'ar',
    dir: 'rtl',
    config: { surveys: [{ id: 'ar-nps', type: 'nps', trigger: { pageview: '/__prompt/*' } }] },
  })
  const dialog = page.getByRole('dialog', { name: 'ما مدى احتمال أن توصي بنا لصديق أو زميل؟' })
  await expect(dialog).toHaveAttribute('dir', 'rtl')
  const box = async (selector: string) =>
    (await dialog.locator(selector).boundingBox()) ?? { x: Number.NaN, width: 0, y: 0, height: 0 }
  const card = await box('.scale')
  const close = await box('button.close')
  const zero = await box('.opt:first-child')
  const ten = await box('.opt:last-child')
  const low = await box('.anchors span:first-child')
  const high = await box('.anchors span:last-child')
  // Close at the left (the end of a right-to-left line), 0 at the right, 10 at the left.
  expect(close.x).toBeLessThan(card.x + card.width / 2)
  expect(zero.x).toBeGreaterThan(ten.x)
  expect(zero.x + zero.width).toBeCloseTo(card.x + card.width, 0)
  // Each anchor sits under its end of the scale, inside the card.
  expect(low.x + low.width).toBeCloseTo(card.x + card.width, 0)
  expect(high.x).toBeCloseTo(card.x, 0)
  await expect(dialog.getByRole('radio', { name: '0 – غير محتمل على الإطلاق' })).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'إغلاق' })).toBeVisible()
})

test('Japanese breaks lines between phrases, never inside a word', async ({ page }) => {
  await openPromptPage(page, server, {
    lang: 'ja',
    config: { surveys: [{ id: 'ja-nps', type: 'nps', trigger: { event: 'never' } }] },
  })
  await callKoe(page, 'show', 'ja-nps')
  const question = page.locator('koe-prompt').locator('.q')
  await expect(question).toHaveText(
    'この商品・サービスを友人や同僚に勧める可能性はどのくらいありますか？',
  )
  const style = await question.evaluate((el) => {
    const s = getComputedStyle(el)
    return { wordBreak: s.wordBreak, lineBreak: s.lineBreak }
  })
  expect(style).toEqual({ wordBreak: 'auto-phrase', lineBreak: 'strict' })
})
