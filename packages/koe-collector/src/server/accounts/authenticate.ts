import { timingSafeEqual } from 'node:crypto'
import type { Actor, Users } from './users'

/** The dashboard's sign-in cookie. */
export const SESSION_COOKIE = 'koe_session'

/** Who made a request, and how they proved it. */
export interface Authenticated {
  actor: Actor
  /** A cookie is sent by the browser on its own: a change made with one needs its Origin. */
  via: 'token' | 'session' | 'local'
}

/** The operator on this machine when the server has no token (it listens on loopback only). */
export const LOCAL_OPERATOR: Actor = { id: null, name: 'local', role: 'admin' }
/** The bootstrap admin: whoever holds `KOE_DASHBOARD_TOKEN`. */
export const BOOTSTRAP_ADMIN: Actor = { id: null, name: 'admin', role: 'admin' }

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The value of one cookie of a request, or `null`. */
export function cookieOf(request: Request, name: string): string | null {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=')
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim()
  }
  return null
}

/**
 * Tells who a request is from (issue 28): a bearer token (the bootstrap admin's or a user's
 * personal one), else the sign-in cookie; without either, the local operator when the server has
 * no token, else nobody. A token or a cookie that is sent but not valid is refused, even on
 * loopback: a revoked token must not fall back to the local operator's rights.
 */
export function createAuthenticator(bootstrapToken: string | undefined, users: Users | undefined) {
  return async function authenticate(request: Request): Promise<Authenticated | { error: string }> {
    const header = request.headers.get('authorization')
    if (header !== null) {
      const token = /^Bearer (\S+)$/.exec(header)?.[1]
      if (!token) return { error: 'send Authorization: Bearer <token>' }
      if (bootstrapToken && sameSecret(token, bootstrapToken))
        return { actor: BOOTSTRAP_ADMIN, via: 'token' }
      const user = await users?.byToken(token)
      if (user === 'revoked') return { error: 'this token was revoked' }
      return user ? { actor: user, via: 'token' } : { error: 'unknown token' }
    }
    const session = cookieOf(request, SESSION_COOKIE)
    if (session !== null) {
      const user = await users?.bySession(session)
      return user
        ? { actor: user, via: 'session' }
        : { error: 'your sign-in has ended: sign in again' }
    }
    if (!bootstrapToken) return { actor: LOCAL_OPERATOR, via: 'local' }
    return { error: 'sign in, or send Authorization: Bearer <token>' }
  }
}
