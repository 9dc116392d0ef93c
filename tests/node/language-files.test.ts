// Issue 29: the script tag's languages are files next to it. The build writes each as a list in
// the order of English's keys, and the script reads it back by that order: these tests hold both
// ends to the sources.
import { pathToFileURL } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { SHIPPED_LOCALES } from '../../src/config/resolve-locale'
import type { ImportModule } from '../../src/script-tag/import-beside'
import { languageFiles } from '../../src/script-tag/language-files'
import { LOCALES } from '../../src/ui/locales'
import { en } from '../../src/ui/locales/en'

const dist = new URL('../../dist/', import.meta.url)
const SCRIPT = 'https://shop.example/static/koe.iife.js'

/** An importer that serves the built files from dist/ and records what was asked. */
function fromDist(failFirst = 0) {
  const asked: string[] = []
  const importModule: ImportModule = async (url) => {
    asked.push(url)
    if (asked.length <= failFirst)
      throw new TypeError('Failed to fetch dynamically imported module')
    const name = new URL(url).pathname.split('/').at(-1) as string
    return import(pathToFileURL(new URL(name, dist).pathname).href)
  }
  return { asked, importModule }
}

describe('the script tag’s language files', () => {
  it('give back every shipped language exactly as its source has it', async () => {
    const { importModule } = fromDist()
    const source = languageFiles(SCRIPT, importModule)
    for (const locale of SHIPPED_LOCALES)
      expect(await source(locale), locale).toEqual(LOCALES[locale])
  })

  it('keep English in the script: asked for it, nothing is imported', () => {
    const { asked, importModule } = fromDist()
    expect(languageFiles(SCRIPT, importModule)('en')).toBe(en)
    expect(asked).toEqual([])
  })

  it('are found next to the script, wherever it is served from', async () => {
    const { asked, importModule } = fromDist()
    await languageFiles('https://cdn.example/koe/1.0/koe.iife.js?v=3', importModule)('pt-BR')
    expect(asked).toEqual(['https://cdn.example/koe/1.0/koe.pt-BR.js'])
  })

  it('try once more under another URL when a file fails, then give up', async () => {
    const once = fromDist(1)
    expect(await languageFiles(SCRIPT, once.importModule)('ja')).toEqual(LOCALES.ja)
    expect(once.asked).toEqual([
      'https://shop.example/static/koe.ja.js',
      expect.stringMatching(/^https:\/\/shop\.example\/static\/koe\.ja\.js\?\d+$/),
    ])
    const always = fromDist(2)
    await expect(languageFiles(SCRIPT, always.importModule)('ja')).rejects.toThrow(TypeError)
    expect(always.asked).toHaveLength(2)
  })

  it('try again under a URL never asked before, as a page keeps each failed URL failed', async () => {
    // Chromium 150 keeps a failed module fetch failed for the page's life, `?retry` included: a
    // second due survey after a network failure asked for nothing and was never shown.
    const failed = new Set<string>()
    let down = true
    const browserLike: ImportModule = async (url) => {
      if (down || failed.has(url)) {
        failed.add(url)
        throw new TypeError('Failed to fetch dynamically imported module')
      }
      return fromDist().importModule(url)
    }
    const source = languageFiles(SCRIPT, browserLike)
    // The retry's URL carries the time: the test sets it, a millisecond apart.
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(1_000)
      await expect(source('ja')).rejects.toThrow(TypeError)
      down = false
      vi.setSystemTime(1_001)
      expect(await source('ja')).toEqual(LOCALES.ja)
    } finally {
      vi.useRealTimers()
    }
  })

  it('refuse, rather than guess, when the script cannot tell its own URL', async () => {
    const { asked, importModule } = fromDist()
    await expect(languageFiles(undefined, importModule)('ko')).rejects.toThrow(
      /cannot tell its URL/,
    )
    expect(asked).toEqual([])
  })

  it('fill a string a file lacks with English', async () => {
    const short: ImportModule = async () => ({ default: ['Q?'] })
    const strings = await languageFiles(SCRIPT, short)('fr')
    expect(strings._npsQuestion).toBe('Q?')
    expect(strings._thanks).toBe(en._thanks)
  })
})
