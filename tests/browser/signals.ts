import { expect, type Page } from '@playwright/test'

/**
 * Resolves once Koe watches exit intent on the page: the script tag imports that watcher
 * (koe.page-signals.js) when the surveys are in, and a gesture made before it runs is not seen.
 * Waits until the page has fetched the file, then imports the same URL: a module is evaluated
 * once per URL, so that import settles only after Koe's, whose callbacks (which add the
 * listeners) run in the same microtask checkpoint, before this page answers.
 */
export async function watchingExitIntent(page: Page) {
  const fetched = () =>
    page.evaluate(
      () =>
        performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .find((name) => new URL(name).pathname === '/koe.page-signals.js') ?? null,
    )
  await expect.poll(fetched).not.toBeNull()
  const url = (await fetched()) as string
  await page.evaluate((file) => import(file).then(() => undefined), url)
}

/**
 * The pointer leaves the window through its top edge, towards the tabs, as when a customer goes
 * for another tab or the close button: real mouse input, which Chromium turns into a `mouseout`
 * with no element to go to, above the viewport. Made once Koe watches for it.
 */
export async function exitThroughTheTop(page: Page) {
  await watchingExitIntent(page)
  await page.mouse.move(200, 200)
  await page.mouse.move(200, 5, { steps: 5 })
  await page.mouse.move(200, -20, { steps: 5 })
}
