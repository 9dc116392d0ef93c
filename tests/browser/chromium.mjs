// Which Chromium the browser tests and benchmarks drive (plain JS, so benchmarks run in Node).
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

/**
 * First match wins:
 * 1. `KOE_CHROMIUM`: a path you choose;
 * 2. Playwright's own browser, when `npx playwright install chromium` has put it there;
 * 3. Debian's `/usr/bin/chromium` (`apt-get install chromium`), what CI uses.
 * With none of them the run fails with Playwright's own install hint: a missing browser is an
 * install problem, never a reason to skip.
 * @returns {string | undefined}
 */
export function chromiumExecutable() {
  if (process.env.KOE_CHROMIUM) return process.env.KOE_CHROMIUM
  if (existsSync(chromium.executablePath())) return undefined
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  return undefined
}

/** Flags for a headless Chromium on a machine without a network beyond loopback. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
