// Deciding when to ask, through createKoe: delays and route changes, one prompt at a time by
// priority, koe.show, explain, debug, consent, the survey file cache and the dataLayer bridge.
// Time is faked; storage is in memory.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createKoe, type Koe, type KoeConfig } from '../../src'
import type { Survey } from '../../src/config/survey'
import { createMemoryState, type DeviceState } from '../../src/core/device-state'
import { SURVEYS_FRESH_MS } from '../../src/core/load-surveys'
import { createMemoryStorage } from '../../src/queue/memory-storage'
import { promptOf, scriptedFetch } from './helpers'

const DAY = 86_400_000
let koe: Koe | undefined
let state: DeviceState

function start(
  surveys: Survey[] | string,
  config: Partial<KoeConfig> = {},
  fetch = scriptedFetch().fetch,
) {
  koe = createKoe(
    { endpoint: 'https://collect.example/koe', surveys, ...config },
    { fetch, storage: createMemoryStorage(), state, now: Date.now },
  )
  return koe
}
const shown = () =>
  [...document.querySelectorAll('[data-koe-survey]')].map((e) => e.getAttribute('data-koe-survey'))
const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms)
const close = async (id: string) => {
  promptOf(id).root?.querySelector<HTMLButtonElement>('button.close')?.click()
  await tick(10)
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-23T09:00:00.000Z') })
  history.replaceState(null, '', '/')
  state = createMemoryState()
})
afterEach(() => {
  koe?.destroy()
  koe = undefined
  document.body.replaceChildren()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('delays and routes', () => {
  it('a delayed pageview survey is cancelled when the route stops matching before it shows', async () => {
    history.replaceState(null, '', '/pricing')
    start([{ id: 'p', type: 'nps', trigger: { pageview: '/pricing', delay: 2000 } }])
    await tick(1000)
    history.pushState(null, '', '/home')
    await tick(2000)
    expect(shown()).toEqual([])
    history.pushState(null, '', '/pricing')
    await tick(2000)
    expect(shown()).toEqual(['p'])
  })

  it('a delayed survey whose audience.url stops matching is dropped too', async () => {
    start([
      { id: 'e', type: 'nps', trigger: { event: 'go', delay: 500 }, audience: { url: ['/'] } },
    ])
    await tick()
    koe?.track('go')
    history.pushState(null, '', '/elsewhere')
    await tick(600)
    expect(shown()).toEqual([])
  })
})

describe('one prompt at a time', () => {
  /** An event survey and a pageview survey for /pricing, to meet while one prompt is open. */
  const OPEN_AND_ROUTE: Survey[] = [
    { id: 'open', type: 'nps', trigger: { event: 'go' } },
    { id: 'route', type: 'nps', trigger: { pageview: '/pricing' } },
  ]

  it('without a cool-down, triggers firing while a prompt is open wait and show by priority, none lost', async () => {
    start(
      [
        { id: 'first', type: 'nps', trigger: { event: 'go' } },
        { id: 'low', type: 'nps', trigger: { event: 'go' }, priority: 1 },
        { id: 'high', type: 'nps', trigger: { event: 'go' }, priority: 9 },
      ],
      { cooldownDays: 0 },
    )
    await tick()
    koe?.track('go')
    await tick()
    expect(shown()).toEqual(['first'])
    await close('first')
    expect(shown()).toEqual(['high'])
    await close('high')
    expect(shown()).toEqual(['low'])
  })

  it('a trigger firing while a prompt is open meets the cool-down that prompt started (issue 27)', async () => {
    history.replaceState(null, '', '/pricing')
    start(OPEN_AND_ROUTE)
    await tick()
    // 'route' fired on load and shows; 'open' fires while it is open.
    koe?.track('go')
    await tick()
    expect(shown()).toEqual(['route'])
    await close('route')
    await tick(1000)
    expect(shown()).toEqual([])
    expect(koe?.explain('open').reasons).toEqual([
      expect.stringMatching(/^cool-down between surveys ends 2026-11-26T09:00/),
    ])
  })

  it('koe.show waits for the open prompt and shows after it whatever the cool-down; then it is throttled like any', async () => {
    history.replaceState(null, '', '/pricing')
    start(OPEN_AND_ROUTE)
    await tick()
    // koe.show waits for the open prompt whatever the rules; a trigger meets them.
    koe?.show('open')
    await tick()
    expect(shown()).toEqual(['route'])
    await close('route')
    expect(shown()).toEqual(['open'])
    await close('open')
    koe?.destroy()
    // The next page, without a cool-down: its dismissal still keeps it back.
    start(OPEN_AND_ROUTE, { cooldownDays: 0 })
    await tick()
    expect(koe?.explain('open').wouldShow).toBe(false)
  })

  it('a waiting pageview survey is dropped once the customer left its route', async () => {
    start(OPEN_AND_ROUTE, { cooldownDays: 0 })
    await tick()
    koe?.track('go')
    await tick()
    history.pushState(null, '', '/pricing') // fires 'route', which waits
    await tick()
    history.pushState(null, '', '/home')
    await close('open')
    await tick(10)
    expect(shown()).toEqual([])
  })
})

describe('throttling through koe', () => {
  it('a dismissed survey is not asked again on the next page; koe.show still shows it', async () => {
    start([{ id: 's', type: 'nps', trigger: { event: 'go' } }])
    await tick()
    koe?.track('go')
    await tick()
    await close('s')
    koe?.destroy()
    start([{ id: 's', type: 'nps', trigger: { event: 'go' } }]) // the next page, same device
    await tick()
    koe?.track('go')
    await tick()
    expect(shown()).toEqual([])
    const { wouldShow, reasons } = koe?.explain('s') ?? { wouldShow: true, reasons: [] }
    expect(wouldShow).toBe(false)
    expect(reasons[0]).toMatch(/^shown or dismissed; dismissRecontactDays end 2026-12-07T09:00/)
    koe?.show('s')
    await tick()
    expect(shown()).toEqual(['s'])
  })

  it('the global cool-down (cooldownDays) keeps a second survey back, and ends', async () => {
    const surveys: Survey[] = [
      { id: 'a', type: 'nps', trigger: { event: 'a' } },
      { id: 'b', type: 'nps', trigger: { event: 'b' } },
    ]
    start(surveys, { cooldownDays: 1 })
    await tick()
    koe?.track('a')
    await tick()
    await close('a')
    koe?.track('b')
    await tick()
    expect(shown()).toEqual([])
    await tick(DAY)
    koe?.track('b')
    await tick()
    expect(shown()).toEqual(['b'])
  })
})

describe('explain and debug', () => {
  it('explain names every condition that fails, and says yes when none does', async () => {
    start([
      {
        id: 's',
        type: 'nps',
        trigger: { event: 'go' },
        audience: { url: ['/shop/*'], attributes: { plan: 'pro' } },
      },
    ])
    await tick()
    expect(koe?.explain('s')).toEqual({
      surveyId: 's',
      wouldShow: false,
      reasons: ['path / not in audience.url', 'attribute plan is not pro'],
    })
    history.pushState(null, '', '/shop/cart')
    koe?.identify('u-1', { plan: 'pro' })
    expect(koe?.explain('s')).toEqual({ surveyId: 's', wouldShow: true, reasons: [] })
    expect(koe?.explain('nope').reasons).toEqual(['no valid survey "nope"'])
  })

  it('debug: true logs each decision with its reason', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {})
    start([{ id: 's', type: 'nps', trigger: { event: 'go' }, audience: { locale: ['de'] } }], {
      debug: true,
      locale: 'ja',
    })
    await tick()
    koe?.track('go')
    // Japanese strings load as a chunk of their own first (the npm entry); the call waits for them.
    await vi.waitFor(() =>
      expect(debug.mock.calls.map((c) => String(c[0]))).toContain(
        '[koe] "s" (go) not shown: locale ja not in audience.locale',
      ),
    )
  })
})

describe('consent and privacy', () => {
  it('with consent pending no trigger state is written to storage', async () => {
    const set = vi.spyOn(state, 'set')
    const update = vi.spyOn(state, 'update')
    start(
      [
        { id: 's', type: 'nps', trigger: { event: 'go' } },
        { id: 'cart', type: 'ces', trigger: { preset: 'cart-abandonment' } },
      ],
      { consent: 'pending' },
    )
    await tick()
    koe?.track('cart_updated', { itemCount: 2 })
    koe?.track('go')
    await tick()
    await close('s')
    expect(set).not.toHaveBeenCalled()
    expect(update).not.toHaveBeenCalled()
  })
})

describe('the survey file', () => {
  const survey = { id: 's', type: 'nps', trigger: { event: 'go' } }
  const file = JSON.stringify([survey])
  /** As the collector answers: the draft of the one key it handed out is marked `preview`. */
  const server = () => {
    const fetch = vi.fn(async (url: RequestInfo | URL) =>
      String(url).includes('preview=key_123-abc')
        ? new Response(JSON.stringify([{ ...survey, preview: true }]))
        : String(url).includes('surveys')
          ? new Response(file)
          : new Response('{}'),
    )
    return fetch
  }
  const surveyFetches = (fetch: ReturnType<typeof server>) =>
    fetch.mock.calls.filter((c) => String(c[0]).includes('surveys')).length

  it('is fetched once, cached across pages, and fetched again after a few minutes', async () => {
    const fetch = server()
    for (let page = 0; page < 3; page++) {
      start('/surveys.json', {}, fetch as unknown as typeof globalThis.fetch)
      await tick()
      koe?.destroy()
    }
    expect(surveyFetches(fetch)).toBe(1)
    await tick(SURVEYS_FRESH_MS)
    start('/surveys.json', {}, fetch as unknown as typeof globalThis.fetch)
    await tick()
    expect(surveyFetches(fetch)).toBe(2)
    expect(koe?.explain('s').wouldShow).toBe(true)
  })

  it('when the server fails, the stale copy still serves', async () => {
    const fetch = server()
    start('/surveys.json', {}, fetch as unknown as typeof globalThis.fetch)
    await tick()
    koe?.destroy()
    await tick(SURVEYS_FRESH_MS)
    fetch.mockImplementation(async () => new Response('down', { status: 503 }))
    start('/surveys.json', {}, fetch as unknown as typeof globalThis.fetch)
    await tick()
    expect(koe?.explain('s').wouldShow).toBe(true)
  })

  it('with a preview link, is asked for with the draft in this tab, never from the cache, and the draft shows despite throttling', async () => {
    const fetch = server()
    start('/surveys.json', {}, fetch as unknown as typeof globalThis.fetch)
    await tick()
    koe?.track('go')
    await tick()
    await close('s')
    koe?.destroy()
    // Answered or dismissed: a customer is not asked again for days.
    start('/surveys.json', {}, fetch as unknown as typeof globalThis.fetch)
    await tick()
    expect(koe?.explain('s').wouldShow).toBe(false)
    koe?.destroy()
    const calls = surveyFetches(fetch)

    history.replaceState(null, '', '/shop/?koe-preview=key_123-abc')
    start('/surveys.json', {}, fetch as unknown as typeof globalThis.fetch)
    await tick()
    expect(String(fetch.mock.calls.at(-1)?.[0])).toBe('/surveys.json?preview=key_123-abc')
    expect(koe?.explain('s').wouldShow).toBe(true)
    koe?.destroy()
    // The next page of the same tab, without the parameter, still previews.
    history.replaceState(null, '', '/shop/cart')
    start('/surveys.json', {}, fetch as unknown as typeof globalThis.fetch)
    await tick()
    expect(surveyFetches(fetch)).toBe(calls + 2)
    expect(String(fetch.mock.calls.at(-1)?.[0])).toBe('/surveys.json?preview=key_123-abc')
    sessionStorage.clear()
  })

  it('a preview key the collector does not confirm changes nothing: throttling holds', async () => {
    const fetch = server()
    start('/surveys.json', {}, fetch as unknown as typeof globalThis.fetch)
    await tick()
    koe?.track('go')
    await tick()
    await close('s')
    koe?.destroy()
    history.replaceState(null, '', '/shop/?koe-preview=anything')
    start('/surveys.json', {}, fetch as unknown as typeof globalThis.fetch)
    await tick()
    expect(String(fetch.mock.calls.at(-1)?.[0])).toBe('/surveys.json?preview=anything')
    expect(koe?.explain('s').wouldShow).toBe(false)
    koe?.track('go')
    await tick()
    expect(shown()).toEqual([])
    sessionStorage.clear()
  })

  it('a preview mark in a tab without a preview link changes nothing', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify([{ ...survey, preview: true }])))
    start('/surveys.json', {}, fetch as unknown as typeof globalThis.fetch)
    await tick()
    koe?.track('go')
    await tick()
    await close('s')
    koe?.destroy()
    start('/surveys.json', {}, fetch as unknown as typeof globalThis.fetch)
    await tick()
    expect(koe?.explain('s').wouldShow).toBe(false)
  })

  it('with consent pending nothing is fetched or kept, not even a preview key; on grant the file is fetched', async () => {
    const fetch = server()
    history.replaceState(null, '', '/shop/?koe-preview=key_123-abc')
    start('/surveys.json', { consent: 'pending' }, fetch as unknown as typeof globalThis.fetch)
    await tick()
    koe?.track('go')
    await tick()
    expect(fetch).not.toHaveBeenCalled()
    expect(sessionStorage.length).toBe(0)
    expect(koe?.explain('s').reasons).toEqual(['surveys still loading'])
    koe?.setConsent('granted')
    await tick()
    expect(surveyFetches(fetch)).toBe(1)
    expect(String(fetch.mock.calls[0]?.[0])).toBe('/surveys.json?preview=key_123-abc')
    expect(sessionStorage.getItem('koe-preview')).toBe('key_123-abc')
    koe?.track('go')
    await tick()
    expect(shown()).toEqual(['s'])
    sessionStorage.clear()
  })

  it('with consent denied the file is never fetched', async () => {
    const fetch = server()
    start('/surveys.json', { consent: 'denied' }, fetch as unknown as typeof globalThis.fetch)
    await tick()
    koe?.track('go')
    await tick()
    expect(fetch).not.toHaveBeenCalled()
  })
})

describe('the dataLayer bridge', () => {
  afterEach(() => {
    delete (window as { dataLayer?: unknown }).dataLayer
  })

  it('a GA4 purchase pushed before Koe loaded shows the post-purchase survey', async () => {
    ;(window as { dataLayer?: unknown[] }).dataLayer = [
      { event: 'purchase', ecommerce: { value: 54, currency: 'EUR' } },
    ]
    start([{ id: 'pp', type: 'nps', trigger: { preset: 'post-purchase' } }], { dataLayer: true })
    await tick()
    expect(shown()).toEqual(['pp'])
  })

  it('is off unless the config asks for it', async () => {
    ;(window as { dataLayer?: unknown[] }).dataLayer = [{ event: 'purchase' }]
    start([{ id: 'pp', type: 'nps', trigger: { preset: 'post-purchase' } }])
    await tick()
    expect(shown()).toEqual([])
  })
})
