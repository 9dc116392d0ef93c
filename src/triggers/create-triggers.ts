import type { Survey, Trigger, UrlPattern } from '../config/survey'
import { onDemand, type PartSource } from '../core/on-demand'
import { noop } from '../lib/noop'
import { type CartState, isAbandoning, nextCart } from './cart'
import { matchesEvent } from './match-event'
import type { watchPageSignals } from './page-signals'
import { matchesUrl } from './url-pattern'
import { watchRoute } from './watch-route'

/** Milliseconds without input that count as abandoning a cart, unless the preset says otherwise. */
export const CART_IDLE_MS = 60_000

/** What the trigger engine needs; `later` returns a cancel function. */
export interface TriggerOptions {
  win: Window
  surveys: Survey[]
  now: () => number
  /** A survey's trigger fired; `name` says which (the event name, `"exitIntent"`, …). */
  fire: (survey: Survey, name: string) => void
  /** Runs `run` after `ms`; returns the function that cancels it. */
  later: (run: () => void, ms: number) => () => void
  /** The cart as last known (shared by the tabs), and where its changes go. */
  cart: () => CartState
  onCart: (cart: CartState) => void
  /**
   * The watcher of exit intent, scroll depth and input, asked for only when a survey's trigger
   * needs it (issue 29): at hand in the npm entry, a file beside the script tag.
   */
  signals: PartSource<typeof watchPageSignals>
  /** The watcher could not be loaded: those triggers do not fire on this page. */
  signalsFailed: (error: unknown) => void
}

/** The triggers of a page, armed. */
export interface Triggers {
  /** `koe.track`: event triggers, the post-purchase preset, the cart. */
  track(event: string, props: Record<string, unknown>): void
  /**
   * Arms the page triggers for the current route: call once when ready (events reported before
   * then go first), and on route changes Koe cannot see (history and hash changes it sees).
   */
  page(): void
  /** Removes every listener and timer. */
  stop(): void
}

/** The URL pattern of a trigger that fires on pageviews, if any. */
export function pageviewPattern(trigger: Trigger): UrlPattern | undefined {
  if ('pageview' in trigger) return trigger.pageview
  if ('preset' in trigger && trigger.preset === 'post-purchase') return trigger.url
  return undefined
}

/**
 * Arms every survey's trigger on this page: events, pageviews (SPA routes included), time on
 * page, scroll depth, idle, exit intent and the presets; pageview and time-on-page triggers from
 * the first `page()`. Page listeners are added only when a survey needs them. Triggers may fire
 * repeatedly; deciding whether to show is the caller's.
 */
export function createTriggers(options: TriggerOptions): Triggers {
  const { win, surveys, now, fire, later } = options
  const { cart } = options
  let lastInput = now()
  /** Timers of the current route (time on page), cancelled when the route changes. */
  let routeTimers: (() => void)[] = []
  const idleTimers: (() => void)[] = []
  const needs = (test: (t: Trigger) => boolean) => surveys.filter((s) => test(s.trigger))
  const isCart = (t: Trigger) => 'preset' in t && t.preset === 'cart-abandonment'
  const exitSurveys = needs((t) => 'exitIntent' in t || isCart(t))
  const scrollSurveys = needs((t) => 'scrollDepth' in t)

  /** Fires after `ms` without input; then waits for the next spell of `ms`. */
  const armIdle = (survey: Survey, ms: number) => {
    const index = idleTimers.length
    /** When this survey last fired: the next spell of quiet counts from then. */
    let firedAt = -Infinity
    const check = () => {
      const quiet = now() - Math.max(lastInput, firedAt)
      if (quiet >= ms) {
        if (!isCart(survey.trigger) || isAbandoning(cart())) fire(survey, 'idle')
        firedAt = now()
      }
      idleTimers[index] = later(check, quiet >= ms ? ms : ms - quiet)
    }
    idleTimers.push(later(check, ms))
  }
  for (const survey of surveys) {
    const t = survey.trigger
    const ms =
      'idle' in t ? t.idle : isCart(t) ? ((t as { idle?: number }).idle ?? CART_IDLE_MS) : 0
    if (ms) armIdle(survey, ms)
  }

  const armPage = () => {
    for (const cancel of routeTimers) cancel()
    routeTimers = []
    const path = win.location.pathname
    for (const survey of surveys) {
      const t = survey.trigger
      const pattern = pageviewPattern(t)
      if (pattern !== undefined && matchesUrl(pattern, path)) fire(survey, 'pageview')
      if ('timeOnPage' in t) routeTimers.push(later(() => fire(survey, 'timeOnPage'), t.timeOnPage))
    }
  }

  let stopped = false
  /**
   * The watcher, once its code is at hand (none after `stop()`); its value is the function that
   * stops it.
   */
  const signals = onDemand(
    options.signals,
    (watchSignals) =>
      stopped
        ? noop
        : watchSignals(
            win,
            {
              _activity: () => {
                lastInput = now()
              },
              exitIntent: () => {
                for (const survey of exitSurveys)
                  if (!isCart(survey.trigger) || isAbandoning(cart())) fire(survey, 'exitIntent')
              },
              scroll: scrollSurveys.length
                ? (depth) => {
                    for (const survey of scrollSurveys)
                      if (depth >= (survey.trigger as { scrollDepth: number }).scrollDepth)
                        fire(survey, 'scrollDepth')
                  }
                : undefined,
            },
            now,
          ),
    options.signalsFailed,
  )
  if (exitSurveys.length || scrollSurveys.length || idleTimers.length) signals._load()?.catch(noop)
  // Route changes matter only to pageview and time-on-page triggers; without them, history is
  // left as the page made it.
  const stopRoute = surveys.some(
    (s) => pageviewPattern(s.trigger) !== undefined || 'timeOnPage' in s.trigger,
  )
    ? watchRoute(win, armPage)
    : noop

  return {
    track(event, props) {
      const changed = nextCart(cart(), event, props)
      if (changed) options.onCart(changed)
      for (const survey of surveys) {
        const t = survey.trigger
        const postPurchase = 'preset' in t && t.preset === 'post-purchase'
        if (
          ('event' in t && matchesEvent(t, event, props)) ||
          (postPurchase && event === 'purchase_completed')
        )
          fire(survey, event)
      }
    },
    page: armPage,
    stop() {
      stopped = true
      for (const cancel of [...routeTimers, ...idleTimers]) cancel()
      signals._value?.()
      stopRoute()
    },
  }
}
