import { isObject } from '../../../../src/lib/is-object'
import { isWellFormed } from '../../../../src/lib/well-formed'
import { readLimited } from '../collector/read-limited'

/**
 * The dashboard API's edge (issue 27): what a client sends is checked once, before any route
 * sees it, as `/collect` checks batches. A 5xx must mean the server is broken, never that the
 * input was: a NUL or a lone surrogate half reached PostgreSQL (which refuses both) from a
 * webhook name, a filter, an author; JSON nested thousands deep overflowed the stack.
 */

/** Largest body of a dashboard request, in bytes (a survey definition is the largest). */
export const MAX_API_BODY = 65_536

/**
 * Largest body of `POST /api/outcomes`: 100,000 NDJSON lines of an order export (issue 30), at
 * about 150 bytes a line, with room to spare.
 */
export const MAX_OUTCOMES_BODY = 32 * 1024 * 1024

/** Deepest nesting of a body's JSON: a survey definition needs five levels. */
export const MAX_JSON_DEPTH = 32

/** Longest query parameter, name or value, in UTF-16 units. */
const MAX_PARAM = 2_048

/**
 * Whether a database error is about a value the request sent: PostgreSQL's data exceptions
 * (class 22: out of range, not valid text) and "stack depth limit exceeded" (54001).
 */
export const isRequestError = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code.startsWith('22') || code === '54001')
}

/**
 * A route's JSON body, or `null` when it is missing or not JSON. Its size and text were checked
 * at the API's edge ({@link checkApiInput}), which hands the routes a request holding it.
 */
export async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text()
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** The same as an object: `{}` for anything else, so that a route reads its fields as absent. */
export async function objectBody(request: Request): Promise<Record<string, unknown>> {
  const body = await jsonBody(request)
  return isObject(body) ? body : {}
}

/** A request the routes may read, or why it is refused. */
export type ApiInput =
  | { ok: true; request: Request }
  | { ok: false; status: 400 | 413; error: string }

/** Why `value` (parsed JSON) cannot be taken, or `null`: too deep, or text a database refuses. */
export function jsonProblem(value: unknown): string | null {
  // Iterative, so that the check itself cannot overflow the stack it protects.
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length) {
    const [item, depth] = stack.pop() as [unknown, number]
    if (typeof item === 'string') {
      if (!isWellFormed(item)) return 'text in the body holds a NUL or a broken character'
    } else if (typeof item === 'object' && item !== null) {
      if (depth > MAX_JSON_DEPTH) return `the body is nested deeper than ${MAX_JSON_DEPTH} levels`
      for (const [key, child] of Object.entries(item)) {
        if (!isWellFormed(key)) return 'a name in the body holds a NUL or a broken character'
        stack.push([child, depth + 1])
      }
    }
  }
  return null
}

/**
 * Checks the query string and the body of a dashboard API request. The body is read here, once
 * and bounded; the routes get a request holding the same text.
 */
export async function checkApiInput(
  request: Request,
  url: URL,
  maxBody = MAX_API_BODY,
): Promise<ApiInput> {
  for (const [name, value] of url.searchParams) {
    if (!isWellFormed(name) || !isWellFormed(value) || name.length + value.length > MAX_PARAM)
      return {
        ok: false,
        status: 400,
        error: `query parameter ${JSON.stringify(name.slice(0, 64))} must be text of at most ${MAX_PARAM} characters without NUL`,
      }
  }
  if (request.method === 'GET' || request.method === 'HEAD') return { ok: true, request }
  const bytes = await readLimited(request, maxBody)
  if (bytes === null) return { ok: false, status: 413, error: `the body is over ${maxBody} bytes` }
  const text = new TextDecoder().decode(bytes)
  let parsed: unknown
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch (error) {
    // JSON that is not JSON is each route's to answer (it names what it expected); JSON too
    // deep for the parser is this edge's.
    if (error instanceof RangeError)
      return { ok: false, status: 400, error: 'the body is nested too deep' }
    parsed = undefined
  }
  const problem = jsonProblem(parsed)
  if (problem) return { ok: false, status: 400, error: problem }
  return {
    ok: true,
    request: new Request(request.url, {
      method: request.method,
      headers: request.headers,
      body: text,
    }),
  }
}
