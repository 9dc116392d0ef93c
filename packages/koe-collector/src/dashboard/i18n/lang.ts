/** The dashboard's languages (issue 33): every page, the editor with them. */
export type Lang = 'en' | 'ja'

/** Where the choice made in the header is kept, per browser. The editor's switch used this key. */
const KEY = 'koe-editor-lang'

/**
 * The language to show: the one chosen in the header before, else the browser's first language
 * the dashboard speaks, else English.
 */
export function initialLang(
  stored: string | null = safeStored(),
  languages: readonly string[] = navigator.languages ?? [navigator.language],
): Lang {
  if (stored === 'en' || stored === 'ja') return stored
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0]
    if (base === 'ja' || base === 'en') return base
  }
  return 'en'
}

/** Keeps the header's choice for the next visit; a browser that refuses storage forgets it. */
export function storeLang(lang: Lang) {
  try {
    localStorage.setItem(KEY, lang)
  } catch {
    // Storage off (a private window's policy): the choice lasts this page only.
  }
}

function safeStored(): string | null {
  try {
    return localStorage.getItem(KEY)
  } catch {
    return null
  }
}
