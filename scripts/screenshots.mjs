// npm run screenshots: every step of the prompt (question, follow-up, thanks) for NPS and CES, as
// customers see it: light, dark, Japanese, Arabic (right to left), a 320 px phone and inline on
// the demo shop's thank-you page, into screenshots/ (git-ignored; a few are copied to docs/images
// for the README). The prompt is the real dist/koe.iife.js served by the reference server
// (packages/koe-collector/dist/koe-collector.js, built by the script); Japanese and Arabic render from Noto web fonts from npm,
// so the pictures need no CJK or Arabic font on the machine.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutable } from '../tests/browser/chromium.mjs'

const PORT = 8797
const origin = `http://127.0.0.1:${PORT}`
const out = new URL('../screenshots/', import.meta.url)
const root = new URL('../', import.meta.url)
mkdirSync(out, { recursive: true })

const SURVEYS = {
  nps: { id: 'nps', type: 'nps', trigger: { event: 'never' } },
  ces: { id: 'ces', type: 'ces', trigger: { event: 'never' } },
}
/** Each picture set: the page's language and direction, the colour scheme, the width, inline. */
const VARIANTS = {
  light: { lang: 'en', width: 900 },
  dark: { lang: 'en', width: 900, scheme: 'dark' },
  ja: { lang: 'ja', width: 900 },
  ar: { lang: 'ar', dir: 'rtl', width: 900 },
  phone: { lang: 'en', width: 320 },
  inline: { lang: 'en', width: 900, inline: true },
}

/** The shop's own text around the prompt, in the page's language. */
const PAGE_TEXT = {
  en: ['Thank you! Your order is confirmed.', 'It ships tomorrow.'],
  ja: ['ご注文ありがとうございます。', '明日発送いたします。'],
  ar: ['شكرًا لك! تم تأكيد طلبك.', 'سيُشحن غدًا.'],
}

/** A page with the Koe script tag, started from a script file, a shop-like body and web fonts. */
function page(variant, surveys) {
  const init = `koe('init', ${JSON.stringify({ endpoint: `${origin}/collect`, surveys })})`
  const html = `<!doctype html><html lang="${variant.lang}"${variant.dir ? ` dir="${variant.dir}"` : ''}>
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/fonts/noto-sans-jp/400.css"><link rel="stylesheet" href="/__shots/arabic/400.css">
<link rel="stylesheet" href="/shop/shop.css">
<script src="/koe.iife.js"></script><script src="/__shots/init.js"></script></head>
<body><header><a class="brand" href="/shop/">Koe Coffee</a></header>
<main><h2>${PAGE_TEXT[variant.lang][0]}</h2><p>${PAGE_TEXT[variant.lang][1]}</p>
<section id="koe-feedback" class="koe-slot"></section></main></body></html>`
  return { init, html }
}

const data = mkdtempSync(join(tmpdir(), 'koe-screenshots-'))
const server = spawn(
  process.execPath,
  ['packages/koe-collector/dist/koe-collector.js', '--demo', '.'],
  {
    env: { ...process.env, PORT: String(PORT), KOE_DATA: data, KOE_RATE_LIMIT_PER_SECOND: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
)
await new Promise((resolve, reject) => {
  server.stdout.on(
    'data',
    (chunk) => String(chunk).includes('koe-collector ready at ') && resolve(),
  )
  server.on('exit', (code) => reject(new Error(`the server exited with ${code}`)))
})
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS })
try {
  for (const [name, variant] of Object.entries(VARIANTS)) {
    const context = await browser.newContext({
      viewport: { width: variant.width, height: 560 },
      deviceScaleFactor: 2,
      colorScheme: variant.scheme ?? 'light',
      reducedMotion: 'reduce',
    })
    const display = variant.inline ? { inline: '#koe-feedback' } : undefined
    const { init, html } = page(
      variant,
      Object.values(SURVEYS).map((s) => ({ ...s, display })),
    )
    await context.route(`${origin}/__shots/**`, (route) => {
      const path = new URL(route.request().url()).pathname
      if (path.endsWith('init.js'))
        return route.fulfill({ contentType: 'text/javascript', body: init })
      if (path.startsWith('/__shots/arabic/')) {
        const file = path.replace('/__shots/arabic/', 'node_modules/@fontsource/noto-sans-arabic/')
        return route.fulfill({
          body: readFileSync(new URL(file, root)),
          contentType: path.endsWith('.css') ? 'text/css' : 'font/woff2',
        })
      }
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html })
    })
    const tab = await context.newPage()
    await tab.goto(`${origin}/__shots/`)
    for (const id of Object.keys(SURVEYS)) {
      await tab.evaluate((surveyId) => window.koe('show', surveyId), id)
      const prompt = tab.locator(`koe-prompt[data-koe-survey="${id}"]`)
      const shoot = async (step) => {
        // Each script subset of the web fonts loads when a glyph of it is first laid out, which
        // can be a frame after the text appears: wait until no font is loading twice in a row.
        for (let quiet = 0; quiet < 2; ) {
          await tab.waitForTimeout(150)
          await tab.waitForLoadState('networkidle')
          quiet = (await tab.evaluate(() => document.fonts.status)) === 'loaded' ? quiet + 1 : 0
        }
        const file = `prompt-${id}-${name}-${step}.png`
        await tab.screenshot({ path: new URL(file, out).pathname })
        console.log(`screenshots/${file}`)
      }
      await prompt.getByRole('radio').first().waitFor()
      await shoot('1-question')
      await prompt
        .getByRole('radio')
        .nth(id === 'nps' ? 9 : 5)
        .check()
      await prompt
        .getByRole('textbox')
        .fill(
          variant.lang === 'ja'
            ? '香りが素晴らしい'
            : variant.lang === 'ar'
              ? 'قهوة رائعة'
              : 'Great coffee, fast delivery',
        )
      await shoot('2-follow-up')
      await prompt.locator('button[type=submit]').click()
      await shoot('3-thanks')
      await prompt.locator('button.close').click()
    }
    await context.close()
  }
} finally {
  await browser.close()
  server.kill()
  rmSync(data, { recursive: true, force: true })
}
