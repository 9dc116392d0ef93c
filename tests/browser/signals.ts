import type { Page } from '@playwright/test'

/**
 * The pointer leaves the window through its top edge, towards the tabs, as when a customer goes
 * for another tab or the close button. Headless Chromium has no screen edge to cross, so the
 * event the browser fires then is dispatched: a `mouseout` with no element to go to, at y ≤ 0.
 */
export async function exitThroughTheTop(page: Page) {
  await page.mouse.move(200, 200)
  await page.evaluate(() =>
    document.documentElement.dispatchEvent(
      new MouseEvent('mouseout', { bubbles: true, clientX: 200, clientY: -2, relatedTarget: null }),
    ),
  )
}
