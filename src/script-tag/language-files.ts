import type { ShippedLocale } from '../config/resolve-locale'
import type { LocaleSource } from '../ui/locales'
import { en } from '../ui/locales/en'
import type { PromptStrings } from '../ui/locales/strings'

/** A language file's module: its strings in the order of English's keys (see `languageFile`). */
type LanguageModule = { default: string[] }

/** Imports a module by URL; a parameter so tests can hand in their own. */
export type ImportModule = (url: string) => Promise<LanguageModule>

/**
 * The name of a language's file next to the script tag's: `koe.ja.js` beside `koe.iife.js`.
 * The build writes them (rollup.config.mjs); a site copies them with the script.
 */
export const languageFile = (locale: ShippedLocale) => `koe.${locale}.js`

/**
 * The script tag's {@link LocaleSource} (issue 29): English is in the script; every other language
 * is a file of its own next to it, imported when a survey in that language is due, so a page
 * downloads no language it does not show. `import()` of a same-origin file needs nothing beyond
 * the `script-src` that already allows the script tag, and is no Trusted Types sink.
 *
 * A file is a list of strings in the order of English's keys: the script's property names are
 * shortened by the minifier, the file's need not match them. A failed import is tried once more
 * under another URL (a module map keeps a failed fetch under its URL for the page's life); when
 * that fails too, the prompt is shown in English (create-koe reports why).
 */
export function languageFiles(
  scriptUrl: string | undefined,
  importModule: ImportModule = (url) => import(/* @vite-ignore */ url),
): LocaleSource {
  return (locale) => {
    if (locale === 'en') return en
    if (!scriptUrl) return Promise.reject(new Error('the script tag cannot tell its own URL'))
    const url = new URL(languageFile(locale), scriptUrl).href
    const load = (href: string) =>
      importModule(href).then(
        ({ default: list }) =>
          Object.fromEntries(
            Object.keys(en).map((key, i) => [key, list[i] ?? en[key as keyof PromptStrings]]),
          ) as unknown as PromptStrings,
      )
    return load(url).catch(() => load(`${url}?retry`))
  }
}
