/** Locales whose strings ship with Koe. */
export const SHIPPED_LOCALES = ['en', 'ja'] as const
/** A locale whose strings ship with Koe. */
export type ShippedLocale = (typeof SHIPPED_LOCALES)[number]

/** A BCP 47 language tag of at most 35 characters (RFC 5646 §4.4.1's practical bound). */
const LANGUAGE_TAG = /^(?=.{2,35}$)[a-z]{2,8}(-[a-z\d]{1,8})*$/i

/**
 * The locale to ask in: the config's, else `<html lang>`, else `navigator.language`, else `en`.
 * The first candidate whose language Koe ships wins; a region (`ja-JP`) falls back to its
 * language (`ja`).
 */
export function resolveLocale(candidates: (string | null | undefined)[]): {
  tag: string
  strings: ShippedLocale
} {
  for (const candidate of candidates) {
    if (!candidate) continue
    const language = candidate.toLowerCase().split(/[-_]/)[0] as ShippedLocale
    if ((SHIPPED_LOCALES as readonly string[]).includes(language))
      // The tag goes on the wire: anything but a plausible BCP 47 tag (a 300-character
      // `<html lang>`, a NUL) would get the answer rejected, so it is cut back to its language.
      return { tag: LANGUAGE_TAG.test(candidate) ? candidate : language, strings: language }
  }
  return { tag: 'en', strings: 'en' }
}

/** Picks the text for a locale from `"text"` or `{ en, ja }`; `undefined` when it has none. */
export function pickText(
  text: string | Record<string, string> | undefined,
  locale: string,
  fallbackLocale: string,
): string | undefined {
  if (text === undefined || typeof text === 'string') return text
  return text[locale] ?? text[locale.split('-')[0] as string] ?? text[fallbackLocale]
}
