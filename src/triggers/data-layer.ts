import { isObject } from '../lib/is-object'

/** GA4 ecommerce events and the Koe events they stand for. */
const EVENTS: Record<string, string> = {
  purchase: 'purchase_completed',
  begin_checkout: 'checkout_started',
  add_to_cart: 'cart_updated',
  remove_from_cart: 'cart_updated',
}

/**
 * Bridges GA4 ecommerce pushes on `window.dataLayer` into `track` calls, so a shop that already
 * sends them needs no code for Koe's presets: `purchase` → `purchase_completed`,
 * `begin_checkout` → `checkout_started`, `add_to_cart` / `remove_from_cart` → `cart_updated`
 * with the new `itemCount` (from `items[].quantity`, 1 when missing). Both `dataLayer.push({
 * event, ecommerce })` and `gtag('event', name, params)` pushes are understood, including those
 * made before Koe loaded. Returns the function that stops listening.
 */
export function bridgeDataLayer(
  win: Window & { dataLayer?: unknown[] },
  track: (event: string, props: Record<string, unknown>) => void,
  cartItems: () => number,
): () => void {
  if (win.dataLayer !== undefined && !Array.isArray(win.dataLayer)) return () => {}
  win.dataLayer ??= []
  const layer = win.dataLayer
  const handle = (entry: unknown) => {
    // gtag() pushes its `arguments` object: ['event', name, params].
    const gtag = isObject(entry) && (entry as unknown as ArrayLike<unknown>)[0] === 'event'
    const args = entry as ArrayLike<unknown> & Record<string, unknown>
    const name = gtag ? args[1] : isObject(entry) ? entry.event : undefined
    const params = (gtag ? args[2] : entry) as Record<string, unknown> | undefined
    const event = typeof name === 'string' ? EVENTS[name] : undefined
    if (!event) return
    const ecommerce = (isObject(params?.ecommerce) ? params?.ecommerce : params) as Record<
      string,
      unknown
    >
    if (event !== 'cart_updated') return track(event, { ...ecommerce, items: undefined })
    let quantity = 0
    for (const item of Array.isArray(ecommerce?.items) ? ecommerce.items : [])
      quantity += typeof item?.quantity === 'number' ? item.quantity : 1
    track(event, {
      itemCount: Math.max(0, cartItems() + (name === 'add_to_cart' ? quantity : -quantity)),
    })
  }
  const safely = (entry: unknown) => {
    try {
      handle(entry)
    } catch {
      /* a push Koe cannot read is the shop's analytics business, not an error */
    }
  }
  for (const entry of layer) safely(entry)
  const push = layer.push
  const wrapped = function (this: unknown[], ...entries: unknown[]) {
    const length = push.apply(this, entries)
    for (const entry of entries) safely(entry)
    return length
  }
  layer.push = wrapped
  return () => {
    if (layer.push === wrapped) layer.push = push
  }
}
