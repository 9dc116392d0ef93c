import { createServer, type Server } from 'node:http'
import { type FetchHandler, toNodeListener } from '../collector/node-adapter'
import { StartupError } from './open-database'

/**
 * Time limits for a collector of small beacon bodies (at most 512 KiB): a client gets 10 s to send
 * its headers and 30 s for the whole request, past the SDK's own 15 s timeout, so a slow or
 * stalled sender holds a connection for seconds, not Node's default 5 minutes.
 */
export const TIMEOUTS = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  /** How often Node checks the two limits above; its default of 30 s would let them slip. */
  checkEveryMs: 1_000,
}

/** Serves a Fetch API handler on `host:port`; rejects with one line when it cannot. */
export function listen(
  handler: FetchHandler,
  port: number,
  host: string,
  timeouts = TIMEOUTS,
): Promise<Server> {
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      connectionsCheckingInterval: timeouts.checkEveryMs,
    },
    toNodeListener(handler),
  )
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new StartupError(
          error.code === 'EADDRINUSE'
            ? `port ${port} on ${host} is in use by another program: stop it, or start Koe with PORT=<another port>`
            : error.code === 'EADDRNOTAVAIL'
              ? `HOST=${host} is not an address of this machine`
              : `cannot listen on ${host}:${port}: ${error.message}`,
        ),
      )
    })
    server.listen(port, host, () => resolve(server))
  })
}
