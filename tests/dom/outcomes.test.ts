// Outcomes from the page (issue 30): `koe.outcome(name, { value, currency, id })` and events the
// config maps to outcomes go through the same durable queue and consent rules as answers, each a
// record the collector's validator accepts.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createKoe, type Koe, type KoeConfig } from '../../src'
import { createMemoryState } from '../../src/core/device-state'
import { createMemoryStorage } from '../../src/queue/memory-storage'
import { validateRecord } from '../../src/scoring/validate-batch'
import type { OutcomeRecord } from '../../src/scoring/wire'
import { scriptedFetch, settle } from './helpers'

let koe: Koe | undefined

afterEach(() => {
  koe?.destroy()
  koe = undefined
  vi.restoreAllMocks()
})

const AT = Date.UTC(2026, 11, 7, 9, 30)

function world(config: Partial<KoeConfig> = {}) {
  const storage = createMemoryStorage()
  const net = scriptedFetch()
  koe = createKoe(
    { endpoint: 'https://collect.example/koe', surveys: [], ...config },
    { fetch: net.fetch, storage, state: createMemoryState(), now: () => AT },
  )
  /** Every outcome the collector received or the queue still holds. */
  const outcomes = async () =>
    [
      ...net.batches.flatMap((b) => b.records),
      ...(await storage.list()).map((e) => e.record),
    ].filter((r): r is OutcomeRecord => r.kind === 'outcome')
  return { koe, net, storage, outcomes }
}

describe('koe.outcome', () => {
  it('queues a purchase with its value, currency, order id and the person, and delivers it', async () => {
    const { koe, net, outcomes } = world()
    koe.identify('u-7')
    koe.outcome('purchase', { value: 4_980, currency: 'EUR', id: 1001 })
    await settle()
    await koe.flush()
    const sent = net.batches.flatMap((b) => b.records)
    expect(sent).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        kind: 'outcome',
        name: 'purchase',
        value: 4_980,
        currency: 'EUR',
        externalId: '1001',
        userId: 'u-7',
        anonymousId: expect.any(String),
        createdAt: '2026-12-07T09:30:00.000Z',
      },
    ])
    // What the collector's validator accepts, unchanged.
    expect(validateRecord(sent[0])).toEqual({ ok: true, value: sent[0] })
    expect(await outcomes()).toHaveLength(1)
  })

  it('records nothing and says what it takes for a wrong name, value, currency or id', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { koe, outcomes } = world()
    koe.outcome('Big Purchase')
    koe.outcome('purchase', { value: Number.NaN })
    koe.outcome('purchase', { currency: 'euro' })
    koe.outcome('purchase', { id: '' })
    koe.outcome(42 as unknown as string)
    koe.outcome('purchase', { value: 10n as unknown as number })
    await settle()
    expect(await outcomes()).toEqual([])
    const messages = errors.mock.calls.map((call) => String(call[0]))
    expect(messages).toHaveLength(6)
    expect(messages[0]).toContain('koe.outcome() takes a name of 1..64 a-z 0-9 _ . : -')
    expect(messages[0]).toContain('got {"name":"Big Purchase"}')
    expect(messages[2]).toContain('"euro"')
    // A BigInt cannot be shown as JSON: the call fails, says so, and the page carries on.
    expect(messages[5]).toContain('koe.outcome() failed')
  })

  it('records a tracked event the config maps to an outcome, reading its properties', async () => {
    const { koe, outcomes } = world({
      outcomes: { purchase_completed: { name: 'purchase', value: 'total', id: 'orderId' } },
    })
    koe.track('purchase_completed', { total: 1_250, orderId: 'A-9', currency: 'JPY' })
    koe.track('add_to_cart', { total: 5 })
    await settle()
    expect(await outcomes()).toMatchObject([
      { kind: 'outcome', name: 'purchase', value: 1_250, externalId: 'A-9' },
    ])
    // The mapping names no currency property: none is read.
    expect((await outcomes())[0]?.currency).toBeUndefined()
  })

  it('refuses a config whose outcomes are not mapped to names, naming the field', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    world({ outcomes: { purchase_completed: 'purchase' } as unknown as KoeConfig['outcomes'] })
    expect(errors).toHaveBeenCalledTimes(1)
    expect(String(errors.mock.calls[0]?.[0])).toContain('"outcomes" must be')
  })

  it('keeps outcomes in memory while consent is pending, sends them once granted, none once denied', async () => {
    const { koe, net, storage, outcomes } = world({ consent: 'pending' })
    koe.outcome('purchase', { id: 'before-consent' })
    await settle()
    await koe.flush()
    expect(net.batches).toEqual([])
    expect(await storage.list()).toEqual([]) // nothing on the device before consent
    koe.setConsent('granted')
    await settle()
    await koe.flush()
    expect((await outcomes()).map((r) => r.externalId)).toEqual(['before-consent'])
    koe.setConsent('denied')
    koe.outcome('purchase', { id: 'after-denial' })
    await settle()
    expect((await outcomes()).map((r) => r.externalId)).toEqual(['before-consent'])
  })
})
