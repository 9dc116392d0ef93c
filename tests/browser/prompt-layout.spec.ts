import { expect, type Page, test } from '@playwright/test'
import { callKoe } from './call-koe'
import { animationsDone, openPromptPage, SURVEYS } from './prompt-page'
import { useReferenceServer } from './reference-server'

// Every screen: a 320 px phone and 200 % zoom without horizontal scrolling and with 24×24 px
// targets, every position, and an inline survey that moves nothing on the page (issue 13).
const server = useReferenceServer()

/** Whether the page scrolls sideways, and every target of the prompt smaller than 24×24 px. */
async function reflowProblems(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('koe-prompt')?.shadowRoot
    const targets = [...(root?.querySelectorAll('.opt, button, textarea') ?? [])]
    return {
      scrollsSideways: document.documentElement.scrollWidth > window.innerWidth,
      small: targets
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 24 || box.height < 24)
        .map(({ el, box }) => `${el.className || el.tagName} ${box.width}×${box.height}`),
      outside: targets
        .map((el) => el.getBoundingClientRect())
        .filter((box) => box.left < 0 || box.right > window.innerWidth).length,
    }
  })
}

// 320 CSS px is a small phone; 640 is a 1280 px window at 200 % zoom (WCAG 1.4.10's reflow case).
for (const width of [320, 640])
  for (const lang of ['en', 'de', 'ar'])
    test(`at ${width} px in ${lang} nothing scrolls sideways and every target is 24×24 px or more`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height: 640 })
      await openPromptPage(page, server, {
        lang,
        // A page taller than the screen: a vertical scrollbar takes its share of the width too.
        body: '<main><h1>Order confirmed</h1><p id="tall">…</p></main>',
        config: { surveys: [SURVEYS.nps, SURVEYS.ces7] },
      })
      await page.locator('#tall').evaluate((el) => el.classList.add('x'))
      for (const id of ['nps', 'ces7']) {
        await callKoe(page, 'show', id)
        const prompt = page.locator(`koe-prompt[data-koe-survey="${id}"]`)
        await prompt.getByRole('radio').nth(3).check()
        await expect(prompt.getByRole('textbox')).toBeVisible()
        expect(await reflowProblems(page)).toEqual({
          scrollsSideways: false,
          small: [],
          outside: 0,
        })
        // The scale keeps its order even when it wraps: each score starts after the one before.
        const starts = await prompt
          .locator('.opt')
          .evaluateAll((opts) => opts.map((o) => o.getBoundingClientRect()))
        for (let i = 1; i < starts.length; i++) {
          const [a, b] = [starts[i - 1] as DOMRect, starts[i] as DOMRect]
          const next = lang === 'ar' ? b.right <= a.left + 1 : b.left >= a.right - 1
          expect(next || b.top >= a.bottom - 1).toBe(true)
        }
        await prompt.locator('button.close').click()
      }
    })

test('each position places a floating prompt where it says; center is a modal dialog', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1200, height: 800 })
  const positions = ['bottom-right', 'bottom-left', 'bottom-center', 'top-center', 'center']
  await openPromptPage(page, server, {
    config: {
      surveys: positions.map((position) => ({
        ...SURVEYS.nps,
        id: position,
        display: { position },
      })),
    },
  })
  const boxes: Record<string, { x: number; y: number; width: number; height: number }> = {}
  for (const position of positions) {
    await callKoe(page, 'show', position)
    const card = page.locator(`koe-prompt[data-koe-survey="${position}"]`).locator('.koe')
    await expect(card).toBeVisible()
    await animationsDone(page)
    boxes[position] = (await card.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 }
    if (position === 'center') {
      // A modal: the page behind is inert and focus is inside the dialog.
      expect(await card.evaluate((el) => (el as HTMLDialogElement).open)).toBe(true)
      expect(await card.evaluate((el) => el.matches(':modal'))).toBe(true)
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('KOE-PROMPT')
      await page.keyboard.press('Escape')
    } else await card.locator('button.close').click()
  }
  const mid = (b: { x: number; width: number }) => b.x + b.width / 2
  expect(boxes['bottom-right']?.x).toBeGreaterThan(600)
  expect(boxes['bottom-left']?.x).toBeLessThan(100)
  expect(Math.abs(mid(boxes['bottom-center'] as { x: number; width: number }) - 600)).toBeLessThan(
    2,
  )
  expect(boxes['top-center']?.y).toBeLessThan(100)
  expect((boxes['bottom-center']?.y ?? 0) > 400).toBe(true)
  const center = boxes.center as { x: number; y: number; width: number; height: number }
  expect(Math.abs(mid(center) - 600)).toBeLessThan(2)
  expect(Math.abs(center.y + center.height / 2 - 400)).toBeLessThan(2)
})

test('the demo shop’s thank-you page holds the inline survey’s room: layout shift stays 0', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const w = window as unknown as { shifts: number[] }
    w.shifts = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number
        hadRecentInput: boolean
      })[])
        if (!entry.hadRecentInput) w.shifts.push(entry.value)
    }).observe({ type: 'layout-shift', buffered: true })
  })
  await page.goto(`${server.url}/shop/thanks.html`)
  const slot = page.locator('#koe-feedback')
  const dialog = slot.getByRole('region', { name: /recommend Koe Coffee/ })
  await expect(dialog).toBeVisible()
  // Inline: in the page's flow, inside the slot, not floating over it.
  expect(await slot.locator('koe-prompt').evaluate((el) => getComputedStyle(el).position)).toBe(
    'relative',
  )
  await dialog.getByRole('radio', { name: /^9$/ }).check()
  await dialog.getByRole('textbox').fill('美味しい')
  await dialog.getByRole('button', { name: 'Send' }).click()
  await expect(page.getByRole('region', { name: 'Thank you for your feedback!' })).toBeVisible()
  // The thanks stays in place (removing it would move the page) and no shift was ever recorded.
  await page.waitForTimeout(3_500)
  await expect(page.getByRole('region', { name: 'Thank you for your feedback!' })).toBeVisible()
  expect(await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts)).toEqual([])
})
