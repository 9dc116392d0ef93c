import { isIP } from 'node:net'
import type { RequestContext } from '../collector/create-collector'

/**
 * Where the server is reached from, behind a reverse proxy (issue 27). Without these a proxy
 * that terminates TLS makes every dashboard change look cross-site (the page's `Origin` is
 * `https://koe.example`, the request the server sees is `http://127.0.0.1:8787`), and every
 * visitor one client to the rate limiter (the proxy's address).
 */
export interface ProxySettings {
  /** The public origin people open the dashboard at, e.g. `https://koe.example` (`KOE_PUBLIC_URL`). */
  publicOrigin?: string
  /**
   * Addresses of the reverse proxies in front of the server (`KOE_TRUSTED_PROXIES`): only a
   * request from one of them has its `X-Forwarded-For`, `-Host` and `-Proto` believed.
   */
  trustedProxies?: string[]
}

/** A Host as RFC 9110 allows it: a name or a bracketed address, and a port. */
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i

/** The loopback names a tokenless server answers its API on, with any port. */
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i

/** An IPv4 peer of a dual-stack socket reads `::ffff:127.0.0.1`; the proxies are listed plainly. */
const plainAddress = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')

/** The first of a header's comma-separated values, trimmed; `''` when absent. */
const first = (value: string | null) => (value ?? '').split(',')[0]?.trim() ?? ''

/** Whether the request came straight from a proxy the operator named. */
function fromTrustedProxy(context: RequestContext, proxy: ProxySettings): boolean {
  const peer = context.clientAddress
  return !!peer && !!proxy.trustedProxies?.includes(plainAddress(peer))
}

/**
 * The `Host` the client sent, exactly: the request's URL may hold a stand-in for a header that
 * is not a valid host (node-adapter.ts), and a stand-in must never pass a check the real one
 * fails (`a_b.example:PORT` was read as `localhost`: DNS rebinding).
 */
export const rawHost = (request: Request, url: URL) => request.headers.get('host') ?? url.host

/** Whether the request names this machine by a loopback name (the tokenless API's rule). */
export const isLoopbackRequest = (request: Request, url: URL) =>
  LOOPBACK_HOST.test(rawHost(request, url))

/**
 * The origins a change from the dashboard may carry: the server's own as the request names it,
 * the configured public origin, and the origin a trusted proxy says the client used.
 */
export function ownOrigins(
  request: Request,
  url: URL,
  context: RequestContext,
  proxy: ProxySettings,
): string[] {
  const origins = [url.origin]
  if (proxy.publicOrigin) origins.push(proxy.publicOrigin)
  if (fromTrustedProxy(context, proxy)) {
    const host = first(request.headers.get('x-forwarded-host')) || rawHost(request, url)
    const proto = first(request.headers.get('x-forwarded-proto')) || 'http'
    if (HOST.test(host) && (proto === 'http' || proto === 'https'))
      origins.push(new URL(`${proto}://${host}`).origin)
  }
  return origins
}

/**
 * The client's address for the rate limiter: behind a trusted proxy, the nearest address in
 * `X-Forwarded-For` that is not one of the proxies (the ones to its left are the client's word
 * and could be made up); otherwise the socket's peer.
 */
export function clientAddress(
  request: Request,
  context: RequestContext,
  proxy: ProxySettings,
): string | undefined {
  if (!fromTrustedProxy(context, proxy)) return context.clientAddress
  const hops = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => plainAddress(hop.trim()))
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string
    if (!isIP(hop)) break
    if (!proxy.trustedProxies?.includes(hop)) return hop
  }
  return context.clientAddress
}
