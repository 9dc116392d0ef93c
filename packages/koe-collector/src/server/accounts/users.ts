import { randomUUID } from 'node:crypto'
import type { SqlClient } from '../../collector/sql-store'
import type { AddedUser, UserView } from '../../contract/accounts'
import { isRole, type Role } from '../../contract/roles'
import { hashPassword, MIN_PASSWORD_LENGTH, newSecret, secretHash, verifyPassword } from './secrets'

/** Someone the server knows: a user, or the bootstrap admin of `KOE_DASHBOARD_TOKEN`. */
export interface Actor {
  /** `null` for the bootstrap admin and for the local operator (loopback without a token). */
  id: string | null
  name: string
  role: Role
}

export type { UserView }

/** How long a dashboard sign-in lasts. */
export const SESSION_HOURS = 12
/** A name: what the audit log and the editor's history show. */
const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._@-]{0,63}$/u

interface UserRow {
  id: string
  name: string
  role: Role
  password_hash: string | null
  created_at: Date | string
  revoked_at: Date | string | null
}

const iso = (at: Date | string | null) => (at === null ? null : new Date(at).toISOString())
const view = (row: UserRow): UserView => ({
  id: row.id,
  name: row.name,
  role: row.role,
  hasPassword: row.password_hash !== null,
  createdAt: iso(row.created_at) as string,
  revokedAt: iso(row.revoked_at),
})

/** Why a new user or password was refused, in words for the caller. */
export type UserProblem = { error: string; status: 400 | 404 | 409 }

/**
 * The dashboard's users (issue 28): each has a role and a personal API token, and may have a
 * password for signing in to the dashboard. Only hashes are stored; a token is shown once, when
 * the user is added. A revoked user's token and sessions stop working at once.
 */
export function createUsers(sql: SqlClient) {
  const checkPassword = (password: unknown): string | null =>
    typeof password !== 'string' || [...password].length < MIN_PASSWORD_LENGTH
      ? `password must be ${MIN_PASSWORD_LENGTH} characters or more`
      : password.length > 1024
        ? 'password must be at most 1024 characters'
        : null

  return {
    /** Adds a user; answers its token, which is never shown again. */
    async add(name: unknown, role: unknown, password?: unknown): Promise<AddedUser | UserProblem> {
      if (typeof name !== 'string' || !NAME.test(name))
        return { error: 'name: 1 to 64 letters, digits, spaces or . _ @ -', status: 400 }
      if (!isRole(role))
        return { error: 'role must be one of viewer, responder, editor, admin', status: 400 }
      const problem = password === undefined ? null : checkPassword(password)
      if (problem) return { error: problem, status: 400 }
      const id = randomUUID()
      const token = newSecret('koe_')
      const passwordHash = password === undefined ? null : await hashPassword(password as string)
      const { rows } = await sql.query(
        `INSERT INTO koe_users (id, name, role, token_hash, password_hash)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING RETURNING id`,
        [id, name, role, secretHash(token), passwordHash],
      )
      if (!rows.length) return { error: `a user named "${name}" exists`, status: 409 }
      return { id, name, role, token }
    },

    async list(): Promise<UserView[]> {
      const { rows } = await sql.query<UserRow>(
        'SELECT id, name, role, password_hash, created_at, revoked_at FROM koe_users ORDER BY name',
      )
      return rows.map(view)
    },

    /** Revokes a user: their token and sessions stop working. False when there is no such user. */
    async revoke(id: string): Promise<boolean> {
      const { rows } = await sql.query(
        'UPDATE koe_users SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id',
        [id],
      )
      await sql.query('DELETE FROM koe_sessions WHERE user_id = $1', [id])
      return rows.length > 0
    },

    async setPassword(id: string, password: unknown): Promise<true | UserProblem> {
      const problem = checkPassword(password)
      if (problem) return { error: problem, status: 400 }
      const { rows } = await sql.query(
        'UPDATE koe_users SET password_hash = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
        [id, await hashPassword(password as string)],
      )
      // A new password ends the sessions of the old one.
      await sql.query('DELETE FROM koe_sessions WHERE user_id = $1', [id])
      return rows.length ? true : { error: 'no such user', status: 404 }
    },

    /** The user of a personal token: an {@link Actor}, `'revoked'`, or `null` for none. */
    async byToken(token: string): Promise<Actor | 'revoked' | null> {
      const { rows } = await sql.query<UserRow>(
        'SELECT id, name, role, revoked_at FROM koe_users WHERE token_hash = $1',
        [secretHash(token)],
      )
      const row = rows[0]
      if (!row) return null
      return row.revoked_at ? 'revoked' : { id: row.id, name: row.name, role: row.role }
    },

    /** Signs a user in with their password: a session id for the cookie, or `null`. */
    async signIn(name: unknown, password: unknown): Promise<string | null> {
      if (typeof name !== 'string' || typeof password !== 'string' || password.length > 1024)
        return null
      const { rows } = await sql.query<UserRow>(
        'SELECT id, password_hash FROM koe_users WHERE name = $1 AND revoked_at IS NULL',
        [name],
      )
      const row = rows[0]
      // The same work whether or not the name exists, so a guess cannot tell names apart by time.
      const ok = await verifyPassword(password, row?.password_hash ?? (await hashOfNobody()))
      if (!row?.password_hash || !ok) return null
      const session = newSecret('koes_')
      await sql.query(
        `INSERT INTO koe_sessions (token_hash, user_id, expires_at)
         VALUES ($1, $2, now() + make_interval(hours => $3))`,
        [secretHash(session), row.id, SESSION_HOURS],
      )
      await sql.query('DELETE FROM koe_sessions WHERE expires_at < now()')
      return session
    },

    /** The user of a session cookie, or `null` when it is unknown, expired or revoked. */
    async bySession(session: string): Promise<Actor | null> {
      const { rows } = await sql.query<UserRow>(
        `SELECT u.id, u.name, u.role FROM koe_sessions s JOIN koe_users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > now() AND u.revoked_at IS NULL`,
        [secretHash(session)],
      )
      const row = rows[0]
      return row ? { id: row.id, name: row.name, role: row.role } : null
    },

    async signOut(session: string): Promise<void> {
      await sql.query('DELETE FROM koe_sessions WHERE token_hash = $1', [secretHash(session)])
    },
  }
}

/** A hash no password matches, checked when the name is unknown (made once, when first needed). */
let unknownUserHash: Promise<string> | undefined
const hashOfNobody = () => {
  unknownUserHash ??= hashPassword(newSecret(''))
  return unknownUserHash
}

export type Users = ReturnType<typeof createUsers>
