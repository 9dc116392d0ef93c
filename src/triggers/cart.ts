/** The cart as the cart-abandonment preset sees it, from the shop's events. */
export interface CartState {
  /** Items in the cart, from the last `cart_updated { itemCount }`. */
  items: number
  /** A `checkout_started` or `purchase_completed` came after the last cart change. */
  checkedOut: boolean
}

/**
 * The cart after an event, or `null` when the event does not concern the cart. A purchase
 * empties the cart; a checkout marks it as not abandoned until it changes again.
 */
export function nextCart(
  cart: CartState,
  event: string,
  props: Record<string, unknown>,
): CartState | null {
  if (event === 'cart_updated' && typeof props.itemCount === 'number')
    return { items: Math.max(0, props.itemCount), checkedOut: false }
  if (event === 'checkout_started') return { ...cart, checkedOut: true }
  if (event === 'purchase_completed') return { items: 0, checkedOut: true }
  return null
}

/** Whether leaving now would abandon the cart. */
export const isAbandoning = (cart: CartState) => cart.items > 0 && !cart.checkedOut
