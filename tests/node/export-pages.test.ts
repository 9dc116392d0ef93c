// Exports read keyset pages from the (created_at, id) index (issue 27). Each page used to sort
// every later row by the text of its time: a 200,000-record export took 14 s of database and
// held `/collect` for up to 2 s (the numbers are the note's, from a probe; this test checks the
// plan, which decides them).
import { describe, expect, it } from 'vitest'
import { createSqlStore, type SqlClient } from '../../packages/koe-collector/src/collector'
import { STORES } from './stores'

describe.each(STORES)('export pages on %s', (_name, open) => {
  it('are read from the (created_at, id) index in order, with no sort of the rest', async () => {
    const db = await open()
    try {
      await db.sql.query(
        `INSERT INTO koe_records (id, kind, survey_id, type, score, created_at, updated_at, record)
         SELECT gen_random_uuid(), 'response', 's', 'nps', g % 11, now() - g * interval '1 second',
                now(), jsonb_build_object('kind', 'response', 'score', g % 11)
         FROM generate_series(1, 5000) g`,
      )
      await db.sql.query('ANALYZE koe_records')
      const pageQueries: { sql: string; params: unknown[] }[] = []
      const spying: SqlClient = {
        query: (sql, params = []) => {
          if (sql.includes('FROM koe_records AS r')) pageQueries.push({ sql, params })
          return db.sql.query(sql, params)
        },
      }
      const store = createSqlStore(db.sql, { readClient: spying })
      let read = 0
      for await (const page of store.recordPages({}, 100)) {
        read += page.length
        if (read >= 300) break
      }
      const second = pageQueries[1] as { sql: string; params: unknown[] }
      const { rows } = await db.sql.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN ${second.sql}`,
        second.params,
      )
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n')
      expect(plan).toContain('koe_records_created_id')
      expect(plan).not.toMatch(/\bSort\b/)
    } finally {
      await db.close()
    }
  })
})
