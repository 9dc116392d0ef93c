/** Imports a module by URL; a parameter so tests can hand in their own. */
export type ImportModule = (url: string) => Promise<Record<string, unknown>>

/** The browser's own `import()`, kept as is by the build (the URL is known only at run time). */
export const importModule: ImportModule = (url) => import(/* @vite-ignore */ url)

/**
 * Imports `file` from beside the script tag (issue 29: its prompt and languages are files next
 * to it), wherever the site serves it from. `import()` of such a file needs nothing beyond the
 * `script-src` that already allows the script, and is no Trusted Types sink. A failed import is
 * tried once more under a URL of its own (the time: one the page has never asked for), since a page's module map keeps a failed fetch under
 * its URL for the page's life (Chromium 150 does, for the retry's URL too: a second due survey after a
 * network failure found both URLs failed and never asked again).
 */
export function importBeside(
  scriptUrl: string | undefined,
  file: string,
  load: ImportModule = importModule,
): Promise<Record<string, unknown>> {
  if (!scriptUrl) return Promise.reject(new Error('the script cannot tell its URL'))
  const url = new URL(file, scriptUrl).href
  return load(url).catch(() => load(`${url}?${Date.now()}`))
}
