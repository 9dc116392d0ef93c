import type { Page } from '@playwright/test'
import type { ReferenceServer } from './reference-server'

/** The strictest policy a site can serve: no inline script or style, Trusted Types with no policy. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'"

/** A page made for one test: its language, direction, body and Koe config. */
export interface PromptPageOptions {
  lang?: string
  dir?: 'ltr' | 'rtl'
  /** Markup of `<body>`. */
  body?: string
  /** The config passed to `koe('init')`, besides `endpoint`. */
  config: Record<string, unknown>
  /** Serve the page with {@link STRICT_CSP}. */
  csp?: boolean
  /** Script the page runs before `koe('init')`, as a site's own scripts would. */
  before?: string
}

/**
 * Opens a page on the reference server's origin that loads the real dist/koe.iife.js and starts
 * Koe from a script file (no inline script, so it also runs under {@link STRICT_CSP}). The page
 * itself is answered by Playwright's router; the bundle and the collector are the server's.
 */
export async function openPromptPage(
  page: Page,
  server: ReferenceServer,
  options: PromptPageOptions,
) {
  const base = `${server.url}/__prompt/`
  const init = `${options.before ?? ''}\nkoe('init', ${JSON.stringify({ endpoint: `${server.url}/collect`, ...options.config })})`
  const html = `<!doctype html><html lang="${options.lang ?? 'en'}"${options.dir ? ` dir="${options.dir}"` : ''}>
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Koe prompt test</title>
<script src="/koe.iife.js"></script><script src="/__prompt/init.js"></script></head>
<body>${options.body ?? '<main><h1>Order confirmed</h1></main>'}</body></html>`
  await page.route(`${base}**`, (route) => {
    const script = route.request().url().endsWith('/init.js')
    return route.fulfill({
      contentType: script ? 'text/javascript' : 'text/html; charset=utf-8',
      headers: options.csp ? { 'Content-Security-Policy': STRICT_CSP } : {},
      body: script ? init : html,
    })
  })
  await page.goto(base)
}

/** Survey JSON for tests: NPS, CES on 5 and CES on 7, each shown by `koe.show`. */
export const SURVEYS = {
  nps: { id: 'nps', type: 'nps', trigger: { event: 'never' } },
  ces5: { id: 'ces5', type: 'ces', scale: 5, trigger: { event: 'never' } },
  ces7: { id: 'ces7', type: 'ces', scale: 7, trigger: { event: 'never' } },
} as const

/** Resolves once the prompts' entry animations have ended: boxes and colours are then final. */
export function animationsDone(page: Page): Promise<unknown> {
  return page
    .locator('koe-prompt')
    .evaluateAll((hosts) =>
      Promise.all(hosts.flatMap((h) => h.shadowRoot?.getAnimations().map((a) => a.finished) ?? [])),
    )
}
