import type { SqlClient } from '../../collector/sql-store'
import type { AuditEntry } from '../../contract/accounts'
import type { Role } from '../../contract/roles'
import type { Actor } from './users'

export type { AuditEntry }

/** The audit log (issue 28): every change made through the API, by whom, kept with the answers. */
export function createAudit(sql: SqlClient) {
  return {
    async write(actor: Actor, action: string, target: string | undefined): Promise<void> {
      await sql.query(
        'INSERT INTO koe_audit (actor, role, action, target) VALUES ($1, $2, $3, $4)',
        [actor.name, actor.role, action, target ?? null],
      )
    },
    /** The latest entries first, `limit` at most, before entry `before` when given. */
    async list(limit = 100, before?: number): Promise<AuditEntry[]> {
      const { rows } = await sql.query<{
        id: string | number
        at: Date | string
        actor: string
        role: Role
        action: string
        target: string | null
      }>(
        `SELECT id, at, actor, role, action, target FROM koe_audit
         WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`,
        [before ?? null, Math.min(Math.max(1, limit), 1000)],
      )
      return rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at).toISOString() }))
    },
  }
}

export type Audit = ReturnType<typeof createAudit>
