import { isoTime } from '../lib/iso-time'
import { type BuiltIns, toWireJson } from '../lib/wire-json'
import type { Batch, WireRecord } from '../scoring/wire'

/** How one POST ended, by the status policy of the delivery. */
export type PostOutcome =
  /**
   * 2xx: the collector has answered for every record, whatever the body; the ids its answer lists
   * as `rejected` (docs/wire-format.md) will never be stored.
   */
  | { kind: 'delivered'; rejected?: { id: string; error: string }[] }
  /** Network error, timeout, 408, 425, 429, 5xx: keep the records and try later. */
  | { kind: 'retry'; status: number; _retryAfterMs?: number }
  /** Another 4xx: the collector will never take these records; drop them and report it. */
  | { kind: 'rejected'; status: number }

/** What a POST needs; `fetch` is passed in so tests script it and host monkeypatches don't matter. */
export interface PostOptions {
  endpoint: string
  headers?: Record<string, string>
  fetch: typeof fetch
  /** ISO timestamp for `sentAt`. */
  now: () => number
  /** Survive page unload (`pagehide`); the browser caps such bodies at 64 KB. */
  keepalive?: boolean
  /**
   * Built-ins as they were when Koe loaded, to write the body and read the answer: no host page
   * change to `JSON` or the prototypes can reach them.
   */
  _builtIns: BuiltIns
  /**
   * Give up on a request after this many milliseconds, even when the `fetch` in use (a host
   * page's replacement) ignores the abort and never settles: the flush, and the lock every tab
   * waits for, must end. Default 15 s.
   */
  timeoutMs?: number
}

/**
 * POSTs one wire format v1 batch. The body goes as `text/plain`, a CORS "simple" request, so a
 * cross-origin collector is reached without a preflight round trip, as beacons do.
 */
export function postBatch(records: WireRecord[], options: PostOptions): Promise<PostOutcome> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<PostOutcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort()
      resolve({ kind: 'retry', status: 0 })
    }, options.timeoutMs ?? 15_000)
  })
  return Promise.race([send(records, options, controller.signal), timeout]).finally(() =>
    clearTimeout(timer),
  )
}

async function send(
  records: WireRecord[],
  options: PostOptions,
  signal: AbortSignal,
): Promise<PostOutcome> {
  const batch: Batch = { v: 1, sentAt: isoTime(options.now()), records }
  try {
    const response = await options.fetch(options.endpoint, {
      method: 'POST',
      body: toWireJson(batch, options._builtIns),
      headers: { 'content-type': 'text/plain;charset=UTF-8', ...options.headers },
      credentials: 'omit',
      keepalive: options.keepalive === true,
      signal,
    })
    const status = response.status
    if (status >= 200 && status < 300) {
      let rejected: unknown
      try {
        rejected = options._builtIns._parse(await response.text()).rejected
      } catch {
        /* an empty or non-JSON body still acknowledges the batch */
      }
      return { kind: 'delivered', rejected: Array.isArray(rejected) ? rejected : undefined }
    }
    if (status === 408 || status === 425 || status === 429 || status >= 500) {
      return {
        kind: 'retry',
        status,
        _retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), options.now()),
      }
    }
    return { kind: 'rejected', status }
  } catch {
    return { kind: 'retry', status: 0 }
  }
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now; garbage is ignored (the caller clamps). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
