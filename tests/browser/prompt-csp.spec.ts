import { expect, test } from '@playwright/test'
import { openPromptPage } from './prompt-page'
import { useReferenceServer } from './reference-server'

// The widget itself under the strictest policy a site can send: no inline script or style,
// Trusted Types required with no policy allowed (issue 13).
const server = useReferenceServer()

test('under default-src self, Trusted Types and no inline script, the prompt works with zero violations', async ({
  page,
}) => {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  // Injected by Playwright itself, outside the page's policy, to hear every violation.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
    )
  })
  await openPromptPage(page, server, {
    csp: true,
    lang: 'ja',
    config: {
      surveys: [
        {
          id: 'csp-nps',
          type: 'nps',
          display: { theme: { accent: '#7b1fa2', radius: '4px' } },
          trigger: { pageview: '/__prompt/*' },
        },
      ],
    },
  })
  expect(await page.evaluate(() => document.querySelectorAll('script:not([src])').length)).toBe(0)
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('radio', { name: /^10 / }).check()
  // The theme reached the prompt through its stylesheet, not a style attribute.
  const accent = await dialog
    .locator('.send')
    .evaluate((el) => getComputedStyle(el).backgroundColor)
  expect(accent).toBe('rgb(123, 31, 162)')
  await dialog.getByRole('textbox').fill('CSP でも動く')
  await dialog.getByRole('button', { name: '送信' }).click()
  await expect(page.getByRole('dialog', { name: 'ご回答ありがとうございました。' })).toBeVisible()
  await expect
    .poll(async () =>
      (await server.store.records({ surveyId: 'csp-nps', kind: 'response' })).map((r) =>
        r.kind === 'response' ? r.comment : null,
      ),
    )
    .toEqual(['CSP でも動く'])
  expect(
    await page.evaluate(() => document.querySelectorAll('[style], koe-prompt [style]').length),
  ).toBe(0)
  expect(problems).toEqual([])
})
