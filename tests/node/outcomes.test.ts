// The loyalty loop on PGlite and PostgreSQL (issue 30): outcomes imported from the shop's backend,
// idempotent by order id, tied to the answers of the same person (across an anonymous answer and
// a later identified one), counted only strictly after the answer and within the window, and
// gone with the person's erasure. A known population gives exact counts; the intervals are
// koe/scoring's, whose coverage tests/node/outcome-intervals.test.ts measures.
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type {
  LoyaltyPerson,
  LoyaltyResult,
} from '../../packages/koe-collector/src/contract/loyalty'
import { createApp } from '../../packages/koe-collector/src/server/create-app'
import { createErasure } from '../../packages/koe-collector/src/server/erasure'
import { seedDemoCustomers } from '../../packages/koe-collector/src/server/seed-demo-customers'
import { compareProportions, wilson } from '../../src/scoring'
import { APP_FILES } from '../support/app-files'
import { responseRecord } from '../support/wire-records'
import { STORES, type TestStore } from './stores'

const DAY = 86_400_000
/** Every answer of the population is given at this moment. */
const ANSWERED = Date.parse('2026-10-01T12:00:00.000Z')
const at = (days: number) => new Date(ANSWERED + days * DAY).toISOString()

interface Person {
  userId: string
  score: number
  /** Purchases, in days after the answer (negative: before it), with their totals in cents. */
  purchases: [days: number, cents: number][]
}

/**
 * 100 promoters, 60 of whom buy again within 90 days (each for 5,000 cents, half of them twice,
 * half once on day 90, the window's last); 30 passives, 12 of whom do; 50 detractors, 10 of whom
 * do. Besides: 10 promoters and 5 detractors bought only before they answered, 5 detractors at the
 * very moment of their answer (not after it), and 5 promoters only on day 120, past the window.
 */
function population(): Person[] {
  const people: Person[] = []
  const add = (
    prefix: string,
    count: number,
    score: (i: number) => number,
    buys: (i: number) => Person['purchases'],
  ) => {
    for (let i = 0; i < count; i++)
      people.push({ userId: `${prefix}-${i}`, score: score(i), purchases: buys(i) })
  }
  add(
    'promoter',
    100,
    (i) => 9 + (i % 2),
    (i) =>
      i < 60
        ? i % 2 === 0
          ? [
              [3, 5_000],
              [40, 5_000],
            ]
          : [[90, 5_000]]
        : i < 70
          ? [[-2, 5_000]]
          : i < 75
            ? [[120, 5_000]]
            : [],
  )
  add(
    'passive',
    30,
    (i) => 7 + (i % 2),
    (i) => (i < 12 ? [[10, 3_000]] : []),
  )
  add(
    'detractor',
    50,
    (i) => i % 7,
    (i) => (i < 10 ? [[20, 2_000]] : i < 15 ? [[-30, 2_000]] : i < 20 ? [[0, 2_000]] : []),
  )
  return people
}

/** The NDJSON an order export makes of the population's purchases. */
const ndjson = (people: Person[]) =>
  people
    .flatMap((p) =>
      p.purchases.map(([days, cents], k) =>
        JSON.stringify({
          userId: p.userId,
          name: 'purchase',
          at: at(days),
          value: cents,
          currency: 'EUR',
          id: `order-${p.userId}-${k}`,
        }),
      ),
    )
    .join('\n')

describe.each(STORES)('the loyalty loop on %s', (_name, open) => {
  let db: TestStore
  let app: ReturnType<typeof createApp>
  beforeEach(async () => {
    db = await open()
    app = createApp({ store: db.store, sql: db.sql, ...APP_FILES })
  })
  afterEach(async () => {
    await db.close()
  })

  const post = async (body: string) => {
    const res = await app(
      new Request('http://127.0.0.1/api/outcomes', {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson' },
        body,
      }),
    )
    return { status: res.status, json: (await res.json()) as Record<string, unknown> }
  }
  const loyalty = async (query: string) => {
    const res = await app(new Request(`http://127.0.0.1/api/loyalty?${query}`))
    return { status: res.status, json: (await res.json()) as LoyaltyResult }
  }
  const answers = (people: Person[]) =>
    people.map((p) =>
      responseRecord({ userId: p.userId, score: p.score, createdAt: at(0), updatedAt: at(0) }),
    )

  it('counts who bought again after answering, per NPS group, with Wilson and Newcombe intervals', async () => {
    const people = population()
    await db.store.upsert(answers(people))
    const lines = ndjson(people)
    const imported = await post(lines)
    expect(imported.status).toBe(200)
    const purchases = lines.split('\n').length
    expect(imported.json).toEqual({ accepted: purchases, duplicates: 0, rejected: [] })

    const { status, json } = await loyalty('surveyId=post-purchase-nps&outcome=purchase&days=90')
    expect(status).toBe(200)
    expect(json.currencies).toEqual(['EUR'])
    const { promoter, passive, detractor } = json.groups
    expect(promoter).toMatchObject({ respondents: 100, converted: 60, rate: 0.6 })
    expect(passive).toMatchObject({ respondents: 30, converted: 12, rate: 0.4 })
    expect(detractor).toMatchObject({ respondents: 50, converted: 10, rate: 0.2 })
    expect(promoter.interval).toEqual(wilson(60, 100))
    expect(detractor.interval).toEqual(wilson(10, 50))
    // 30 promoters bought twice (10,000) and 30 once (5,000) in the window: 450,000 over 100.
    expect(promoter.valuePerRespondent).toBe(4_500)
    expect(detractor.valuePerRespondent).toBe(400)
    const [low, high] = promoter.valueInterval as [number, number]
    expect(low).toBeLessThan(4_500)
    expect(high).toBeGreaterThan(4_500)
    const expected = compareProportions({ count: 60, n: 100 }, { count: 10, n: 50 })
    expect(json.difference.value).toBeCloseTo(0.4, 12)
    expect(json.difference.interval).toEqual(expected.interval)
    expect(json.difference.verdict).toBe('+40 points, likely real')
    expect(json.valueDifference.value).toBe(4_100)
    expect(json.names).toEqual(['purchase'])
    // Who had bought again by each day: half the converted promoters on day 3, the rest on day 90.
    expect(json.curve.promoter).toHaveLength(90)
    expect(json.curve.promoter.slice(0, 4)).toEqual([0, 0, 0.3, 0.3])
    expect(json.curve.promoter.slice(88)).toEqual([0.3, 0.6])
    expect(json.curve.detractor.slice(18, 20)).toEqual([0, 0.2])

    // The matrix's cell to call first: the detractors who bought again, each with their order.
    const cell = await app(
      new Request(
        'http://127.0.0.1/api/loyalty/people?outcome=purchase&days=90&group=detractor&converted=true',
      ),
    )
    const { people: spurious } = (await cell.json()) as { people: LoyaltyPerson[] }
    expect(spurious.map((p) => p.userId).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `detractor-${i}`).sort(),
    )
    expect(spurious.every((p) => p.outcomes === 1 && p.value === 2_000 && p.score <= 6)).toBe(true)
    const stayedAway = await app(
      new Request(
        'http://127.0.0.1/api/loyalty/people?outcome=purchase&days=90&group=promoter&converted=false',
      ),
    )
    expect(((await stayedAway.json()) as { people: unknown[] }).people).toHaveLength(40)
    expect(
      (await app(new Request('http://127.0.0.1/api/loyalty/people?outcome=purchase&group=fan')))
        .status,
    ).toBe(400)

    // A window of 130 days takes the five who bought on day 120.
    const longer = await loyalty('outcome=purchase&days=130')
    expect(longer.json.groups.promoter.converted).toBe(65)
  })

  it('imports idempotently, refuses bad lines by number and keeps the good ones', async () => {
    const people = population().slice(0, 3)
    await db.store.upsert(answers(people))
    const lines = ndjson(people)
    const first = await post(lines)
    const again = await post(`${lines}\n${lines}`)
    const count = lines.split('\n').length
    expect(first.json.accepted).toBe(count)
    expect(again.json).toEqual({ accepted: 0, duplicates: 2 * count, rejected: [] })
    const bad = await post(
      [
        JSON.stringify({ userId: 'x', name: 'Purchase!', at: at(1), id: 'o-1' }),
        'not json',
        JSON.stringify({ name: 'purchase', at: at(1), id: 'o-2' }),
        JSON.stringify({ userId: 'x', name: 'purchase', at: '2026-02-30T00:00:00Z', id: 'o-3' }),
        JSON.stringify({ userId: 'x', name: 'purchase', at: at(1), id: 'o-4', value: 'ten' }),
        JSON.stringify({ userId: 'x', name: 'purchase', at: at(1), id: 'o-5', currency: 'euro' }),
        JSON.stringify({ userId: 'x\u0000', name: 'purchase', at: at(1), id: 'o-6' }),
        '',
        JSON.stringify({
          anonymousId: 'device-9',
          name: 'refund',
          at: at(1),
          id: 'o-7',
          note: 'free text is dropped',
        }),
      ].join('\n'),
    )
    expect(bad.status).toBe(200)
    expect(bad.json.accepted).toBe(1)
    expect((bad.json.rejected as { line: number }[]).map((r) => r.line)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ])
    const { rows } = await db.sql.query('SELECT * FROM koe_outcomes WHERE external_id = $1', [
      'o-7',
    ])
    expect(JSON.stringify(rows)).not.toContain('free text')
  })

  it('counts an answer given anonymously and a later identified one as one person', async () => {
    // Answered anonymously on a device, then (after identify) another survey on it with a user id.
    const device = '0195c000-0000-7000-8000-000000000001'
    await db.store.upsert([
      responseRecord({ anonymousId: device, score: 10, createdAt: at(0), updatedAt: at(0) }),
      responseRecord({
        surveyId: 'support-nps',
        userId: 'u-anon',
        anonymousId: device,
        score: 9,
        createdAt: at(1),
        updatedAt: at(1),
      }),
    ])
    // The shop knows the customer by user id only.
    await post(JSON.stringify({ userId: 'u-anon', name: 'purchase', at: at(5), id: 'o-anon' }))
    const one = await loyalty('surveyId=post-purchase-nps&outcome=purchase')
    expect(one.json.groups.promoter).toMatchObject({ respondents: 1, converted: 1 })
    // Across both surveys it is one respondent, counted once from the latest answer.
    const all = await loyalty('outcome=purchase')
    expect(all.json.groups.promoter).toMatchObject({ respondents: 1, converted: 1 })
    expect(all.json.difference.verdict).toBe('not enough answers yet to tell')
  })

  it('erases a person’s outcomes with them, and a re-import stores none of them again', async () => {
    const people = population().slice(0, 2)
    await db.store.upsert(answers(people))
    const lines = ndjson(people)
    await post(lines)
    const report = await createErasure(db.sql).erase('userId', 'promoter-0')
    expect(report.outcomes).toBe(2)
    const left = async () =>
      (await db.sql.query<{ user_id: string }>('SELECT user_id FROM koe_outcomes')).rows.map(
        (r) => r.user_id,
      )
    expect(await left()).toEqual(['promoter-1'])
    // The shop's nightly export still lists the erased person's orders: taken, never stored.
    const again = await post(lines)
    expect(again.json).toMatchObject({ accepted: 2, duplicates: 1 })
    expect(await left()).toEqual(['promoter-1'])
  })

  it('stores outcomes the page sends with its answers, once per order, with the shop’s export', async () => {
    const device = '0195c000-0000-7000-8000-0000000000aa'
    const record = (id: string, extra: Record<string, unknown>) => ({
      id,
      kind: 'outcome',
      name: 'purchase',
      createdAt: at(4),
      anonymousId: device,
      ...extra,
    })
    const collect = async (...records: unknown[]) => {
      const res = await app(
        new Request('http://127.0.0.1/collect', {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ v: 1, sentAt: at(4), records }),
        }),
      )
      return { status: res.status, json: (await res.json()) as Record<string, unknown> }
    }
    const answer = responseRecord({
      anonymousId: device,
      score: 10,
      createdAt: at(0),
      updatedAt: at(0),
    })
    const batch = [
      answer,
      record('0195c000-0000-7000-8000-0000000000b1', {
        value: 4_980,
        currency: 'EUR',
        externalId: 'A-1',
      }),
      // Without an order id, the record's own id keys it.
      record('0195c000-0000-7000-8000-0000000000b2', { value: 1_000, currency: 'EUR' }),
      // Refused alone: an outcome's name is a-z 0-9 _ . : -.
      record('0195c000-0000-7000-8000-0000000000b3', { name: 'Big Purchase' }),
    ]
    const first = await collect(...batch)
    expect(first.status).toBe(200)
    expect(first.json).toMatchObject({ accepted: 3, duplicates: 0 })
    expect(first.json.rejected).toEqual([
      {
        id: '0195c000-0000-7000-8000-0000000000b3',
        error: expect.stringContaining('.name must be'),
      },
    ])
    // A retried batch changes nothing; the shop's export of order A-1 is the same purchase.
    expect((await collect(...batch.slice(0, 3))).json).toMatchObject({ accepted: 0, duplicates: 3 })
    const imported = await post(
      JSON.stringify({ anonymousId: device, name: 'purchase', at: at(4), id: 'A-1', value: 4_980 }),
    )
    expect(imported.json).toMatchObject({ accepted: 0, duplicates: 1 })
    const { rows } = await db.sql.query<{
      external_id: string
      value: number
      anonymous_id: string
    }>('SELECT external_id, value, anonymous_id FROM koe_outcomes ORDER BY value')
    expect(rows).toEqual([
      { external_id: '0195c000-0000-7000-8000-0000000000b2', value: 1_000, anonymous_id: device },
      { external_id: 'A-1', value: 4_980, anonymous_id: device },
    ])
    const view = await loyalty('outcome=purchase')
    expect(view.json.groups.promoter).toMatchObject({
      respondents: 1,
      converted: 1,
      valuePerRespondent: 5_980,
    })
    // An erased device's outcomes are taken and never stored again, whatever it retries.
    await createErasure(db.sql).erase('anonymousId', device)
    expect((await collect(...batch.slice(1, 3))).json).toMatchObject({ accepted: 2, duplicates: 0 })
    expect((await db.sql.query('SELECT 1 FROM koe_outcomes')).rows).toHaveLength(0)
  })

  it('takes 100,000 lines in one request and refuses 100,001, storing none of them', async () => {
    const line = (i: number) =>
      JSON.stringify({ userId: 'u', name: 'visit', at: at(1), id: `v-${i}` })
    const lines = Array.from({ length: 100_001 }, (_, i) => line(i))
    const refused = await post(lines.join('\n'))
    expect(refused.status).toBe(413)
    expect(refused.json.error).toContain('at most 100000 lines')
    const { rows } = await db.sql.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM koe_outcomes',
    )
    expect(Number(rows[0]?.n)).toBe(0)
    const taken = await post(`${lines.slice(1).join('\n')}\n`)
    expect(taken.json).toMatchObject({ accepted: 100_000, duplicates: 0 })
  }, 120_000)

  it('answers bad queries with 400 and sums no mixed currencies', async () => {
    expect((await loyalty('days=90')).status).toBe(400)
    expect((await loyalty('outcome=purchase&days=0')).status).toBe(400)
    expect((await loyalty('outcome=purchase&days=1e3')).status).toBe(400)
    expect((await loyalty('outcome=purchase&from=yesterday')).status).toBe(400)
    const people = population().slice(0, 1)
    await db.store.upsert(answers(people))
    await post(
      [
        JSON.stringify({
          userId: 'promoter-0',
          name: 'purchase',
          at: at(1),
          id: 'a',
          value: 100,
          currency: 'EUR',
        }),
        JSON.stringify({
          userId: 'promoter-0',
          name: 'purchase',
          at: at(2),
          id: 'b',
          value: 100,
          currency: 'JPY',
        }),
      ].join('\n'),
    )
    const mixed = await loyalty('outcome=purchase')
    expect(mixed.json.currencies).toEqual(['EUR', 'JPY'])
    expect(mixed.json.groups.promoter.valuePerRespondent).toBeNull()
    const euros = await loyalty('outcome=purchase&currency=EUR')
    expect(euros.json.groups.promoter.valuePerRespondent).toBe(100)
  })

  it('seeds the demo’s returning customers once, into an empty database, where promoters come back', async () => {
    expect(await seedDemoCustomers(db.store, db.sql)).toBe(240)
    expect(await seedDemoCustomers(db.store, db.sql)).toBe(0)
    const { json } = await loyalty('surveyId=post-purchase-nps&outcome=purchase&days=90')
    const { promoter, detractor } = json.groups
    expect(promoter.respondents + json.groups.passive.respondents + detractor.respondents).toBe(240)
    expect(promoter.rate as number).toBeGreaterThan(detractor.rate as number)
    expect(json.difference.verdict).toMatch(/^\+\d+ points, likely real$/)
    // docs/guide/loyalty.md walks through these very numbers.
    const guide = readFileSync(new URL('../../docs/guide/loyalty.md', import.meta.url), 'utf8')
    const pct = (x: number) => (100 * x).toFixed(1)
    for (const g of [promoter, detractor]) {
      const [lo, hi] = g.interval as [number, number]
      expect(guide).toContain(`${g.respondents} |`)
      expect(guide).toContain(`${pct(g.rate as number)} % (${pct(lo)} … ${pct(hi)} %)`)
      expect(guide).toContain(`€${((g.valuePerRespondent as number) / 100).toFixed(2)}`)
    }
    expect(guide).toContain(`**${json.difference.verdict}**`)
    const [lo, hi] = json.difference.interval as [number, number]
    expect(guide).toContain(`(95 %: ${pct(lo)} … ${pct(hi)} points)`)
    expect(guide).toContain(`{ count: ${promoter.converted}, n: ${promoter.respondents} }`)
    const [plo, phi] = promoter.interval as [number, number]
    expect(guide).toContain(`// [${plo.toFixed(4)}, ${phi.toFixed(4)}]`)
    expect(guide).toContain(`interval: [${lo.toFixed(4)}, ${hi.toFixed(4)}] }`)
  })

  it('compares CES bands too: easy − hard, and lists a band’s people', async () => {
    // 40 easy answers (6 of 7), 24 of whom buy again; 30 hard ones (2 of 7), 6 of whom do.
    const people = [
      ...Array.from({ length: 40 }, (_, i) => ({ id: `easy-${i}`, score: 6, buys: i < 24 })),
      ...Array.from({ length: 30 }, (_, i) => ({ id: `hard-${i}`, score: 2, buys: i < 6 })),
    ]
    await db.store.upsert(
      people.map((p) =>
        responseRecord({
          surveyId: 'support-ces',
          type: 'ces',
          scale: 7,
          score: p.score,
          userId: p.id,
          createdAt: at(0),
          updatedAt: at(0),
        }),
      ),
    )
    await post(
      people
        .filter((p) => p.buys)
        .map((p) => JSON.stringify({ userId: p.id, name: 'purchase', at: at(7), id: `o-${p.id}` }))
        .join('\n'),
    )
    const ces = (await loyalty('type=ces&outcome=purchase')).json as unknown as LoyaltyResult<
      'easy' | 'neutral' | 'hard'
    >
    expect(ces.type).toBe('ces')
    expect(Object.keys(ces.groups).sort()).toEqual(['easy', 'hard', 'neutral'])
    expect(ces.groups.easy).toMatchObject({ respondents: 40, converted: 24, rate: 0.6 })
    expect(ces.groups.hard).toMatchObject({ respondents: 30, converted: 6, rate: 0.2 })
    expect(ces.groups.neutral.respondents).toBe(0)
    expect(ces.difference.value).toBeCloseTo(0.4, 12)
    expect(ces.difference.verdict).toBe('+40 points, likely real')
    // The NPS view of the same data has nobody: these were CES answers.
    const nps = await loyalty('outcome=purchase')
    expect(nps.json.groups.promoter.respondents).toBe(0)
    const cell = await app(
      new Request(
        'http://127.0.0.1/api/loyalty/people?type=ces&outcome=purchase&group=hard&converted=true',
      ),
    )
    expect(((await cell.json()) as { people: LoyaltyPerson[] }).people).toHaveLength(6)
    expect((await loyalty('type=csat&outcome=purchase')).status).toBe(400)
  })
})
