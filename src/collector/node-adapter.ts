import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import type { RequestContext } from './create-collector'

/** A Fetch API handler, as `createCollector` returns. */
export type FetchHandler = (request: Request, context?: RequestContext) => Promise<Response>

/**
 * Mounts a Fetch API handler on Node's `http` server: `http.createServer(toNodeListener(collect))`,
 * or call it from your own routing. The client address becomes the rate-limit key.
 */
export function toNodeListener(handler: FetchHandler) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`
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
      res.writeHead(response.status, Object.fromEntries(response.headers))
      res.end(Buffer.from(await response.arrayBuffer()))
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: 'internal error' }))
      console.error('[koe] collector failed', error)
    }
  }
}
