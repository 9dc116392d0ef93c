/**
 * The dashboard's roles, each able to do what the one before can and more (issue 28): `viewer`
 * reads results and exports without personal data; `responder` also works the inbox; `editor`
 * also edits, publishes and previews surveys; `admin` also manages alert endpoints, erasure and
 * users, and reads the audit log. Shared by the server and the dashboard.
 */
export const ROLES = ['viewer', 'responder', 'editor', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role)

/** Whether `role` may do what `needed` may. */
export const atLeast = (role: Role, needed: Role) => ROLES.indexOf(role) >= ROLES.indexOf(needed)

/** Who is signed in, as `GET /api/me` answers. */
export interface Me {
  name: string
  role: Role
  /**
   * The operator on this machine, without an account: the server has no `KOE_DASHBOARD_TOKEN`
   * and listens on loopback only. The editor asks for the author's name then.
   */
  local: boolean
}
