import type { ShippedLocale } from '../config/resolve-locale'
import type { LocaleSource } from '../ui/locales'
import { en } from '../ui/locales/en'
import type { PromptStrings } from '../ui/locales/strings'
import { type ImportModule, importBeside, importModule } from './import-beside'

/**
 * The name of a language's file next to the script tag's: `koe.ja.js` beside `koe.iife.js`.
 * The build writes them (rollup.config.mjs); a site copies them with the script.
 */
export const languageFile = (locale: ShippedLocale) => `koe.${locale}.js`

/**
 * The script tag's {@link LocaleSource} (issue 29): English is in the script; every other language
 * is a file of its own next to it, imported when a survey in that language is due, so a page
 * downloads no language it does not show. A file is a list of strings in the order of English's
 * keys: the script's property names are shortened by the minifier, the file's need not match
 * them. When a file cannot be loaded, even on the second try, the prompt is shown in English
 * (create-koe reports why).
 */
export function languageFiles(
  scriptUrl: string | undefined,
  load: ImportModule = importModule,
): LocaleSource {
  return (locale) =>
    locale === 'en'
      ? en
      : importBeside(scriptUrl, languageFile(locale), load).then(
          (module) =>
            Object.fromEntries(
              Object.keys(en).map((key, i) => [
                key,
                (module.default as string[])[i] ?? en[key as keyof PromptStrings],
              ]),
            ) as unknown as PromptStrings,
        )
}
