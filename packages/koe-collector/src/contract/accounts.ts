// The accounts part of the API (issue 28), as the server answers it and the dashboard reads it.
import type { Role } from './roles'

/** A user as the admin's list shows them (`GET /api/users`): never a token or a password. */
export interface UserView {
  id: string
  name: string
  role: Role
  hasPassword: boolean
  createdAt: string
  revokedAt: string | null
}

/** What `POST /api/users` answers, once: the new user and their API token. */
export interface AddedUser {
  id: string
  name: string
  role: Role
  token: string
}

/** One change, as `GET /api/audit` lists it. */
export interface AuditEntry {
  id: number
  at: string
  actor: string
  role: Role
  /** `survey.publish`, `erasure`, `user.add`… (server/accounts/route-roles.ts). */
  action: string
  /** What the change was made to (a survey id, an endpoint or user id); never an erased id. */
  target: string | null
}
