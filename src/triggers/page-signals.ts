/** What the page tells Koe about the customer, for triggers that no event reports. */
export interface PageSignals {
  /** The customer is about to leave (see {@link watchExitIntent}). */
  exitIntent?: () => void
  /** Any input: pointer, key, scroll, touch. */
  _activity?: () => void
  /** The page scrolled; `depth` is the share of it seen so far, 0..1. */
  scroll?: (depth: number) => void
}

/** Upward scroll speed that reads as heading for the address bar on touch, in px per ms. */
const FAST_UP_PX_PER_MS = 1.5
/** ...over at least this distance, so a flick inside a list does not count. */
const FAST_UP_MIN_PX = 120
const ACTIVITY = ['pointermove', 'pointerdown', 'keydown', 'scroll', 'touchstart'] as const

/**
 * Watches the page for exit intent, activity and scroll depth; returns the function that stops.
 * Exit intent: on desktop, the pointer leaving the window through the top edge (towards the tabs
 * and the address bar); on touch screens, which have no pointer to leave, a fast scroll back up
 * or the tab going hidden. Listeners are passive and do no layout work beyond one read of the
 * scroll position per event.
 */
export function watchPageSignals(win: Window, signals: PageSignals, now: () => number) {
  const doc = win.document
  const touch = !!win.matchMedia?.('(pointer: coarse)').matches
  let lastY = win.scrollY
  let lastAt = now()
  let upFrom = -1
  const onEvent = (event: Event) => {
    signals._activity?.()
    if (event.type === 'mouseout') {
      const e = event as MouseEvent
      if (!e.relatedTarget && e.clientY <= 0) signals.exitIntent?.()
    } else if (event.type === 'visibilitychange') {
      if (touch && doc.visibilityState === 'hidden') signals.exitIntent?.()
    } else if (event.type === 'scroll') {
      const y = win.scrollY
      const at = now()
      // A run of upward scroll events, measured from where it started.
      upFrom = y < lastY ? (upFrom < 0 ? lastY : upFrom) : -1
      if (
        touch &&
        upFrom >= 0 &&
        upFrom - y >= FAST_UP_MIN_PX &&
        (lastY - y) / Math.max(1, at - lastAt) >= FAST_UP_PX_PER_MS
      )
        signals.exitIntent?.()
      lastY = y
      lastAt = at
      // Only read the page's height (a layout read) when a trigger asks for the depth.
      if (signals.scroll) {
        const height = doc.documentElement.scrollHeight
        signals.scroll(height > 0 ? Math.min(1, (y + win.innerHeight) / height) : 1)
      }
    }
  }
  const targets: [EventTarget, string][] = [
    ...ACTIVITY.map((type) => [win, type] as [EventTarget, string]),
    [doc, 'mouseout'],
    [doc, 'visibilitychange'],
  ]
  for (const [target, type] of targets) target.addEventListener(type, onEvent, { passive: true })
  return () => {
    for (const [target, type] of targets) target.removeEventListener(type, onEvent)
  }
}
