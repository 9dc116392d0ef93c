import type { AddedUser, AuditEntry, UserView } from '../contract/accounts'
import type { Me, Role } from '../contract/roles'
import { token } from './api'
import { call } from './api-call'

/** Signing in and out, who is signed in, and the admin's users and audit log (server/accounts). */
export const accounts = {
  me: () => call<Me>('GET', '/api/me'),
  /** A password sign-in: the server sets an HttpOnly cookie, which this tab never sees. */
  signIn: (name: string, password: string) => {
    token.set('') // the cookie, not a token typed before, says who this is from now on
    return call<Me>('POST', '/api/session', { name, password })
  },
  /** Ends the sign-in and forgets a typed token. */
  signOut: async () => {
    token.set('')
    await call('DELETE', '/api/session')
  },
  users: () => call<{ users: UserView[] }>('GET', '/api/users').then((r) => r.users),
  add: (name: string, role: Role, password?: string) =>
    call<AddedUser>('POST', '/api/users', { name, role, ...(password ? { password } : {}) }),
  revoke: (id: string) => call('DELETE', `/api/users/${encodeURIComponent(id)}`),
  audit: () => call<{ entries: AuditEntry[] }>('GET', '/api/audit').then((r) => r.entries),
}
