import { readFile } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
}

/**
 * Serves files below `dir` for URL paths below `prefix`; `index.html` for a folder. Paths that
 * climb out of `dir` (`..`, encoded or not) are not found. With `app`, a path that names no file
 * and has no extension is a route of a single-page app: it gets `index.html` too.
 */
export function staticFiles(prefix: string, dir: string, app = false) {
  return async (pathname: string): Promise<Response | null> => {
    if (!pathname.startsWith(prefix)) return null
    let relative: string
    try {
      relative = decodeURIComponent(pathname.slice(prefix.length))
    } catch {
      return null
    }
    if (relative === '' || relative.endsWith('/')) relative += 'index.html'
    else if (app && !extname(relative)) relative = 'index.html'
    // resolve() drops a trailing slash of `dir`, so the containment check holds either way.
    const base = resolve(dir)
    const file = resolve(base, `.${sep}${relative}`)
    if (!file.startsWith(base + sep) || relative.includes('\0')) return null
    try {
      const body = await readFile(file)
      return new Response(body, {
        headers: {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-cache',
        },
      })
    } catch {
      return null
    }
  }
}
