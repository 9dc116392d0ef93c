import type { Page } from '@playwright/test'

/**
 * The pointer leaves the window through its top edge, towards the tabs, as when a customer goes
 * for another tab or the close button: real mouse input, which Chromium turns into a `mouseout`
 * with no element to go to, above the viewport.
 */
export async function exitThroughTheTop(page: Page) {
  await page.mouse.move(200, 200)
  await page.mouse.move(200, 5, { steps: 5 })
  await page.mouse.move(200, -20, { steps: 5 })
}
