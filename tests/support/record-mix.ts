import { seededRandom } from '../../src/lib/seeded-random'
import type { ResponseRecord, SurveyRecord } from '../../src/scoring/wire'

/** A deterministic generator (src/lib/seeded-random.ts), so a failing mix can be rebuilt exactly. */
export function seeded(seed: number) {
  const next = seededRandom(seed)
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  }
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0')

/**
 * A realistic mix of records: two surveys (NPS, 5-point CES), displays, dismissals and
 * responses with the context the SDK sends (touchpoint, page, device, locale, attributes of
 * every type), some from older SDKs without context, over `days` days before `end`.
 */
export function recordMix(count: number, seed = 1, days = 60, end = Date.UTC(2026, 10, 30)) {
  const random = seeded(seed)
  const records: SurveyRecord[] = []
  for (let i = 0; i < count; i++) {
    const survey = random.pick([
      { surveyId: 'post-purchase-nps', type: 'nps' as const, scale: undefined },
      { surveyId: 'cart-ces', type: 'ces' as const, scale: 5 as const },
    ])
    const at = new Date(end - random.int(days * 86_400) * 1000).toISOString()
    const legacy = random.next() < 0.1
    const context = legacy
      ? {}
      : {
          trigger: random.pick(['purchase_completed', 'cart_abandoned', 'exit_intent']),
          locale: random.pick(['ja', 'en', 'en-GB']),
          url: random.pick([
            'https://shop.example/thanks',
            'https://shop.example/cart?step=2',
            'https://shop.example/',
          ]),
          device: random.pick(['mobile', 'desktop', 'tablet'] as const),
          attributes: {
            plan: random.pick(['free', 'pro']),
            beta: random.next() < 0.5,
            spend: random.int(10_000),
          },
          sdk: 'koe@0.1.0',
        }
    const id = `0195${hex(seed, 4)}-${hex(i >>> 16, 4)}-7000-8000-${hex(i, 12)}`
    const kind = random.pick(['display', 'display', 'dismiss', 'response', 'response'] as const)
    if (kind !== 'response') {
      records.push({ id, kind, surveyId: survey.surveyId, createdAt: at, ...context })
      continue
    }
    const score = survey.type === 'nps' ? random.int(11) : 1 + random.int(5)
    records.push({
      id,
      kind,
      surveyId: survey.surveyId,
      type: survey.type,
      ...(survey.scale ? { scale: survey.scale } : {}),
      score,
      createdAt: at,
      updatedAt: at,
      ...context,
      ...(random.next() < 0.3 ? { comment: random.pick(['速い', 'slow delivery', 'great']) } : {}),
    } as ResponseRecord)
  }
  return records
}
