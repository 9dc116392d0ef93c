// A single-page app using Koe from npm: routes change through history.pushState, and finishing
// the setup asks a CES question.
import { createKoe } from 'koe'

const koe = createKoe({
  endpoint: `${location.origin}/collect`,
  // The collector's live surveys, edited in its dashboard (onboarding-ces and pricing-nps here:
  // finishing the setup asks a CES question, two seconds on the pricing route an NPS one).
  surveys: '/surveys.json',
})

// For the demo panel (/shop/demo-panel.js), which is not part of Koe.
window.koeDemo = {
  call: (method, ...args) => koe[method](...args),
  surveyIds: async () => ['onboarding-ces', 'pricing-nps'],
}

const views = {
  '/spa/': () => ['Welcome', 'Set up your account in one step.', null],
  '/spa/setup': () => ['Setup', 'Press the button to finish the setup.', 'Finish setup'],
  '/spa/pricing': () => ['Pricing', 'One plan, one price.', null],
}

function render() {
  const [title, text, action] = (views[location.pathname] ?? views['/spa/'])()
  const view = document.getElementById('view')
  const h2 = document.createElement('h2')
  h2.textContent = title
  const p = document.createElement('p')
  p.textContent = text
  view.replaceChildren(h2, p)
  if (action) {
    const button = document.createElement('button')
    button.type = 'button'
    button.textContent = action
    button.addEventListener('click', () => koe.track('onboarding_completed'))
    view.append(button)
  }
}

for (const link of document.querySelectorAll('[data-route]')) {
  link.addEventListener('click', (event) => {
    event.preventDefault()
    // Koe sees pushState by itself; koe.page() is for routers it cannot see.
    history.pushState(null, '', link.getAttribute('href'))
    render()
  })
}
addEventListener('popstate', render)
render()
