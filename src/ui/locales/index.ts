import type { ShippedLocale } from '../../config/resolve-locale'
import { en } from './en'
import { ja } from './ja'
import type { PromptStrings } from './strings'

/** Built-in strings by shipped locale. */
export const LOCALES: Record<ShippedLocale, PromptStrings> = { en, ja }
export type { PromptStrings }
