// The demo shop's own code. It keeps a cart in sessionStorage and tells Koe what happens
// (cart_updated, checkout_started, purchase_completed) and what was bought (the outcome
// `purchase`); the survey JSON (surveys.json) decides what to ask and when: the presets watch the
// thank-you page and exit intent on a full cart.
const TEXT = {
  en: {
    product: 'Single-origin coffee beans, 200 g',
    add: 'Add to cart',
    cart: 'Your cart',
    continue: 'Continue shopping',
    checkout: 'Checkout',
    name: 'Name',
    place: 'Place order',
    thanks: 'Thank you! Your order is confirmed.',
    shipping: 'It ships tomorrow.',
    items: (n, total) => `${n} item(s), ¥${total.toLocaleString('en')}`,
    empty: 'Your cart is empty.',
    other: '日本語',
  },
  ja: {
    product: 'シングルオリジン コーヒー豆 200 g',
    add: 'カートに入れる',
    cart: 'カート',
    continue: '買い物を続ける',
    checkout: 'ご購入手続きへ',
    name: 'お名前',
    place: '注文を確定する',
    thanks: 'ご注文ありがとうございます。注文が確定しました。',
    shipping: '明日発送いたします。',
    items: (n, total) => `${n} 点、合計 ¥${total.toLocaleString('ja')}`,
    empty: 'カートは空です。',
    other: 'English',
  },
}
const PRICE = 5400
const lang = document.documentElement.lang === 'ja' ? 'ja' : 'en'
const t = TEXT[lang]
const cart = {
  count: () => Number(sessionStorage.getItem('shop-cart') || 0),
  set: (n) => sessionStorage.setItem('shop-cart', String(n)),
}

for (const element of document.querySelectorAll('[data-i18n]')) {
  const text = t[element.dataset.i18n]
  if (typeof text === 'string') element.textContent = text
}
const toggle = document.getElementById('lang')
toggle.textContent = t.other
toggle.lang = lang === 'ja' ? 'en' : 'ja'
toggle.addEventListener('click', () => {
  localStorage.setItem('shop-lang', lang === 'ja' ? 'en' : 'ja')
  location.reload()
})
const showCount = () => {
  document.getElementById('count').textContent = String(cart.count())
}
showCount()

const page = document.body.dataset.page
if (page === 'index') {
  document.getElementById('add').addEventListener('click', () => {
    cart.set(cart.count() + 1)
    showCount()
    koe('track', 'cart_updated', { itemCount: cart.count() })
  })
}
if (page === 'cart') {
  const n = cart.count()
  document.getElementById('cart-summary').textContent = n ? t.items(n, n * PRICE) : t.empty
}
if (page === 'checkout') {
  // The cart-abandonment preset stops watching once checkout starts.
  koe('track', 'checkout_started', { itemCount: cart.count() })
}
if (page === 'thanks') {
  const n = cart.count()
  cart.set(0)
  showCount()
  koe('track', 'purchase_completed', { total: n * PRICE, itemCount: n })
  if (n) {
    // The purchase itself, for the loyalty view (issue 30): do customers who answered come back
    // and buy again? Yen have no minor unit, so the value is the total in yen. The order id keeps
    // it once, whatever reloads or the shop's own order export add.
    const orderId = `KC-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
    koe('outcome', 'purchase', { value: n * PRICE, currency: 'JPY', id: orderId })
  }
}
