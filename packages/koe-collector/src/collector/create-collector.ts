import { validateBatch, validateRecord } from '../../../../src/scoring/validate-batch'
import type {
  CollectorAnswer,
  OutcomeRecord,
  SurveyRecord,
  WireRecord,
} from '../../../../src/scoring/wire'
import type { RateLimiter } from './rate-limiter'
import { readLimited } from './read-limited'
import type { Store } from './store'

/** Options of {@link createCollector}. */
export interface CollectorOptions {
  /** Where valid records go. */
  store: Store
  /**
   * Origins (`"https://shop.example"`) whose pages may send answers, or `"*"` for any. A request
   * from another origin is refused with 403; one without `Origin` (a server) is accepted.
   */
  allowedOrigins: string[] | '*'
  /** Largest body accepted, in bytes; larger gets 413. Default 512 KiB. */
  maxBodyBytes?: number
  /** Optional rate limit per client; over it, 429 with `Retry-After`. */
  rateLimit?: RateLimiter
  /**
   * Where outcome records go (issue 30: a purchase recorded by the page). Without it, a batch's
   * outcomes are refused one by one and its other records are stored.
   */
  outcomes?: (records: OutcomeRecord[]) => Promise<OutcomesStored>
  /** Called with errors of the store, for the server's log. */
  onError?: (error: unknown) => void
}

/** What storing a batch's outcomes did; a refused one says why. */
export interface OutcomesStored {
  accepted: number
  duplicates: number
  rejected: CollectorAnswer['rejected']
}

/** What the server knows about the request beyond the Fetch API `Request`. */
export interface RequestContext {
  /** The client's address, the key of the rate limit. */
  clientAddress?: string
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })

/**
 * The collector: a Fetch API handler `(request) => Promise<Response>` for Node, Deno, Bun and
 * Workers. It answers CORS preflights, accepts wire format v1 as `application/json` or
 * `text/plain` (beacons), stores the valid records of a batch and reports the others one by one
 * (docs/wire-format.md), and never throws: a failing store is a 503 the client retries.
 */
export function createCollector(options: CollectorOptions) {
  const maxBodyBytes = options.maxBodyBytes ?? 512 * 1024
  const allowed = (origin: string | null) =>
    origin === null || options.allowedOrigins === '*' || options.allowedOrigins.includes(origin)

  return async function collect(request: Request, context: RequestContext = {}): Promise<Response> {
    const origin = request.headers.get('origin')
    const cors: Record<string, string> =
      origin && allowed(origin) ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {}
    if (!allowed(origin)) return json(403, { error: `origin ${origin} may not send answers here` })
    if (request.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          ...cors,
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers':
            request.headers.get('access-control-request-headers') ?? 'content-type',
          'access-control-max-age': '86400',
        },
      })
    }
    if (request.method !== 'POST')
      return json(405, { error: 'use POST' }, { ...cors, allow: 'POST, OPTIONS' })

    const limited = options.rateLimit?.(context.clientAddress ?? origin ?? 'unknown')
    if (limited && !limited.ok) {
      return json(
        429,
        { error: 'too many requests' },
        { ...cors, 'retry-after': String(limited.retryAfterSeconds) },
      )
    }
    const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase()
    if (type !== 'application/json' && type !== 'text/plain') {
      return json(415, { error: 'send application/json or text/plain' }, cors)
    }
    const body = await readLimited(request, maxBodyBytes).catch(() => null)
    if (!body) return json(413, { error: `the body is larger than ${maxBodyBytes} bytes` }, cors)
    let batch: unknown
    try {
      batch = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body))
    } catch {
      return json(400, { error: 'the body is not JSON in UTF-8' }, cors)
    }

    // validateBatch is the one definition of a valid batch (docs/scoring.md). Problems of the
    // envelope refuse the batch; problems of single records reject just those records.
    const checked = validateBatch(batch)
    let valid: WireRecord[]
    const rejected: CollectorAnswer['rejected'] = []
    if (checked.ok) {
      valid = checked.value.records
    } else {
      const envelope = checked.errors.filter((e) => !e.path.startsWith('records['))
      if (envelope.length)
        return json(
          400,
          { error: envelope.map((e) => `${e.path || 'body'} ${e.message}`).join('; ') },
          cors,
        )
      valid = []
      ;(batch as { records: unknown[] }).records.forEach((record, index) => {
        const result = validateRecord(record, `records[${index}]`)
        if (result.ok) valid.push(result.value)
        else {
          const id = (record as { id?: unknown } | null)?.id
          rejected.push({
            id: typeof id === 'string' ? id : null,
            error: result.errors.map((e) => `${e.path} ${e.message}`).join('; '),
          })
        }
      })
    }
    const surveyRecords = valid.filter((r): r is SurveyRecord => r.kind !== 'outcome')
    const outcomes = valid.filter((r): r is OutcomeRecord => r.kind === 'outcome')
    try {
      const stored = await options.store.upsert(surveyRecords)
      const done = outcomes.length
        ? await (options.outcomes?.(outcomes) ??
            ({
              accepted: 0,
              duplicates: 0,
              rejected: outcomes.map((r) => ({
                id: r.id,
                error: 'this collector keeps no outcomes',
              })),
            } satisfies OutcomesStored))
        : { accepted: 0, duplicates: 0, rejected: [] }
      rejected.push(...(stored.rejected ?? []), ...done.rejected)
      const answer: CollectorAnswer = {
        accepted: stored.accepted + done.accepted,
        duplicates: stored.duplicates + done.duplicates,
        rejected,
      }
      return json(200, answer, cors)
    } catch (error) {
      options.onError?.(error)
      return json(
        503,
        { error: 'storage is unavailable; retry later' },
        { ...cors, 'retry-after': '5' },
      )
    }
  }
}
