import type { ShippedLocale } from '../config/resolve-locale'
import type { LocaleSource, PromptStrings } from '../ui/locales'
import { en } from '../ui/locales/en'
import type { Report } from './emitter'

/**
 * The built-in strings of a page's prompts (issue 29): a language is loaded when a survey in it
 * is due and not before, so a page that shows nothing loads none; English is always at hand and
 * stands in for a language that could not be loaded.
 */
export function createPromptStrings(source: LocaleSource, report: Report) {
  const loaded = new Map<ShippedLocale, PromptStrings>()
  /** Languages on their way: each is asked for once. */
  const loading = new Map<ShippedLocale, Promise<unknown>>()
  return {
    /** The strings of `tag` when loaded, else English. */
    _get: (tag: ShippedLocale): PromptStrings => loaded.get(tag) ?? en,
    /** Whether the strings of `tag` are at hand (English always is). */
    _has: (tag: ShippedLocale) => tag === 'en' || loaded.has(tag),
    /**
     * Starts loading the strings of `tag`; resolves once they are at hand (a failure is
     * reported and leaves English), undefined when they already are.
     */
    _load(tag: ShippedLocale): Promise<unknown> | undefined {
      if (loaded.has(tag)) return
      let pending = loading.get(tag)
      if (!pending) {
        const strings = source(tag)
        if (!('then' in strings)) return void loaded.set(tag, strings)
        pending = strings.then(
          (ready) => void loaded.set(tag, ready),
          (error) => report(`strings for "${tag}" not loaded; English is shown`, error),
        )
        loading.set(tag, pending)
      }
      return pending
    },
  }
}
