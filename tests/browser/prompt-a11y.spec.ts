import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import { callKoe } from './call-koe'
import { animationsDone, openPromptPage, SURVEYS } from './prompt-page'
import { useReferenceServer } from './reference-server'

// axe-core at every step of NPS, CES-5 and CES-7, in en, ja and ar, light and dark, floating and
// inline: zero WCAG 2.2 A/AA violations (issue 13).
const server = useReferenceServer()
// Nine axe runs per test: 16 s on an idle machine, over 30 s beside other work, within the
// suite's 90 s ceiling (playwright.config.ts).

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

/**
 * While `hold` is true, the page's timers of exactly 3 s (the floating thanks card's close,
 * src/core/prompt-lifecycle.ts) wait until the test lets go: time the test controls.
 */
function holdThanks(page: Page, hold: boolean) {
  return page.evaluate((on) => {
    const w = window as unknown as { setTimeout: typeof setTimeout; koeTestTimeout?: unknown }
    w.koeTestTimeout ??= w.setTimeout
    const real = w.koeTestTimeout as typeof setTimeout
    w.setTimeout = on
      ? (((run: () => void, ms?: number, ...rest: unknown[]) =>
          real(run, ms === 3_000 ? 2 ** 30 : ms, ...rest)) as typeof setTimeout)
      : real
  }, hold)
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
          // A floating thanks card closes itself 3 s after Send; axe on a busy machine can take
          // longer, and then found no prompt to check (issue 27). The test holds the page's
          // 3 s timers while it checks the card, then closes it as a customer would.
          await holdThanks(page, true)
          await prompt.locator('button[type=submit]').click()
          await expect(prompt.locator('.thanks')).toBeVisible()
          found.push(...(await violations(page, `${id} thanks`)))
          await prompt.locator('button.close').click()
          await expect(prompt).toHaveCount(0)
          await holdThanks(page, false)
        }
        expect(found).toEqual([])
      })
