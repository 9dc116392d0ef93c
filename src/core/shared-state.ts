import type { CartState } from '../triggers/cart'
import { mergeThrottle, type SurveyHistory, type ThrottleState } from '../triggers/throttle'
import type { DeviceState } from './device-state'

/** Where throttling and the cart are kept in `koe-state`. */
export const THROTTLE_KEY = 'throttle'
export const CART_KEY = 'cart'
const emptyThrottle = (): ThrottleState => ({ surveys: {} })
const emptyCart = (): CartState => ({ items: 0, checkedOut: false })

/**
 * The state triggers depend on, shared by the tabs of the site: throttling (what was shown,
 * answered, dismissed, when) and the cart. Kept in `koe-state` only while `canStore()` (consent
 * granted), so a visitor whose consent is pending leaves no trace; sent to the other tabs at once
 * over a BroadcastChannel, so a survey shown in one tab is not shown again in another.
 */
export function createSharedState(state: DeviceState, win: Window, canStore: () => boolean) {
  let throttle = emptyThrottle()
  let cart = emptyCart()
  const Channel = (win as Window & typeof globalThis).BroadcastChannel
  /**
   * Opened when first needed: a page where no survey can show does not listen, and opens it only
   * to tell the other tabs of a change it made (the cart).
   */
  let channel: BroadcastChannel | null | undefined
  const open = () => {
    channel ??= typeof Channel === 'function' ? new Channel('koe') : null
    return channel
  }
  /** Stores (merging with what other tabs stored meanwhile) and tells the other tabs. */
  const share = (message: { throttle?: ThrottleState; cart?: CartState }) => {
    open()?.postMessage(message)
    if (!canStore()) return Promise.resolve()
    return Promise.all([
      message.throttle &&
        state.update(THROTTLE_KEY, (old) =>
          mergeThrottle((old as ThrottleState | undefined) ?? emptyThrottle(), throttle),
        ),
      message.cart && state.set(CART_KEY, cart),
    ]).then(
      () => {},
      () => {},
    )
  }
  return {
    throttle: () => throttle,
    cart: () => cart,
    /** Reads what earlier pages stored; a failure leaves the defaults. */
    async load() {
      if (!canStore()) return
      try {
        const [storedThrottle, storedCart] = await Promise.all([
          state.get(THROTTLE_KEY),
          state.get(CART_KEY),
        ])
        if (storedThrottle) throttle = mergeThrottle(throttle, storedThrottle as ThrottleState)
        if (storedCart) cart = storedCart as CartState
      } catch {
        /* no storage: this page starts fresh */
      }
    },
    /** Notes that a survey was shown, answered or dismissed now. */
    note(surveyId: string, what: 'shown' | 'answered' | 'dismissed', at: number) {
      const history: SurveyHistory = { ...throttle.surveys[surveyId], [what]: at }
      if (what === 'shown') {
        history.displays = (history.displays ?? 0) + 1
        throttle = { ...throttle, lastShown: at }
      }
      throttle = { ...throttle, surveys: { ...throttle.surveys, [surveyId]: history } }
      return share({ throttle })
    },
    setCart(next: CartState) {
      cart = next
      return share({ cart })
    },
    /** Consent granted: what this page learned so far is stored now. */
    store: () => share({ throttle, cart }),
    /** `koe.forget()`: the stored copy is erased with the rest of `koe-state`. */
    reset() {
      throttle = emptyThrottle()
      cart = emptyCart()
    },
    /** Hears the other tabs from now on: what they show and answer, and the cart. */
    listen() {
      const opened = open()
      if (opened)
        opened.onmessage = (event: MessageEvent) => {
          const data = event.data as { throttle?: ThrottleState; cart?: CartState } | null
          try {
            if (data?.throttle) throttle = mergeThrottle(throttle, data.throttle)
            if (typeof data?.cart?.items === 'number') cart = data.cart
          } catch {
            /* not a message of Koe's: another script of the site uses the channel name */
          }
        }
    },
    close: () => channel?.close(),
  }
}

/** The shared state type. */
export type SharedState = ReturnType<typeof createSharedState>
