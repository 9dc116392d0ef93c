import type { Page } from '@playwright/test'

/** Calls the page's `window.koe(method, ...args)`, as a site's own code would, and returns its result. */
export function callKoe<T = unknown>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([name, rest]) =>
      (window as unknown as { koe: (m: string, ...a: unknown[]) => unknown }).koe(
        name as string,
        ...(rest as unknown[]),
      ) as T,
    [method, args] as const,
  )
}
