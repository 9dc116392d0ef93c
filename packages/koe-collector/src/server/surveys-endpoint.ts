import { createHash } from 'node:crypto'
import type { SurveyLibrary } from './survey-library'

/** Sites ask again after this long; a publish or a pause reaches every page within it. */
const MAX_AGE_SECONDS = 60

/** Whether an `If-None-Match` header names `etag` (a list, weak or strong, or `*`). */
function matches(header: string | null, etag: string): boolean {
  if (!header) return false
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*')
}

/**
 * `GET /surveys.json`: the live surveys, in the format the SDK's `surveys` URL reads (issue 14).
 * With an ETag, so an unchanged set costs a 304, a short max-age, and CORS for the allowed
 * origins. If the database fails, the last set served is served again: sites must not lose their
 * surveys because the database blinked. `?preview=<key>` adds the draft of a preview link, for
 * that request only and never cached.
 */
export function createSurveysEndpoint(
  library: SurveyLibrary,
  allowedOrigins: string[] | '*',
  onError: (error: unknown) => void = () => {},
) {
  let last: string | undefined
  return async function surveysJson(request: Request, url: URL): Promise<Response> {
    const origin = request.headers.get('origin')
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }
    if (allowedOrigins === '*') headers['access-control-allow-origin'] = '*'
    else {
      headers.vary = 'Origin'
      if (origin && allowedOrigins.includes(origin)) headers['access-control-allow-origin'] = origin
    }
    const preview = url.searchParams.get('preview') || undefined
    let body: string
    try {
      body = await library.liveJson(preview)
      if (!preview) last = body
    } catch (error) {
      onError(error)
      if (last === undefined)
        return new Response(JSON.stringify({ error: 'surveys are unavailable' }), {
          status: 503,
          headers: { ...headers, 'retry-after': '10' },
        })
      body = last
    }
    if (preview) headers['cache-control'] = 'private, no-store'
    else {
      headers['cache-control'] = `public, max-age=${MAX_AGE_SECONDS}`
      headers.etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
      if (matches(request.headers.get('if-none-match'), headers.etag)) {
        delete headers['content-type']
        return new Response(null, { status: 304, headers })
      }
    }
    return new Response(request.method === 'HEAD' ? null : body, { headers })
  }
}
