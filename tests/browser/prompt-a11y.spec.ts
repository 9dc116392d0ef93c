import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import { callKoe } from './call-koe'
import { animationsDone, openPromptPage, SURVEYS } from './prompt-page'
import { useReferenceServer } from './reference-server'

// axe-core at every step of NPS, CES-5 and CES-7, in en, ja and ar, light and dark, floating and
// inline: zero WCAG 2.2 A/AA violations (issue 13).
const server = useReferenceServer()
// Nine axe runs per test: 16 s on an idle machine, over 30 s beside other work. A ceiling for
// reporting a failure, not a wait.
test.describe.configure({ timeout: 90_000 })

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']

/** The violations axe finds inside the prompt, as readable lines. */
async function violations(page: Page, step: string): Promise<string[]> {
  // Measured as the customer sees it, after the 0.2 s entry animation (its first frames are
  // transparent on purpose).
  await animationsDone(page)
  const result = await new AxeBuilder({ page }).include('koe-prompt').withTags(WCAG).analyze()
  return result.violations.map(
    (v) => `${step}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  )
}

for (const lang of ['en', 'ja', 'ar'])
  for (const scheme of ['light', 'dark'] as const)
    for (const inline of [false, true])
      test(`no WCAG 2.2 A/AA violation at any step: ${lang}, ${scheme}, ${inline ? 'inline' : 'floating'}`, async ({
        page,
      }) => {
        await page.emulateMedia({ colorScheme: scheme })
        const display = inline ? { inline: '#slot' } : undefined
        await openPromptPage(page, server, {
          lang,
          dir: lang === 'ar' ? 'rtl' : undefined,
          body: '<main><h1>Order confirmed</h1><section id="slot"></section></main>',
          config: { surveys: Object.values(SURVEYS).map((s) => ({ ...s, display })) },
        })
        const found: string[] = []
        for (const id of Object.keys(SURVEYS)) {
          await callKoe(page, 'show', id)
          const prompt = page.locator(`koe-prompt[data-koe-survey="${id}"]`)
          await expect(prompt.getByRole('radio')).not.toHaveCount(0)
          found.push(...(await violations(page, `${id} question`)))
          await prompt.getByRole('radio').nth(1).check()
          await expect(prompt.getByRole('textbox')).toBeVisible()
          found.push(...(await violations(page, `${id} follow-up`)))
          await prompt.getByRole('textbox').fill('ok')
          await prompt.locator('button[type=submit]').click()
          await expect(prompt.locator('.thanks')).toBeVisible()
          found.push(...(await violations(page, `${id} thanks`)))
          // The thanks card closes by itself 3 s after the answer, and axe on a busy machine can
          // take longer than that: the close button may be gone already (issue 27). Either way
          // the prompt must go.
          const close = prompt.locator('button.close')
          await close.click({ timeout: 2_000 }).catch(() => expect(close).toHaveCount(0))
          await expect(prompt).toHaveCount(0)
        }
        expect(found).toEqual([])
      })
