import { drain } from './drain'
import { LOYALTY_REBUILD_SQL, LOYALTY_REFRESH_PAGE, LOYALTY_REFRESH_SQL } from './loyalty-sql'
import type { SqlClient } from './sql-store'

/**
 * Above this many marks per stored answer, working everything out again is the faster way:
 * a refresh reads each marked person's outcomes where they lie (about 0.5 ms a person at 10⁷
 * outcomes), a rebuild reads every table once in order (about 0.15 ms an answer).
 */
const REBUILD_SHARE = 0.2

/**
 * Works out the loyalty rows of everyone marked (loyalty-sql.ts): page by page, or, after an
 * import that touched a large share of the customers, by one rebuild. Resolves the marks taken.
 */
export async function catchUpLoyalty(client: SqlClient): Promise<number> {
  const { rows } = await client.query<{ marked: string; answers: string }>(
    `SELECT (SELECT count(*) FROM koe_loyalty_dirty) AS marked,
            (SELECT greatest(reltuples, 0)::bigint FROM pg_class
             WHERE oid = 'koe_loyalty_answers'::regclass) AS answers`,
  )
  const marked = Number(rows[0]?.marked ?? 0)
  if (marked === 0) return 0
  if (marked > LOYALTY_REFRESH_PAGE && marked > REBUILD_SHARE * Number(rows[0]?.answers ?? 0))
    await client.query(LOYALTY_REBUILD_SQL)
  else await drain(client, LOYALTY_REFRESH_SQL, 'taken', LOYALTY_REFRESH_PAGE)
  // Every read counts the marks: after many, their dead rows would cost each read a scan of
  // pages that hold none (70 ms after 10⁶) until autovacuum came by.
  if (marked > LOYALTY_REFRESH_PAGE)
    await client.query('VACUUM koe_loyalty_dirty, koe_loyalty_respondents, koe_loyalty_days')
  return marked
}
