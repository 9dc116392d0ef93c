import { lookup as dnsLookup, promises as dnsPromises, type LookupAddress } from 'node:dns'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { BlockList, isIP } from 'node:net'

/**
 * Addresses an alert may not be sent to unless the operator allows it (`KOE_WEBHOOK_ALLOW_PRIVATE`):
 * loopback, link-local (cloud metadata lives there), private and carrier-grade NAT ranges, and
 * "this network". A webhook URL is typed into a dashboard; without this, the collector could be
 * made to reach the services beside it.
 */
const PRIVATE = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6')

/** The host of an alert URL as an address or name: an IPv6 literal without its brackets. */
const hostOf = (url: string) => new URL(url).hostname.replace(/^\[|\]$/g, '')

/** Whether `address` (an IP literal) is loopback, link-local or private. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 0) return false
  // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
  if (mapped) return PRIVATE.check(mapped, 'ipv4')
  return PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4')
}

/** Why `text` cannot be an alert URL, or `null` when it can (the address is checked on sending). */
export function webhookUrlProblem(text: unknown): string | null {
  if (typeof text !== 'string' || text.length > 2_000) return 'url must be text'
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'url must be an absolute http(s) URL'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url must be http(s)'
  if (url.username || url.password) return 'url must not carry a user name or password'
  return null
}

/**
 * Why alerts could never reach `url` from here, or `null`: its host is a private or loopback
 * address, or a name that resolves to one, and the operator did not allow private targets
 * (issue 27: such an endpoint used to be saved, shown as healthy and retried for a day). A name
 * that does not resolve now is accepted (DNS may be down for a moment); sending checks again.
 */
export async function privateTargetProblem(
  url: string,
  allowPrivate: boolean,
  lookup: (host: string) => Promise<string[]> = (host) =>
    dnsPromises.lookup(host, { all: true }).then((all) => all.map((a) => a.address)),
): Promise<string | null> {
  if (allowPrivate) return null
  const host = hostOf(url)
  const addresses = isIP(host) ? [host] : await lookup(host).catch(() => [])
  const refused = addresses.find(isPrivateAddress)
  if (!refused) return null
  const via = refused === host ? '' : ` (${host} resolves to ${refused})`
  return `url points to a private or loopback address${via}: alerts are not sent there unless the collector runs with KOE_WEBHOOK_ALLOW_PRIVATE=1`
}

/** What one POST did: the status, or why it never got one. */
export type PostOutcome = { status: number } | { error: string }

/**
 * POSTs `body` to `url`, refusing private addresses unless `allowPrivate`: the check runs on the
 * address actually connected to (in the DNS lookup of this very request), so a name that resolves
 * differently the second time cannot slip through. Redirects are not followed; `timeoutMs` bounds
 * the whole exchange.
 */
export function postAlert(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { allowPrivate: boolean; timeoutMs: number },
): Promise<PostOutcome> {
  return new Promise((resolve) => {
    const target = new URL(url)
    const host = hostOf(url)
    if (!options.allowPrivate && isPrivateAddress(host))
      return resolve({ error: `${host} is a private address` })
    const lookup: typeof dnsLookup = ((
      hostname: string,
      lookupOptions: { all?: boolean },
      callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
    ) =>
      dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
        if (error) return callback(error, [])
        const refused = options.allowPrivate
          ? undefined
          : addresses.find((a) => isPrivateAddress(a.address))
        if (refused)
          return callback(new Error(`${hostname} resolves to private ${refused.address}`), [])
        const first = addresses[0] as LookupAddress
        if (lookupOptions.all) callback(null, addresses)
        else callback(null, first.address, first.family)
      })) as unknown as typeof dnsLookup
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        lookup,
        timeout: options.timeoutMs,
      },
      (response) => {
        // The status is the answer: a receiver that trickles its body (or never ends it) must not
        // hold the delivery, nor count as a failure, once it has said 2xx.
        resolve({ status: response.statusCode ?? 0 })
        response.destroy()
      },
    )
    const timer = setTimeout(
      () => request.destroy(new Error('no answer in time')),
      options.timeoutMs,
    )
    request.on('close', () => clearTimeout(timer))
    request.on('timeout', () => request.destroy(new Error('no answer in time')))
    request.on('error', (error) => resolve({ error: error.message }))
    request.end(body)
  })
}
