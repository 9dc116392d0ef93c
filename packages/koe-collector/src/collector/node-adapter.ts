import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { RequestContext } from './create-collector'

/** A Fetch API handler, as `createCollector` returns. */
export type FetchHandler = (request: Request, context?: RequestContext) => Promise<Response>

/** A Host header as RFC 9110 allows it: a name or an address, and a port. */
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i

/**
 * The request's URL. Routing reads only the path, never the `Host` header: a crafted Host such as
 * `x/collect?` must not change which route answers. An unusable Host becomes `localhost`, and an
 * absolute-form target (`POST http://other/collect`) keeps only its path and query.
 */
function requestUrl(req: IncomingMessage): string {
  const host = req.headers.host && HOST.test(req.headers.host) ? req.headers.host : 'localhost'
  let target = req.url ?? '/'
  if (!target.startsWith('/')) {
    try {
      const absolute = new URL(target)
      target = absolute.pathname + absolute.search
    } catch {
      target = '/'
    }
  }
  return `http://${host}${target}`
}

/**
 * Mounts a Fetch API handler on Node's `http` server: `http.createServer(toNodeListener(collect))`,
 * or call it from your own routing. The client address becomes the rate-limit key.
 */
export function toNodeListener(handler: FetchHandler) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = requestUrl(req)
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
      const request = new Request(url, {
        method: req.method,
        headers: Object.entries(req.headers).flatMap(([name, value]) =>
          value === undefined
            ? []
            : (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]),
        ),
        body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
        // Required by Node's fetch for a streamed request body.
        duplex: 'half',
      } as RequestInit)
      const response = await handler(request, { clientAddress: req.socket.remoteAddress })
      // A response before the body was read (413, 403, 429): the rest of the body is still on its
      // way, and the next request on this socket would be read from the middle of it. Close it.
      if (hasBody && !req.complete) res.shouldKeepAlive = false
      res.writeHead(response.status, Object.fromEntries(response.headers))
      if (!response.body) return void res.end()
      // Streamed, at the pace the client reads: an export of millions of records never sits
      // whole in memory (issue 15). A client that goes away cancels the stream.
      await pipeline(Readable.fromWeb(response.body as never), res)
    } catch (error) {
      if (res.headersSent) {
        // Mid-stream: the status is sent, so the only honest signal left is a cut connection.
        res.destroy()
        if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE')
          console.error('[koe] response failed', error)
        return
      }
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: 'internal error' }))
      console.error('[koe] collector failed', error)
    }
  }
}
