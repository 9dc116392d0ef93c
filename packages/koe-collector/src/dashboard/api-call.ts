import { token, Unauthorized } from './api'

/** A refused call: the message, the status, and the answer's body (field errors, a version). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly data: Record<string, unknown>,
  ) {
    super(message)
  }
}

/** A call to the dashboard API with the token; JSON in and out, a refusal as an {@link ApiError}. */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const t = token.get()
  const response = await fetch(path, {
    method,
    headers: {
      ...(t ? { authorization: `Bearer ${t}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (response.status === 401) throw new Unauthorized()
  const data = (await response.json().catch(() => ({}))) as T & { error?: string }
  if (!response.ok)
    throw new ApiError(data.error ?? `${path}: HTTP ${response.status}`, response.status, data)
  return data
}

/** A query string of the fields that are set: `undefined` and `''` are left out. */
export const searchParams = (q: object) =>
  new URLSearchParams(
    Object.entries(q)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString()
