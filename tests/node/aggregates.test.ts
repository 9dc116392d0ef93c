import { afterEach, describe, expect, it } from 'vitest'
import {
  type CountGrouping,
  type CountQuery,
  type CountRow,
  countRecords,
} from '../../packages/koe-collector/src/collector/counts'
import { localMidnight } from '../../packages/koe-collector/src/collector/sql-counts'
import type { ResponseRecord, SurveyRecord } from '../../src/scoring/wire'
import { recordMix, seeded } from '../support/record-mix'
import { STORES, type TestStore } from './stores'

/** Rows in one order, so that two sources can be compared. */
const sorted = (rows: CountRow[]) =>
  [...rows].sort((a, b) =>
    `${a.key}|${a.measure}|${a.score}` < `${b.key}|${b.measure}|${b.score}` ? -1 : 1,
  )

const groupings: CountGrouping[] = [
  { by: 'total' },
  { by: 'period', period: 'day' },
  { by: 'period', period: 'week' },
  { by: 'period', period: 'month' },
  { by: 'segment', dim: 'trigger' },
  { by: 'segment', dim: 'path' },
  { by: 'segment', dim: 'device' },
  { by: 'segment', dim: 'locale' },
  { by: 'segment', dim: 'attr:plan' },
  { by: 'segment', dim: 'attr:beta' },
  // A number is a measure, not a segment: no record is in it.
  { by: 'segment', dim: 'attr:spend' },
]

const queries: [CountQuery, 'rollup' | 'records'][] = [
  [{ surveyId: 'post-purchase-nps' }, 'rollup'],
  [{ surveyId: 'cart-ces' }, 'rollup'],
  [
    {
      surveyId: 'post-purchase-nps',
      from: '2026-11-01T00:00:00.000Z',
      until: '2026-11-15T00:00:00.000Z',
    },
    'rollup',
  ],
  [{ surveyId: 'post-purchase-nps', where: [{ dim: 'locale', value: 'ja' }] }, 'rollup'],
  [{ surveyId: 'cart-ces', where: [{ dim: 'attr:plan', value: 'pro' }] }, 'rollup'],
  // Not whole days, two dimensions, another zone: counted from the records.
  [{ surveyId: 'post-purchase-nps', from: '2026-11-01T12:30:00.000Z' }, 'records'],
  [
    {
      surveyId: 'post-purchase-nps',
      where: [
        { dim: 'trigger', value: 'cart_abandoned' },
        { dim: 'attr:beta', value: 'true' },
      ],
    },
    'records',
  ],
  [{ surveyId: 'cart-ces', timeZone: 'America/New_York' }, 'records'],
]

describe.each(STORES)('aggregates on %s (issue 15)', { timeout: 60_000 }, (_name, open) => {
  let db: TestStore | undefined
  afterEach(async () => {
    await db?.close()
    db = undefined
  })

  /** Every grouping of every query, against the JavaScript count of the same records. */
  async function expectCountsOf(records: SurveyRecord[], zone = 'UTC') {
    // The sources below assume whole days of UTC.
    if (!db) throw new Error('no store')
    for (const [query, source] of queries)
      for (const grouping of groupings) {
        const rows = await db.store.counts(query, grouping)
        const expected = countRecords(records, query, grouping, zone)
        expect(sorted(rows), `${JSON.stringify(query)} ${JSON.stringify(grouping)}`).toEqual(
          sorted(expected),
        )
        const twoDims =
          grouping.by === 'segment' && query.where?.some((c) => c.dim !== grouping.dim)
        if (zone === 'UTC') expect(db.store.lastSource()).toBe(twoDims ? 'records' : source)
      }
  }

  it('counts what koe/scoring counts, after new versions replace records and erasure deletes some', async () => {
    db = await open()
    const records = recordMix(1_500, 7)
    for (let i = 0; i < records.length; i += 250) await db.store.upsert(records.slice(i, i + 250))
    await expectCountsOf(records)

    // Later versions: a comment added, a score changed; and a retry of an older version.
    const random = seeded(3)
    const latest = new Map(records.map((r) => [r.id, r]))
    const responses = records.filter((r): r is ResponseRecord => r.kind === 'response')
    const changed = responses.slice(0, 200).map((r) => ({
      ...r,
      score: r.type === 'nps' ? random.int(11) : 1 + random.int(5),
      comment: 'changed my mind',
      updatedAt: new Date(Date.parse(r.updatedAt) + 60_000).toISOString(),
    }))
    for (const r of changed) latest.set(r.id, r)
    await db.store.upsert([...changed, ...responses.slice(0, 50)])
    // Erasure and retention delete rows: the rollup follows.
    const erased = records.slice(300, 400).map((r) => r.id)
    await db.sql.query('DELETE FROM koe_records WHERE id = ANY($1::uuid[])', [erased])
    for (const id of erased) latest.delete(id)
    await expectCountsOf([...latest.values()])
  })

  it('keeps days of the reporting zone, rebuilt when it changes', async () => {
    db = await open()
    const records = recordMix(600, 11)
    await db.store.upsert(records)
    await db.store.useTimeZone('Asia/Tokyo')
    expect(await db.store.zone()).toBe('Asia/Tokyo')
    // Whole days in Tokyo start at 15:00 UTC.
    const query = {
      surveyId: 'post-purchase-nps',
      from: '2026-10-31T15:00:00.000Z',
      until: '2026-11-14T15:00:00.000Z',
    }
    for (const grouping of groupings.slice(0, 5)) {
      const rows = await db.store.counts(query, grouping)
      expect(db.store.lastSource()).toBe('rollup')
      expect(sorted(rows)).toEqual(sorted(countRecords(records, query, grouping, 'Asia/Tokyo')))
    }
    // Ingest after the change lands on Tokyo days too.
    const more = recordMix(200, 12)
    await db.store.upsert(more)
    await expectCountsOf([...records, ...more], 'Asia/Tokyo')
    await expect(db.store.useTimeZone("UTC'; DROP TABLE koe_records; --")).rejects.toThrow(
      RangeError,
    )
  })

  it('takes a later version’s score and comment, but keeps where the first was asked', async () => {
    db = await open()
    const [first] = recordMix(40, 41).filter(
      (r): r is ResponseRecord => r.kind === 'response' && !!r.locale,
    )
    if (!first) throw new Error('no response in the mix')
    await db.store.upsert([first])
    const later = (fields: Partial<ResponseRecord>) => ({
      ...first,
      comment: 'later',
      updatedAt: new Date(Date.parse(first.updatedAt) + 1_000).toISOString(),
      ...fields,
    })
    // Another locale or page in a later version is not the same ask: nothing changes.
    for (const moved of [
      { locale: 'fr' },
      { url: 'https://elsewhere.example/' },
      { device: first.device === 'tablet' ? ('mobile' as const) : ('tablet' as const) },
    ])
      expect(await db.store.upsert([later(moved)])).toMatchObject({ accepted: 0, duplicates: 1 })
    expect(await db.store.upsert([later({ score: first.type === 'nps' ? 10 : 5 })])).toMatchObject({
      accepted: 1,
    })
    const stored = await db.store.records({ surveyId: first.surveyId })
    expect(stored).toEqual([later({ score: first.type === 'nps' ? 10 : 5 })])
    await expectCountsOf(stored)
  })

  it('pages an export through rows stored with microseconds without repeating any', async () => {
    db = await open()
    const records = recordMix(7, 40)
    await db.store.upsert(records)
    // Rows written by SQL (a backfill, the benchmark) may hold microseconds.
    await db.sql.query(
      "UPDATE koe_records SET created_at = created_at + interval '123 microseconds'",
    )
    const ids: string[] = []
    for await (const page of db.store.recordPages({}, 2)) ids.push(...page.map((r) => r.id))
    expect(ids.sort()).toEqual(records.map((r) => r.id).sort())
  })

  it('lists each dimension’s values, most records first', async () => {
    db = await open()
    await db.store.upsert(recordMix(400, 5))
    const dims = await db.store.dimensions('post-purchase-nps')
    expect(dims.map((d) => d.dim)).toEqual([
      'attr:beta',
      'attr:plan',
      'device',
      'locale',
      'path',
      'trigger',
    ])
    expect(dims.find((d) => d.dim === 'path')?.values.sort()).toEqual(['', '/', '/cart', '/thanks'])
  })
})

describe('localMidnight', () => {
  it('names the local day only at local midnight', () => {
    expect(localMidnight('2026-11-30T15:00:00.000Z', 'Asia/Tokyo')).toBe('2026-12-01')
    expect(localMidnight('2026-11-30T00:00:00.000Z', 'UTC')).toBe('2026-11-30')
    expect(localMidnight('2026-11-30T00:00:00.000Z', 'Asia/Tokyo')).toBeNull()
    expect(localMidnight('2026-11-30T00:00:00.001Z', 'UTC')).toBeNull()
  })
})
