// The loyalty view's kept tables (issue 30, collector/loyalty-sql.ts) against the records and
// outcomes themselves, on PGlite and PostgreSQL. A random population changes round by round as a
// collector's data does: answers in batches (anonymous, identified, on a device later seen with
// another user), a changed score, outcomes by user id and by device, erasures of a user and of a
// device, retention. After each round every view — totals, rows in a range, and each cell's people
// — must equal what the raw tables give, and the totals kept step by step must equal a rebuild.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type {
  LoyaltyGroup,
  LoyaltyQuery,
  LoyaltyResult,
  LoyaltyType,
} from '../../packages/koe-collector/src/contract/loyalty'
import { createErasure } from '../../packages/koe-collector/src/server/erasure'
import { createOutcomes } from '../../packages/koe-collector/src/server/outcomes'
import type { ResponseRecord } from '../../src/scoring/wire'
import { responseRecord } from '../support/wire-records'
import { STORES, type TestStore } from './stores'

const DAY = 86_400_000

/** A small seeded generator (mulberry32), so that a failure replays. */
function random(seed: number) {
  let a = seed
  const next = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
  }
}

const USERS = Array.from({ length: 14 }, (_, i) => `user-${i}`)
const DEVICES = Array.from({ length: 18 }, (_, i) => `device-${i}`)
const SURVEYS = { nps: ['post-purchase-nps', 'support-nps'], ces: ['checkout-ces'] } as const

/**
 * A result as two ways of summing compare: counts exact, values (and their intervals) to six
 * decimals when `near` (the totals sum in numeric, the raw tables in floating point).
 */
const comparable = (result: LoyaltyResult<LoyaltyGroup>, near = false) => {
  const value = (v: number) => (near ? expect.closeTo(v, 6) : v)
  return {
    groups: Object.fromEntries(
      Object.entries(result.groups).map(([group, g]) => [
        group,
        {
          respondents: g.respondents,
          converted: g.converted,
          value: g.valuePerRespondent === null ? null : value(g.valuePerRespondent),
          spread: g.valueInterval === null ? null : g.valueInterval.map(value),
        },
      ]),
    ),
    curve: result.curve,
    names: result.names,
    currencies: result.currencies,
  }
}

describe.each(STORES)('the loyalty tables on %s', (_name, open) => {
  let db: TestStore
  beforeEach(async () => {
    db = await open()
  })
  afterEach(async () => {
    await db.close()
  })

  it('give what the records and outcomes give, round after round, and what a rebuild gives', async () => {
    const rand = random(30)
    const outcomes = createOutcomes(db.sql)
    // Over the last 200 days, to the millisecond, so that times fall anywhere in a day.
    const now = Date.now()
    const someTime = () => new Date(now - rand.next() * 200 * DAY).toISOString()
    const given: ResponseRecord[] = []
    let orders = 0

    const answer = (): ResponseRecord => {
      const type = rand.pick(['nps', 'nps', 'ces'] as const)
      const who = rand.int(3)
      const at = someTime()
      return responseRecord({
        surveyId: rand.pick(SURVEYS[type]),
        type,
        ...(type === 'ces' ? { scale: 7, score: 1 + rand.int(7) } : { score: rand.int(11) }),
        // A guest's device, a signed-in customer on a device, a customer known by user id only.
        ...(who === 0 ? { anonymousId: rand.pick(DEVICES) } : {}),
        ...(who === 1 ? { userId: rand.pick(USERS), anonymousId: rand.pick(DEVICES) } : {}),
        ...(who === 2 ? { userId: rand.pick(USERS) } : {}),
        createdAt: at,
        updatedAt: at,
      })
    }
    const importOutcomes = async (count: number) => {
      const lines = Array.from({ length: count }, () => {
        const byDevice = rand.int(4) === 0
        return JSON.stringify({
          ...(byDevice ? { anonymousId: rand.pick(DEVICES) } : { userId: rand.pick(USERS) }),
          name: rand.pick(['purchase', 'purchase', 'refund']),
          at: someTime(),
          // Some without a value, some without a currency: counts, not amounts.
          ...(rand.int(5) === 0 ? {} : { value: 100 * (1 + rand.int(90)) }),
          ...(rand.int(6) === 0 ? {} : { currency: 'EUR' }),
          id: `order-${orders++}`,
        })
      })
      const imported = await outcomes.importLines(lines.join('\n'))
      expect(imported).toMatchObject({ rejected: [] })
    }
    const store = async (records: ResponseRecord[]) => {
      await db.store.upsert(records)
      given.push(...records)
    }

    const queries = (): LoyaltyQuery[] => {
      const list: LoyaltyQuery[] = []
      for (const type of ['nps', 'ces'] as LoyaltyType[])
        for (const surveyId of [undefined, SURVEYS[type][0]])
          for (const outcome of ['purchase', 'refund'])
            for (const days of [1, 45, 3650]) list.push({ type, surveyId, outcome, days })
      return list
    }
    const check = async (round: string) => {
      for (const query of queries()) {
        const raw = comparable(await outcomes.loyalty(query, 'raw'), true)
        expect(comparable(await outcomes.loyalty(query, 'totals')), `${round} totals`).toEqual(raw)
        expect(comparable(await outcomes.loyalty(query, 'rows')), `${round} rows`).toEqual(raw)
      }
      // A range: answers of the last 100 days up to 10 days ago, their people's latest there.
      const ranged: LoyaltyQuery = {
        outcome: 'purchase',
        days: 30,
        from: new Date(now - 100 * DAY).toISOString(),
        until: new Date(now - 10 * DAY).toISOString(),
      }
      expect(comparable(await outcomes.loyalty(ranged)), `${round} range`).toEqual(
        comparable(await outcomes.loyalty(ranged, 'raw'), true),
      )
      for (const group of ['detractor', 'passive', 'promoter'] as const)
        for (const converted of [true, false]) {
          const query: LoyaltyQuery = { outcome: 'purchase', days: 45 }
          expect(
            await outcomes.people(query, group, converted),
            `${round} ${group} ${converted}`,
          ).toEqual(await outcomes.people(query, group, converted, 200, 'raw'))
        }
    }
    /** The totals, without the rows that sum to nothing. */
    const totals = async () => ({
      respondents: (
        await db.sql.query(
          'SELECT type, survey_id, grp, n::int FROM koe_loyalty_respondents WHERE n <> 0 ORDER BY 1, 2, 3',
        )
      ).rows,
      days: (
        await db.sql.query(
          `SELECT type, survey_id, name, grp, day, converted::int, value::float8, squares::float8
           FROM koe_loyalty_days WHERE converted <> 0 OR value <> 0 OR squares <> 0
           ORDER BY 1, 2, 3, 4, 5`,
        )
      ).rows,
    })

    await store(Array.from({ length: 40 }, answer))
    await importOutcomes(120)
    await check('first answers and outcomes')

    // More of both, in several batches, the way a collector receives them.
    for (let batch = 0; batch < 3; batch++) {
      await store(Array.from({ length: 10 }, answer))
      await importOutcomes(30)
    }
    await check('more batches')

    // A customer changes their score (a later version of the same answer), from any group.
    const changed = given.slice(0, 6).map((r) => ({
      ...r,
      score: r.type === 'ces' ? 7 - ((r.score as number) % 7) : 10 - (r.score as number),
      updatedAt: new Date(Date.parse(r.updatedAt) + 1000).toISOString(),
    }))
    await store(changed)
    // A device seen with a user (its guest answers and outcomes are theirs), later with another.
    const shared = 'device-0'
    const seen = Date.parse(someTime())
    await store([
      responseRecord({
        userId: 'user-1',
        anonymousId: shared,
        score: 9,
        createdAt: new Date(seen).toISOString(),
        updatedAt: new Date(seen).toISOString(),
      }),
    ])
    await check('a changed score and a device tied to a user')
    await store([
      responseRecord({
        userId: 'user-2',
        anonymousId: shared,
        score: 2,
        createdAt: new Date(seen + DAY).toISOString(),
        updatedAt: new Date(seen + DAY).toISOString(),
      }),
    ])
    await check('the device seen with another user')

    const erasure = createErasure(db.sql)
    const naming = async (id: string) =>
      (
        await db.sql.query(
          `SELECT 'answer' FROM koe_loyalty_answers WHERE $1 IN (user_id, person)
           UNION ALL SELECT 'device' FROM koe_loyalty_devices WHERE user_id = $1
           UNION ALL SELECT 'mark' FROM koe_loyalty_dirty WHERE key = $1`,
          [id],
        )
      ).rows
    expect((await naming('user-2')).length).toBeGreaterThan(0)
    await erasure.erase('userId', 'user-2')
    await check('a user erased')
    // Nothing of the loyalty tables names them any more (the view's read worked out the marks).
    expect(await naming('user-2')).toEqual([])
    await erasure.erase('anonymousId', 'device-3')
    await check('a device erased')
    await erasure.expire(120)
    await check('retention')

    // What was kept step by step is what a rebuild from scratch gives.
    const kept = await totals()
    expect(kept.days.length).toBeGreaterThan(0)
    await db.sql.query('SELECT koe_loyalty_rebuild()')
    expect(await totals()).toEqual(kept)
  }, 120_000)

  it('catch up with an import that touched most customers by one rebuild, to exact numbers', async () => {
    const outcomes = createOutcomes(db.sql)
    const now = Date.now()
    const customers = 6_000
    // Customer i answered (10 + i % 50) days ago with the score i % 11 and bought (i % 60) days ago.
    const answered = (i: number) => 10 + (i % 50)
    const bought = (i: number) => i % 60
    await db.store.upsert(
      Array.from({ length: customers }, (_, i) =>
        responseRecord({
          userId: `c-${i}`,
          score: i % 11,
          createdAt: new Date(now - answered(i) * DAY).toISOString(),
          updatedAt: new Date(now - answered(i) * DAY).toISOString(),
        }),
      ),
    )
    const query: LoyaltyQuery = { outcome: 'purchase', days: 30 }
    await outcomes.loyalty(query)
    // An order export naming every customer: more marks than a page of them, and than a fifth
    // of the answers.
    const lines = Array.from({ length: customers }, (_, i) =>
      JSON.stringify({
        userId: `c-${i}`,
        name: 'purchase',
        at: new Date(now - bought(i) * DAY).toISOString(),
        value: 1_000 + i,
        id: `order-${i}`,
      }),
    )
    await outcomes.importLines(lines.join('\n'))
    const marks = async () =>
      (await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM koe_loyalty_dirty'))
        .rows[0]?.n
    expect(await marks()).toBe(customers)
    const result = await outcomes.loyalty(query)
    expect(await marks()).toBe(0)
    // What the population says: bought after the answer and at most 30 days later.
    const blank = () => ({ respondents: 0, converted: 0, value: 0 })
    const expected = { detractor: blank(), passive: blank(), promoter: blank() }
    for (let i = 0; i < customers; i++) {
      const score = i % 11
      const group = expected[score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor']
      const after = answered(i) - bought(i)
      group.respondents += 1
      if (after > 0 && after <= 30) {
        group.converted += 1
        group.value += 1_000 + i
      }
    }
    for (const [group, { respondents, converted, value }] of Object.entries(expected))
      expect(result.groups[group as 'promoter'], group).toMatchObject({
        respondents,
        converted,
        valuePerRespondent: expect.closeTo(value / respondents, 6),
      })
    expect(result.groups.promoter.converted).toBeGreaterThan(0)
  }, 120_000)
})
