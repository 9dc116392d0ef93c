import type { ShippedLocale } from '../../config/resolve-locale'
import { en } from './en'
import type { PromptStrings } from './strings'

/**
 * The npm entry's {@link LocaleSource}: English is always there (every prompt falls back to it);
 * each other language is its own chunk, which an app's bundler splits off, so a visitor downloads
 * only the languages their page shows. Koe loads one when a survey in it is due, during the
 * survey's delay, so a page that shows nothing loads none (issue 29).
 */
export function loadLocale(locale: ShippedLocale): PromptStrings | Promise<PromptStrings> {
  switch (locale) {
    case 'ja':
      return import('./ja').then((m) => m.ja)
    case 'de':
      return import('./de').then((m) => m.de)
    case 'fr':
      return import('./fr').then((m) => m.fr)
    case 'es':
      return import('./es').then((m) => m.es)
    case 'pt-BR':
      return import('./pt-BR').then((m) => m.ptBR)
    case 'zh-CN':
      return import('./zh-CN').then((m) => m.zhCN)
    case 'zh-TW':
      return import('./zh-TW').then((m) => m.zhTW)
    case 'ko':
      return import('./ko').then((m) => m.ko)
    case 'ar':
      return import('./ar').then((m) => m.ar)
    case 'he':
      return import('./he').then((m) => m.he)
    default:
      return en
  }
}
