// The demo's own panel, not part of Koe: which surveys this demo has, whether each would show
// now and why not (koe.explain), and a reset of everything Koe remembers on this device, so the
// demo can be walked through again (Koe keeps 3 days between any two surveys for one visitor).
//
// Pages tell it how to reach Koe with `window.koeDemo = { call(method, ...args), surveyIds() }`;
// without it, it uses the script tag's global `koe` and the collector's /surveys.json.
// A block of its own: a classic script on the shop pages shares their global scope.
{
  const demo = window.koeDemo ?? {
    call: (method, ...args) => window.koe(method, ...args),
    surveyIds: () =>
      fetch('/surveys.json')
        .then((response) => response.json())
        .then((surveys) => surveys.map((survey) => survey.id)),
  }

  const panel = document.createElement('aside')
  panel.className = 'demo-panel'
  panel.setAttribute('aria-label', 'Demo panel')
  const details = document.createElement('details')
  const summary = document.createElement('summary')
  summary.textContent = 'Demo: why a survey shows (or not)'
  const list = document.createElement('ul')
  const reset = document.createElement('button')
  reset.type = 'button'
  reset.textContent = 'Reset demo'
  const note = document.createElement('p')
  note.textContent =
    'Koe waits 3 days between any two surveys for one visitor and 90 days before asking again. Reset forgets that, on this device only.'
  details.append(summary, list, reset, note)
  panel.append(details)
  document.body.append(panel)

  let ids = []
  demo
    .surveyIds()
    .then((found) => {
      ids = found
      refresh()
    })
    .catch(() => {})

  /** One line per survey: it would show now, or the reasons it would not. */
  function refresh() {
    list.replaceChildren(
      ...ids.map((id) => {
        const item = document.createElement('li')
        const name = document.createElement('code')
        name.textContent = id
        const explanation = demo.call('explain', id)
        const why = !explanation
          ? 'Koe is still loading'
          : explanation.wouldShow
            ? 'would show now, when its trigger fires'
            : explanation.reasons.join('; ')
        item.append(name, `: ${why}`)
        return item
      }),
    )
  }
  setInterval(() => details.open && refresh(), 1000)
  details.addEventListener('toggle', refresh)

  reset.addEventListener('click', async () => {
    // Deliver what is waiting first: forget() erases the queue too.
    await demo.call('flush')
    await demo.call('forget')
    sessionStorage.removeItem('shop-cart')
    location.reload()
  })
}
