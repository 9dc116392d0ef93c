import { randomUUID } from 'node:crypto'
import { seededRandom } from '../../../../src/lib/seeded-random'
import type { ResponseRecord } from '../../../../src/scoring/wire'
import type { SqlClient, SqlStore } from '../collector/sql-store'
import { createOutcomes } from './outcomes'

const DAY = 86_400_000
/** Customers of the demo shop who answered its post-purchase NPS in the last four months. */
const CUSTOMERS = 240
/** Of each NPS group, how many buy again within 90 days: the loyalty loop the page should show. */
const RETURNING = { promoter: 0.55, passive: 0.35, detractor: 0.15 }

/**
 * The demo's returning customers (issue 30), so that a newcomer's first `npm start` shows a
 * populated Results and Loyalty page: answers to the post-purchase NPS over the last 120 days and
 * the orders (in euro cents) the same customers placed before and after. Only into a database
 * that holds no answer and no outcome yet; resolves how many customers were added.
 */
export async function seedDemoCustomers(
  store: SqlStore,
  sql: SqlClient,
  now = Date.now(),
): Promise<number> {
  const { rows } = await sql.query<{ used: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM koe_records) OR EXISTS (SELECT 1 FROM koe_outcomes) AS used',
  )
  if (rows[0]?.used) return 0
  // Every fresh demo shows the same customers.
  const next = seededRandom(30)
  const answers: ResponseRecord[] = []
  const orders: string[] = []
  for (let i = 0; i < CUSTOMERS; i++) {
    const userId = `demo-customer-${String(i + 1).padStart(3, '0')}`
    const u = next()
    const score =
      u < 0.45
        ? 9 + Math.floor(next() * 2)
        : u < 0.75
          ? 7 + Math.floor(next() * 2)
          : Math.floor(next() * 7)
    const group = score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor'
    const answered = now - (10 + next() * 110) * DAY
    const at = new Date(answered).toISOString()
    answers.push({
      id: randomUUID(),
      kind: 'response',
      surveyId: 'post-purchase-nps',
      type: 'nps',
      score,
      createdAt: at,
      updatedAt: at,
      userId,
      locale: next() < 0.3 ? 'ja' : 'en',
      trigger: 'purchase_completed',
    })
    const order = (time: number, k: number) =>
      orders.push(
        JSON.stringify({
          userId,
          name: 'purchase',
          at: new Date(time).toISOString(),
          value: 1_800 + Math.round(next() * 60) * 100,
          currency: 'EUR',
          id: `demo-order-${i + 1}-${k}`,
        }),
      )
    // The order the survey followed, and the ones after it, which are what the page counts.
    order(answered - 60_000, 0)
    if (next() < RETURNING[group]) {
      const again = answered + (2 + next() * 80) * DAY
      if (again < now) order(again, 1)
      if (group === 'promoter' && next() < 0.4 && again + 20 * DAY < now) order(again + 20 * DAY, 2)
    }
  }
  await store.upsert(answers)
  await createOutcomes(sql).importLines(orders.join('\n'))
  return CUSTOMERS
}
