/** Imports a module by URL; a parameter so tests can hand in their own. */
export type ImportModule = (url: string) => Promise<Record<string, unknown>>

/** The browser's own `import()`, kept as is by the build (the URL is known only at run time). */
export const importModule: ImportModule = (url) => import(/* @vite-ignore */ url)

/**
 * Imports `file` from beside the script tag (issue 29: its prompt and languages are files next
 * to it), wherever the site serves it from. `import()` of such a file needs nothing beyond the
 * `script-src` that already allows the script, and is no Trusted Types sink. A failed import is
 * tried once more under another URL, since a page's module map keeps a failed fetch under its
 * URL for the page's life.
 */
export function importBeside(
  scriptUrl: string | undefined,
  file: string,
  load: ImportModule = importModule,
): Promise<Record<string, unknown>> {
  if (!scriptUrl) return Promise.reject(new Error('the script tag cannot tell its own URL'))
  const url = new URL(file, scriptUrl).href
  return load(url).catch(() => load(`${url}?retry`))
}
