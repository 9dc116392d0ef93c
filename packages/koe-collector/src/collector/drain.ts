import type { SqlClient } from './sql-store'

/**
 * Runs a paged SQL function (`sql` with `$1` the page size, answering one row whose `column`
 * says how many marks it took) until it takes less than a page: a large backlog is many short
 * statements, each leaving the database to others in between. Resolves the marks taken.
 */
export async function drain(
  client: SqlClient,
  sql: string,
  column: string,
  page: number,
): Promise<number> {
  let total = 0
  for (;;) {
    const { rows } = await client.query<Record<string, number>>(sql, [page])
    const taken = Number(rows[0]?.[column] ?? 0)
    total += taken
    if (taken < page) return total
  }
}
