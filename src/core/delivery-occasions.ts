/**
 * The page's occasions to deliver: the network coming back (`flush`), and the page being left or
 * hidden (`flushOnExit`: at once and synchronously, since the page may be gone before any
 * IndexedDB read could answer). Returns `listen(add)`: listening starts once the page has
 * something to deliver and ends with `destroy()`. One listener on both targets; adding it again
 * does nothing (DOM), so `listen(true)` may be called at each occasion.
 */
export function deliveryOccasions(win: Window, flush: () => unknown, flushOnExit: () => unknown) {
  const doc = win.document
  const occasion = (event: Event) => {
    if (event.type === 'online') flush()
    else if (event.type === 'pagehide' || doc.visibilityState === 'hidden') flushOnExit()
  }
  return (add: boolean) => {
    for (const type of ['pagehide', 'visibilitychange', 'online']) {
      ;(type === 'visibilitychange' ? doc : win)[add ? 'addEventListener' : 'removeEventListener'](
        type,
        occasion,
      )
    }
  }
}
