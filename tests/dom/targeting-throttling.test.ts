// Who is asked (targeting) and how often (throttling): the rules of issue 5, with fixed ids and
// a fixed clock.
import { describe, expect, it, vi } from 'vitest'
import type { Survey } from '../../src/config/survey'
import { createMemoryState } from '../../src/core/device-state'
import { createSharedState } from '../../src/core/shared-state'
import {
  audienceBlockers,
  deviceClass,
  samplePosition,
  type Visitor,
} from '../../src/triggers/targeting'
import { mergeThrottle, type ThrottleState, throttleBlockers } from '../../src/triggers/throttle'

const DAY = 86_400_000
const NOW = Date.parse('2026-11-23T00:00:00.000Z')
const visitor: Visitor = {
  path: '/shop/cart',
  anonymousId: '0193a1b2-0000-7000-8000-000000000001',
  attributes: { plan: 'pro', trial: false },
  locale: 'ja-JP',
  device: 'mobile',
}
const nps: Survey = { id: 'nps', type: 'nps', trigger: { event: 'x' } }

describe('targeting', () => {
  it('sample: sticky per visitor and survey, independent between surveys, close to the share', () => {
    expect(samplePosition('visitor-1', 'nps')).toBe(samplePosition('visitor-1', 'nps'))
    expect(samplePosition('visitor-1', 'nps')).not.toBe(samplePosition('visitor-1', 'ces'))
    const ids = Array.from({ length: 10_000 }, (_, i) => `0193a1b2-0000-7000-8000-${i}`)
    const inside = ids.filter(
      (id) =>
        audienceBlockers('nps', { sample: 0.3 }, { ...visitor, anonymousId: id }).length === 0,
    )
    expect(inside.length / ids.length).toBeGreaterThan(0.28)
    expect(inside.length / ids.length).toBeLessThan(0.32)
    // The same visitors every time: not re-rolled per page.
    const again = ids.filter(
      (id) =>
        audienceBlockers('nps', { sample: 0.3 }, { ...visitor, anonymousId: id }).length === 0,
    )
    expect(again).toEqual(inside)
  })

  it('sample 0 asks nobody, 1 everybody', () => {
    expect(audienceBlockers('nps', { sample: 0 }, visitor)).toHaveLength(1)
    expect(audienceBlockers('nps', { sample: 1 }, visitor)).toEqual([])
  })

  it('url include and exclude patterns', () => {
    expect(audienceBlockers('nps', { url: ['/shop/*'] }, visitor)).toEqual([])
    expect(audienceBlockers('nps', { url: ['/blog/*', { regex: '^/help' }] }, visitor)).toEqual([
      'path /shop/cart not in audience.url',
    ])
    expect(audienceBlockers('nps', { url: ['/shop/*'], excludeUrl: ['*/cart'] }, visitor)).toEqual([
      'path /shop/cart in audience.excludeUrl',
    ])
  })

  it('attributes from identify must be equal', () => {
    expect(audienceBlockers('nps', { attributes: { plan: 'pro', trial: false } }, visitor)).toEqual(
      [],
    )
    expect(audienceBlockers('nps', { attributes: { plan: 'team' } }, visitor)).toEqual([
      'attribute plan is not team',
    ])
    expect(
      audienceBlockers(
        'nps',
        { attributes: { plan: 'pro' } },
        { ...visitor, attributes: undefined },
      ),
    ).toHaveLength(1)
  })

  it('locale: a language matches its regional variants, case aside', () => {
    expect(audienceBlockers('nps', { locale: ['ja'] }, visitor)).toEqual([])
    expect(audienceBlockers('nps', { locale: ['JA-jp'] }, visitor)).toEqual([])
    expect(audienceBlockers('nps', { locale: ['en'] }, visitor)).toEqual([
      'locale ja-JP not in audience.locale',
    ])
    expect(audienceBlockers('nps', { locale: ['j'] }, visitor)).toHaveLength(1)
  })

  it('device class from the pointer and the width', () => {
    const win = (coarse: boolean, innerWidth: number) =>
      ({ innerWidth, matchMedia: () => ({ matches: coarse }) }) as unknown as Window
    expect(deviceClass(win(false, 390))).toBe('desktop')
    expect(deviceClass(win(true, 390))).toBe('mobile')
    expect(deviceClass(win(true, 1024))).toBe('tablet')
    expect(audienceBlockers('nps', { device: ['desktop', 'tablet'] }, visitor)).toEqual([
      'device mobile not in audience.device',
    ])
  })
})

describe('throttling', () => {
  const state = (history: ThrottleState['surveys'][string], lastShown?: number): ThrottleState => ({
    surveys: { nps: history },
    lastShown,
  })

  it('a survey never shown may show', () => {
    expect(throttleBlockers(nps, { surveys: {} }, NOW)).toEqual([])
  })

  it('recontactDays after an answer, 90 by default, and says when it ends', () => {
    const answered = state({ answered: NOW - 89 * DAY })
    expect(throttleBlockers(nps, answered, NOW, 0)).toEqual([
      `answered; recontactDays end ${new Date(NOW + DAY).toISOString()}`,
    ])
    expect(throttleBlockers(nps, state({ answered: NOW - 91 * DAY }), NOW, 0)).toEqual([])
    expect(
      throttleBlockers({ ...nps, recontactDays: 30 }, state({ answered: NOW - 31 * DAY }), NOW, 0),
    ).toEqual([])
  })

  it('dismissRecontactDays after a dismiss, 14 by default', () => {
    expect(throttleBlockers(nps, state({ dismissed: NOW - 13 * DAY }), NOW, 0)).toHaveLength(1)
    expect(throttleBlockers(nps, state({ dismissed: NOW - 15 * DAY }), NOW, 0)).toEqual([])
    expect(
      throttleBlockers(
        { ...nps, dismissRecontactDays: 1 },
        state({ dismissed: NOW - 2 * DAY }),
        NOW,
        0,
      ),
    ).toEqual([])
  })

  it('a display left unanswered counts as a dismiss (a tab closed, or shown in another tab)', () => {
    expect(throttleBlockers(nps, state({ shown: NOW - DAY, displays: 1 }), NOW, 0)).toEqual([
      `shown or dismissed; dismissRecontactDays end ${new Date(NOW + 13 * DAY).toISOString()}`,
    ])
  })

  it('maxDisplays counts every display, ever', () => {
    const old = state({ shown: NOW - 400 * DAY, displays: 2 })
    expect(throttleBlockers({ ...nps, maxDisplays: 3 }, old, NOW, 0)).toEqual([])
    expect(throttleBlockers({ ...nps, maxDisplays: 2 }, old, NOW, 0)).toEqual([
      'shown 2 times (maxDisplays 2)',
    ])
  })

  it('a global cool-down keeps any two surveys apart, 3 days by default', () => {
    const other: ThrottleState = { surveys: { ces: { shown: NOW - DAY } }, lastShown: NOW - DAY }
    expect(throttleBlockers(nps, other, NOW)).toEqual([
      `cool-down between surveys ends ${new Date(NOW + 2 * DAY).toISOString()}`,
    ])
    expect(throttleBlockers(nps, other, NOW, 0.5)).toEqual([])
  })

  it('two tabs merging their views: later times and higher counts win', () => {
    const a: ThrottleState = { surveys: { nps: { shown: 5, displays: 1 } }, lastShown: 5 }
    const b: ThrottleState = {
      surveys: { nps: { shown: 3, dismissed: 4, displays: 2 }, ces: { answered: 9 } },
      lastShown: 9,
    }
    expect(mergeThrottle(a, b)).toEqual({
      surveys: { nps: { shown: 5, dismissed: 4, displays: 2 }, ces: { answered: 9 } },
      lastShown: 9,
    })
    expect(mergeThrottle(b, a)).toEqual(mergeThrottle(a, b))
  })
})

describe('state shared by tabs', () => {
  /** A window with only the BroadcastChannel Node provides, as two tabs of one site. */
  const tab = () => ({ BroadcastChannel }) as unknown as Window

  it('a display noted in one tab reaches the other at once, without storage', async () => {
    const one = createSharedState(createMemoryState(), tab(), () => false)
    const two = createSharedState(createMemoryState(), tab(), () => false)
    // A page hears the other tabs once it has a survey that can show (issue 18).
    two.listen()
    await one.note('nps', 'shown', NOW)
    await vi.waitFor(() => expect(two.throttle().surveys.nps?.shown).toBe(NOW))
    expect(throttleBlockers(nps, two.throttle(), NOW + 1000)).not.toEqual([])
    one.close()
    two.close()
  })

  it('a foreign message on the channel is ignored, not thrown', async () => {
    const shared = createSharedState(createMemoryState(), tab(), () => false)
    shared.listen()
    const stranger = new BroadcastChannel('koe')
    const errors: unknown[] = []
    const onError = (e: unknown) => errors.push(e)
    process.on('uncaughtException', onError)
    stranger.postMessage({ throttle: { surveys: 'garbage' }, cart: 'full' })
    stranger.postMessage('hello')
    await new Promise((resolve) => setTimeout(resolve, 50))
    process.off('uncaughtException', onError)
    expect(errors).toEqual([])
    expect(shared.cart()).toEqual({ items: 0, checkedOut: false })
    expect(shared.throttle()).toEqual({ surveys: {} })
    stranger.close()
    shared.close()
  })

  it('with consent pending nothing is written; once granted, what the page learned is stored', async () => {
    const stored = createMemoryState()
    const set = vi.spyOn(stored, 'set')
    const update = vi.spyOn(stored, 'update')
    let granted = false
    const shared = createSharedState(stored, tab(), () => granted)
    await shared.note('nps', 'dismissed', NOW)
    await shared.setCart({ items: 2, checkedOut: false })
    expect(set).not.toHaveBeenCalled()
    expect(update).not.toHaveBeenCalled()
    granted = true
    await shared.store()
    expect(await stored.get('cart')).toEqual({ items: 2, checkedOut: false })
    expect(((await stored.get('throttle')) as ThrottleState).surveys.nps?.dismissed).toBe(NOW)
    // A later page reads it back.
    const next = createSharedState(stored, tab(), () => true)
    await next.load()
    expect(next.throttle().surveys.nps?.dismissed).toBe(NOW)
    shared.close()
    next.close()
  })
})
