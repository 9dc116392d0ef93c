// Every trigger of docs/survey-json.md and issue 5, on happy-dom with fake timers: the engine alone,
// with `fire` recorded instead of prompts shown.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Survey, Trigger } from '../../src/config/survey'
import type { CartState } from '../../src/triggers/cart'
import { CART_IDLE_MS, createTriggers, type Triggers } from '../../src/triggers/create-triggers'
import { bridgeDataLayer } from '../../src/triggers/data-layer'
import { watchPageSignals } from '../../src/triggers/page-signals'
import { matchesUrl } from '../../src/triggers/url-pattern'
import { watchRoute } from '../../src/triggers/watch-route'

const survey = (id: string, trigger: Trigger): Survey => ({ id, type: 'nps', trigger })

let engine: Triggers | undefined
let fired: string[] = []
let cart: CartState = { items: 0, checkedOut: false }

/** Arms the engine on the test window with fake timers; `fired` lists "id:trigger". */
function arm(...surveys: Survey[]) {
  engine = createTriggers({
    win: window,
    surveys,
    now: Date.now,
    fire: (s, name) => fired.push(`${s.id}:${name}`),
    later: (run, ms) => {
      const id = setTimeout(run, ms)
      return () => clearTimeout(id)
    },
    cart: () => cart,
    onCart: (next) => {
      cart = next
    },
    signals: () => watchPageSignals,
    signalsFailed: (error) => {
      throw error
    },
  })
  engine.page()
  return engine
}

/** Sets the page's touch capability as `(pointer: coarse)` reports it. */
const touchScreen = (coarse: boolean) =>
  vi
    .spyOn(window, 'matchMedia')
    .mockImplementation(
      (query: string) => ({ matches: coarse && query.includes('coarse') }) as MediaQueryList,
    )

const scrollTo = (y: number) => {
  Object.defineProperty(window, 'scrollY', { value: y, configurable: true })
  window.dispatchEvent(new Event('scroll'))
}

beforeEach(() => {
  vi.useFakeTimers()
  history.replaceState(null, '', '/')
  fired = []
  cart = { items: 0, checkedOut: false }
})
afterEach(() => {
  engine?.stop()
  engine = undefined
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('URL patterns', () => {
  it('globs match the whole path, * matching anything, and nothing else is special', () => {
    expect(matchesUrl('/checkout/*', '/checkout/thanks')).toBe(true)
    expect(matchesUrl('/checkout/*', '/checkout')).toBe(false)
    expect(matchesUrl('/checkout/*', '/en/checkout/thanks')).toBe(false)
    expect(matchesUrl('*/thanks', '/en/checkout/thanks')).toBe(true)
    expect(matchesUrl('/a.html', '/a.html')).toBe(true)
    expect(matchesUrl('/a.html', '/aXhtml')).toBe(false)
    expect(matchesUrl('/shop/(sale)', '/shop/(sale)')).toBe(true)
  })

  it('a regex pattern tests the path', () => {
    expect(matchesUrl({ regex: '^/(en|ja)/thanks$' }, '/ja/thanks')).toBe(true)
    expect(matchesUrl({ regex: '^/(en|ja)/thanks$' }, '/de/thanks')).toBe(false)
  })
})

describe('route changes', () => {
  it('sees pushState, replaceState, popstate and hashchange, once per new URL', () => {
    const seen: string[] = []
    const stop = watchRoute(window, () => seen.push(location.pathname + location.hash))
    history.pushState(null, '', '/a')
    history.pushState(null, '', '/a') // same URL: nothing new
    history.replaceState(null, '', '/b')
    history.pushState(null, '', '/b#top')
    window.dispatchEvent(new HashChangeEvent('hashchange'))
    history.back() // popstate, back to /b
    stop()
    history.pushState(null, '', '/after-stop')
    expect(seen).toEqual(['/a', '/b', '/b#top', '/b'])
  })

  it('never breaks the app: an error in the listener stays inside Koe, and stop restores history', () => {
    const original = history.pushState
    const stop = watchRoute(window, () => {
      throw new Error('listener bug')
    })
    expect(() => history.pushState(null, '', '/x')).not.toThrow()
    expect(location.pathname).toBe('/x')
    stop()
    expect(history.pushState).toBe(original)
  })
})

describe('event triggers', () => {
  it('fire on the named event when every where-condition holds (equals, gte, lte, in, exists)', () => {
    arm(
      survey('s', {
        event: 'purchase_completed',
        where: {
          currency: 'JPY',
          total: { gte: 1000, lte: 50_000 },
          plan: { in: ['pro', 'team'] },
          coupon: { exists: false },
        },
      }),
    )
    const track = (props: Record<string, unknown>) => engine?.track('purchase_completed', props)
    track({ currency: 'JPY', total: 5400, plan: 'pro' })
    track({ currency: 'USD', total: 5400, plan: 'pro' })
    track({ currency: 'JPY', total: 999, plan: 'pro' })
    track({ currency: 'JPY', total: 60_000, plan: 'pro' })
    track({ currency: 'JPY', total: 5400, plan: 'free' })
    track({ currency: 'JPY', total: 5400, plan: 'team', coupon: 'X' })
    engine?.track('cart_updated', { currency: 'JPY', total: 5400, plan: 'pro' })
    expect(fired).toEqual(['s:purchase_completed'])
  })
})

describe('pageview triggers', () => {
  it('fire on load when the path matches, and on each SPA route change that matches', () => {
    history.replaceState(null, '', '/checkout/thanks')
    arm(survey('thanks', { pageview: '/checkout/*' }))
    expect(fired).toEqual(['thanks:pageview'])
    history.pushState(null, '', '/products')
    history.pushState(null, '', '/checkout/done')
    expect(fired).toEqual(['thanks:pageview', 'thanks:pageview'])
  })

  it('re-arm on koe.page() for routers Koe cannot see', () => {
    arm(survey('p', { pageview: { regex: '^/pricing' } }))
    expect(fired).toEqual([])
    // A router that changes the URL without history (e.g. tests or a custom router) calls page().
    history.replaceState(null, '', '/pricing')
    fired = []
    engine?.page()
    expect(fired).toEqual(['p:pageview'])
  })
})

describe('time on page', () => {
  it('fires after the time on the current route; a route change restarts the clock', () => {
    arm(survey('t', { timeOnPage: 10_000 }))
    vi.advanceTimersByTime(6_000)
    history.pushState(null, '', '/next')
    vi.advanceTimersByTime(6_000)
    expect(fired).toEqual([])
    vi.advanceTimersByTime(4_000)
    expect(fired).toEqual(['t:timeOnPage'])
  })
})

describe('scroll depth', () => {
  it('fires once the share of the page seen reaches the depth', () => {
    Object.defineProperty(document.documentElement, 'scrollHeight', {
      value: 4000,
      configurable: true,
    })
    Object.defineProperty(window, 'innerHeight', { value: 1000, configurable: true })
    arm(survey('deep', { scrollDepth: 0.75 }))
    scrollTo(1000) // (1000 + 1000) / 4000 = 0.5
    expect(fired).toEqual([])
    scrollTo(2000) // 0.75
    expect(fired).toEqual(['deep:scrollDepth'])
  })
})

describe('idle', () => {
  it('fires after the time without input; any input restarts it', () => {
    arm(survey('idle', { idle: 30_000 }))
    vi.advanceTimersByTime(20_000)
    window.dispatchEvent(new Event('keydown'))
    vi.advanceTimersByTime(20_000)
    expect(fired).toEqual([])
    vi.advanceTimersByTime(10_000)
    expect(fired).toEqual(['idle:idle'])
  })
})

describe('exit intent', () => {
  const mouseOut = (clientY: number, relatedTarget: EventTarget | null = null) =>
    document.dispatchEvent(new MouseEvent('mouseout', { clientY, relatedTarget }))

  it('desktop: the pointer leaving through the top edge, not elsewhere', () => {
    touchScreen(false)
    arm(survey('exit', { exitIntent: true }))
    mouseOut(300) // left through a side or into an element
    mouseOut(-1, document.body) // moved onto another element
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
    document.dispatchEvent(new Event('visibilitychange')) // tab switch on desktop: not exit intent
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true })
    expect(fired).toEqual([])
    mouseOut(-1)
    expect(fired).toEqual(['exit:exitIntent'])
  })

  it('touch: a fast scroll back up over 120 px, not a slow one', () => {
    touchScreen(true)
    scrollTo(2000)
    arm(survey('exit', { exitIntent: true }))
    scrollTo(2000)
    vi.advanceTimersByTime(500)
    scrollTo(1950) // slow: 50 px in 500 ms
    vi.advanceTimersByTime(500)
    scrollTo(1900)
    expect(fired).toEqual([])
    vi.advanceTimersByTime(40)
    scrollTo(1700) // 200 px in 40 ms, 250 px up since the run began
    expect(fired).toEqual(['exit:exitIntent'])
  })

  it('touch: the tab going hidden', () => {
    touchScreen(true)
    arm(survey('exit', { exitIntent: true }))
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
    document.dispatchEvent(new Event('visibilitychange'))
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true })
    expect(fired).toEqual(['exit:exitIntent'])
  })
})

describe('presets', () => {
  it('post-purchase: a purchase_completed event, or a pageview of the thank-you url', () => {
    arm(survey('pp', { preset: 'post-purchase', url: '/checkout/thanks*' }))
    engine?.track('purchase_completed', { total: 1 })
    history.pushState(null, '', '/checkout/thanks?order=1')
    history.pushState(null, '', '/checkout/other')
    expect(fired).toEqual(['pp:purchase_completed', 'pp:pageview'])
  })

  it('cart-abandonment: exit intent with items in the cart', () => {
    touchScreen(false)
    arm(survey('cart', { preset: 'cart-abandonment' }))
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1 }))
    expect(fired).toEqual([]) // empty cart
    engine?.track('cart_updated', { itemCount: 2 })
    expect(cart).toEqual({ items: 2, checkedOut: false })
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1 }))
    expect(fired).toEqual(['cart:exitIntent'])
  })

  it('cart-abandonment: not after checkout_started or purchase_completed, again after a new cart change', () => {
    touchScreen(false)
    arm(survey('cart', { preset: 'cart-abandonment' }))
    const exit = () => document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1 }))
    engine?.track('cart_updated', { itemCount: 1 })
    engine?.track('checkout_started', {})
    exit()
    engine?.track('cart_updated', { itemCount: 3 })
    engine?.track('purchase_completed', {})
    exit()
    expect(fired).toEqual([])
    expect(cart).toEqual({ items: 0, checkedOut: true })
    engine?.track('cart_updated', { itemCount: 1 })
    exit()
    expect(fired).toEqual(['cart:exitIntent'])
  })

  it('cart-abandonment: idling with a full cart, after the default or the configured time', () => {
    cart = { items: 1, checkedOut: false }
    arm(
      survey('default', { preset: 'cart-abandonment' }),
      survey('short', { preset: 'cart-abandonment', idle: 5_000 }),
      survey('off', { preset: 'cart-abandonment', idle: 0 }),
    )
    vi.advanceTimersByTime(5_000)
    expect(fired).toEqual(['short:idle'])
    vi.advanceTimersByTime(CART_IDLE_MS - 5_000)
    expect(fired).toContain('default:idle')
    expect(fired.filter((f) => f === 'default:idle')).toHaveLength(1)
    expect(fired.some((f) => f.startsWith('off:'))).toBe(false)
  })

  it('a trigger of each kind adds no listener it does not need', () => {
    const add = vi.spyOn(window, 'addEventListener')
    const pushState = history.pushState
    arm(survey('e', { event: 'x' }))
    // Issue 18: route changes matter only to pageview and time-on-page triggers.
    expect(add.mock.calls.map((c) => c[0])).toEqual([])
    expect(history.pushState).toBe(pushState)
    arm(survey('t', { timeOnPage: 5000 }))
    expect(add.mock.calls.map((c) => c[0]).sort()).toEqual(['hashchange', 'popstate'])
  })
})

describe('the dataLayer bridge (GA4 ecommerce)', () => {
  const track = vi.fn()
  afterEach(() => {
    delete (window as { dataLayer?: unknown }).dataLayer
    track.mockReset()
  })

  it('replays pushes made before Koe loaded and maps later ones, in both push styles', () => {
    const w = window as Window & { dataLayer?: unknown[] }
    w.dataLayer = [{ event: 'purchase', ecommerce: { value: 54, currency: 'EUR', items: [{}] } }]
    let items = 0
    const stop = bridgeDataLayer(w, track, () => items)
    expect(track).toHaveBeenCalledWith('purchase_completed', {
      value: 54,
      currency: 'EUR',
      items: undefined,
    })
    w.dataLayer.push({ event: 'add_to_cart', ecommerce: { items: [{ quantity: 2 }, {}] } })
    expect(track).toHaveBeenLastCalledWith('cart_updated', { itemCount: 3 })
    items = 3
    // gtag('event', 'remove_from_cart', {...}) pushes its arguments object.
    ;(function gtag(..._args: unknown[]) {
      // biome-ignore lint/complexity/noArguments: gtag.js pushes exactly this object.
      w.dataLayer?.push(arguments)
    })('event', 'remove_from_cart', { items: [{ quantity: 1 }] })
    expect(track).toHaveBeenLastCalledWith('cart_updated', { itemCount: 2 })
    w.dataLayer.push({ event: 'begin_checkout' }, { event: 'page_view' }, 'garbage', null)
    expect(track).toHaveBeenLastCalledWith('checkout_started', {
      items: undefined,
      event: 'begin_checkout',
    })
    expect(track).toHaveBeenCalledTimes(4)
    stop()
    w.dataLayer.push({ event: 'purchase' })
    expect(track).toHaveBeenCalledTimes(4)
  })

  it('leaves a dataLayer that is not an array alone', () => {
    const w = window as Window & { dataLayer?: unknown }
    w.dataLayer = { push: () => 0 }
    bridgeDataLayer(w as Window & { dataLayer?: unknown[] }, track, () => 0)
    expect(track).not.toHaveBeenCalled()
  })
})
