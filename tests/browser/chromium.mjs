// Which Chromium the browser tests and benchmarks drive (plain JS, so benchmarks run in Node).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

/**
 * First match wins:
 * 1. `KOE_CHROMIUM`: a path you choose;
 * 2. Playwright's own browser, when `npx playwright install chromium` has put it there;
 * 3. Debian's `/usr/bin/chromium` (`apt-get install chromium`), what CI uses.
 * With none of them, `playwright install chromium` is tried once; when that cannot download
 * either, the run stops with one line naming the commands that fix it: a missing browser is an
 * install problem, never a reason to skip.
 * @returns {string | undefined}
 */
export function chromiumExecutable() {
  const found = findChromium()
  if (found !== null) return found
  console.error('[koe] no Chromium found; trying `npx playwright install chromium` once')
  spawnSync(process.execPath, [PLAYWRIGHT_CLI, 'install', 'chromium'], { stdio: 'inherit' })
  const installed = findChromium()
  if (installed !== null) return installed
  throw new Error(
    'No Chromium for the browser tests: run `npx playwright install chromium`, or `apt-get install chromium`, or set KOE_CHROMIUM=/path/to/chromium',
  )
}

const PLAYWRIGHT_CLI = new URL('../../node_modules/@playwright/test/cli.js', import.meta.url)
  .pathname

/** The executable path to launch, `undefined` for Playwright's own, `null` when none is here. */
function findChromium() {
  if (process.env.KOE_CHROMIUM) return process.env.KOE_CHROMIUM
  if (existsSync(chromium.executablePath())) return undefined
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  return null
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
