// The shop's own code: it tells Koe about the purchase; the survey JSON decides what to ask.
document.getElementById('buy').addEventListener('click', () => {
  document.getElementById('status').textContent = 'Thank you! Your order is confirmed.'
  koe('track', 'purchase_completed', { total: 5400 })
})
