// npm run screenshots: the prompt as customers see it, in English and Japanese, on a phone and a
// laptop, from the demo shop served by the reference server (dist/server.js, built by the script),
// into screenshots/. Japanese renders from the Noto Sans JP web font the demo pages load (from
// @fontsource/noto-sans-jp), so the pictures need no CJK font on the machine.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutable } from '../tests/browser/chromium.mjs'

const PORT = 8797
const out = new URL('../screenshots/', import.meta.url)
mkdirSync(out, { recursive: true })
const data = mkdtempSync(join(tmpdir(), 'koe-screenshots-'))
const server = spawn(process.execPath, ['dist/server.js'], {
  env: { ...process.env, PORT: String(PORT), KOE_DATA: data, KOE_RATE_LIMIT_PER_SECOND: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
})
await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => String(chunk).includes('POST http') && resolve())
  server.on('exit', (code) => reject(new Error(`the server exited with ${code}`)))
})
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS })
try {
  for (const lang of ['en', 'ja']) {
    for (const [device, viewport] of [
      ['phone', { width: 375, height: 740 }],
      ['laptop', { width: 1280, height: 800 }],
    ]) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 2 })
      const page = await context.newPage()
      await page.addInitScript((l) => localStorage.setItem('shop-lang', l), lang)
      await page.goto(`http://127.0.0.1:${PORT}/shop/thanks.html`)
      await page.getByRole('dialog').waitFor()
      // Each script subset of the web font loads when a glyph of it is first laid out.
      await page.waitForLoadState('networkidle')
      await page.evaluate(() => document.fonts.ready)
      const file = new URL(`prompt-${lang}-${device}.png`, out)
      await page.screenshot({ path: file.pathname })
      console.log(`screenshots/prompt-${lang}-${device}.png`)
      await context.close()
    }
  }
} finally {
  await browser.close()
  server.kill()
  rmSync(data, { recursive: true, force: true })
}
