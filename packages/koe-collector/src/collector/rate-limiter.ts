/** Decides whether a client may send now; `retryAfterSeconds` when it must wait. */
export type RateLimiter = (
  clientKey: string,
) => { ok: true } | { ok: false; retryAfterSeconds: number }

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Requests a client may make at once (bucket size). Default 60. */
  burst?: number
  /** Requests per second refilled. Default 10. */
  perSecond?: number
  /** Current time in milliseconds. */
  now?: () => number
  /** Clients remembered at most; the least recently seen are forgotten first. Default 10 000. */
  maxClients?: number
}

/**
 * A token bucket per client key (an IP address, an API key). A real browser sends a batch every
 * few seconds at most; a flood runs dry and gets 429 with `Retry-After` while others carry on.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const burst = options.burst ?? 60
  const perSecond = options.perSecond ?? 10
  const now = options.now ?? Date.now
  const maxClients = options.maxClients ?? 10_000
  const buckets = new Map<string, { tokens: number; at: number }>()
  return (key) => {
    const t = now()
    const held = buckets.get(key)
    const bucket = held ?? { tokens: burst, at: t }
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond)
    bucket.at = t
    // Re-insert so Map order is least recently seen first.
    buckets.delete(key)
    buckets.set(key, bucket)
    if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return { ok: true }
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) }
  }
}
