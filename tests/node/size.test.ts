import { readdirSync, readFileSync } from 'node:fs'
import { brotliCompressSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { SHIPPED_LOCALES } from '../../src/config/resolve-locale'

const root = new URL('../../', import.meta.url)
const brotli = (path: string) => brotliCompressSync(readFileSync(new URL(path, root))).length

/** The script tag and the code it loads from beside itself for a prompt (issue 29). */
const SCRIPT_TAG_CODE = ['koe.iife.js', 'koe.prompt.js', 'koe.delivery.js']
/** Loaded only by a page whose config says `dataLayer: true`. */
const DATA_LAYER_FILE = 'koe.data-layer.js'
/** Loaded only when a survey's trigger needs exit intent, scroll depth or input. */
const SIGNALS_FILE = 'koe.page-signals.js'
/** Loaded when a page first records an outcome (issue 30). */
const OUTCOME_FILE = 'koe.outcome.js'
const OPTIONAL_CODE = [DATA_LAYER_FILE, SIGNALS_FILE, OUTCOME_FILE]
/** The script tag's language files (issue 29): koe.ja.js, koe.pt-BR.js, … beside koe.iife.js. */
const languageFiles = readdirSync(new URL('dist/', root)).filter(
  (name) =>
    /^koe\.[\w-]+\.js$/.test(name) &&
    !SCRIPT_TAG_CODE.includes(name) &&
    !OPTIONAL_CODE.includes(name),
)

describe('byte budgets (docs/budgets.md)', () => {
  // 18.7 kB: the first budget, 12 kB, could not hold the delivery guarantee of issue 6, 14.5 kB
  // could not hold eleven languages and the prompt of issue 13, 18 kB not the start-up of issue
  // 18 that leaves a page with nothing to do alone, 18.3 kB not the hooks of issue 17 (headless
  // surveys refused with a reason, `data-koe-slot` placement), and 18.5 kB not issue 16's
  // `forget()` that resolves the id to erase on the server, and 18.6 kB not issue 14's preview
  // links; CHANGELOG and README say so. Since issue 29 no page downloads everything, and what a
  // page downloads for a prompt in any language (the script, the prompt's file, delivery's and that
  // language's) is held to the 17.65 kB it takes (issue 29's goal for English: 14 kB).
  it('keeps dist/koe.iife.js with its prompt, delivery and any one language file within 17,650 bytes of brotli', () => {
    const largest = Math.max(...languageFiles.map((name) => brotli(`dist/${name}`)))
    const code = SCRIPT_TAG_CODE.reduce((sum, name) => sum + brotli(`dist/${name}`), 0)
    expect(code + largest).toBeLessThanOrEqual(17_650)
  })

  // Under issue 29's budget for the script at load, 10 kB (goal 8 kB): what it takes.
  it('keeps dist/koe.iife.js, what every page loads, within 9,600 bytes of brotli', () => {
    expect(brotli('dist/koe.iife.js')).toBeLessThanOrEqual(9_600)
  })

  it('keeps the files of optional features (dataLayer, page signals, outcomes) within 450 bytes of brotli each', () => {
    for (const name of OPTIONAL_CODE) expect(brotli(`dist/${name}`), name).toBeLessThanOrEqual(450)
  })

  it('keeps dist/koe.prompt.js, loaded when a survey is due, within 4,750 bytes of brotli', () => {
    expect(brotli('dist/koe.prompt.js')).toBeLessThanOrEqual(4_750)
  })

  it('keeps dist/koe.delivery.js, loaded when there is an answer to send, within 2,850 bytes of brotli', () => {
    expect(brotli('dist/koe.delivery.js')).toBeLessThanOrEqual(2_850)
  })

  it('writes every language but English, each within 400 bytes of brotli', () => {
    expect(languageFiles.map((name) => name.slice(4, -3)).sort()).toEqual(
      SHIPPED_LOCALES.filter((locale) => locale !== 'en').sort(),
    )
    for (const name of languageFiles) expect(brotli(`dist/${name}`), name).toBeLessThanOrEqual(400)
  })

  it('quotes the script tag at load in the README to the 10 bytes', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8')
    const quoted = Number(
      /`dist\/koe\.iife\.js` \(script tag, at load\)\s*\|\s*([\d.]+) kB/.exec(readme)?.[1],
    )
    expect(Math.round(brotli('dist/koe.iife.js') / 10) / 100).toBe(quoted)
  })

  it('ships dist/koe.iife.js, its prompt, delivery and language files as ASCII, so they work whatever charset they are served with', () => {
    for (const name of [...SCRIPT_TAG_CODE, ...languageFiles]) {
      const bytes = readFileSync(new URL(`dist/${name}`, root))
      expect(bytes.filter((byte) => byte > 0x7f).length, name).toBe(0)
    }
  })
})
