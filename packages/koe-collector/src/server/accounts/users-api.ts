import type { Me } from '../../contract/roles'
import { objectBody } from '../api-input'
import { json } from '../json-response'
import type { Audit } from './audit'
import { type Authenticated, cookieOf, SESSION_COOKIE } from './authenticate'
import { SESSION_HOURS, type Users } from './users'

/** A response header a handler sets to name what a change was made to; the app strips it. */
export const AUDIT_TARGET = 'x-koe-audit-target'

/** The sign-in cookie: the browser keeps it from scripts and from other sites' requests. */
const sessionCookie = (value: string, secure: boolean, maxAge: number) =>
  `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`

/**
 * Signing in and out of the dashboard (`POST`/`DELETE /api/session`), before any role is checked;
 * `secure` when people reach the server over TLS. Returns `null` for any other path.
 */
export async function sessionApi(
  request: Request,
  url: URL,
  users: Users | undefined,
  secure: boolean,
): Promise<Response | null> {
  if (url.pathname !== '/api/session') return null
  if (request.method === 'POST') {
    const body = await objectBody(request)
    const session = await users?.signIn(body.name, body.password)
    if (!session) return json({ error: 'wrong name or password' }, 401)
    const me = await users?.bySession(session)
    const response = json({ name: me?.name, role: me?.role, local: false } satisfies Partial<Me>)
    response.headers.set('set-cookie', sessionCookie(session, secure, SESSION_HOURS * 3600))
    return response
  }
  if (request.method === 'DELETE') {
    const session = cookieOf(request, SESSION_COOKIE)
    if (session) await users?.signOut(session)
    const response = json({ ok: true })
    response.headers.set('set-cookie', sessionCookie('', secure, 0))
    return response
  }
  return json({ error: 'POST to sign in, DELETE to sign out' }, 405)
}

/**
 * Who is signed in (`GET /api/me`), users (admin: list, add, revoke, set a password) and the audit
 * log. The app has checked the role. Returns `null` for a path it does not serve.
 */
export function createUsersApi(users: Users | undefined, audit: Audit | undefined) {
  return async function usersApi(
    request: Request,
    url: URL,
    { actor, via }: Authenticated,
  ): Promise<Response | null> {
    const path = url.pathname
    const method = request.method
    if (path === '/api/me')
      return json({ name: actor.name, role: actor.role, local: via === 'local' } satisfies Me)
    if (!users || !audit) {
      if (path.startsWith('/api/users') || path === '/api/audit')
        return json({ error: 'accounts need the database (a custom store has none)' }, 404)
      return null
    }
    if (path === '/api/users' && method === 'GET') return json({ users: await users.list() })
    if (path === '/api/users' && method === 'POST') {
      const body = await objectBody(request)
      const added = await users.add(body.name, body.role, body.password)
      if ('error' in added) return json({ error: added.error }, added.status)
      const response = json(added, 201)
      response.headers.set(AUDIT_TARGET, `${added.name} (${added.role})`)
      return response
    }
    const user = /^\/api\/users\/([0-9a-fA-F-]{36})(\/password)?$/.exec(path)
    if (user && method === 'DELETE' && !user[2])
      return (await users.revoke(user[1] as string))
        ? json({ ok: true })
        : json({ error: 'no such user' }, 404)
    if (user && method === 'POST' && user[2]) {
      const done = await users.setPassword(user[1] as string, (await objectBody(request)).password)
      return done === true ? json({ ok: true }) : json({ error: done.error }, done.status)
    }
    if (path === '/api/audit' && method === 'GET') {
      const before = url.searchParams.get('before')
      const limit = url.searchParams.get('limit')
      if (before !== null && !/^\d{1,18}$/.test(before))
        return json({ error: 'before must be the id of an entry' }, 400)
      if (limit !== null && !/^\d{1,4}$/.test(limit))
        return json({ error: 'limit must be a number of entries, 1 to 1000' }, 400)
      const entries = await audit.list(
        limit ? Number(limit) : 100,
        before ? Number(before) : undefined,
      )
      return json({ entries })
    }
    return null
  }
}
