import type { ShippedLocale } from '../../config/resolve-locale'
import { ar } from './ar'
import { de } from './de'
import { en } from './en'
import { es } from './es'
import { fr } from './fr'
import { he } from './he'
import { ja } from './ja'
import { ko } from './ko'
import { ptBR } from './pt-BR'
import type { PromptStrings } from './strings'
import { zhCN } from './zh-CN'
import { zhTW } from './zh-TW'

/**
 * Where a Koe gets its built-in strings: all eleven at hand (the script tag), or each loaded
 * when a page needs it (the npm entry; see load.ts).
 */
export type LocaleSource = (locale: ShippedLocale) => PromptStrings | Promise<PromptStrings>

/** Built-in strings by shipped locale, all in one module: the script tag's source. */
export const LOCALES: Record<ShippedLocale, PromptStrings> = {
  en,
  ja,
  de,
  fr,
  es,
  'pt-BR': ptBR,
  'zh-CN': zhCN,
  'zh-TW': zhTW,
  ko,
  ar,
  he,
}
export type { PromptStrings }
