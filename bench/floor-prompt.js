// The floor for bench/host-page.bench.mjs: the smallest honest NPS prompt, plain DOM, no storage,
// no targeting, no delivery. It shows a question and eleven buttons when `floor('init', …)` sees
// a survey whose page trigger matches, or when `floor('track', event)` names its event. Written
// for the benchmark only: Koe's cost is reported as a ratio to this.
;(() => {
  let surveys = []
  const show = (survey) => {
    const box = document.createElement('div')
    box.setAttribute('data-floor-survey', survey.id)
    box.setAttribute('role', 'dialog')
    const question = document.createElement('p')
    question.textContent = 'How likely are you to recommend us to a friend or colleague?'
    box.append(question)
    for (let score = 0; score <= 10; score++) {
      const button = document.createElement('button')
      button.textContent = String(score)
      box.append(button)
    }
    // Started from <head>, as Koe is: the box waits for <body>.
    if (document.body) document.body.append(box)
    else document.addEventListener('DOMContentLoaded', () => document.body.append(box))
  }
  window.floor = (method, arg) => {
    if (method === 'init') {
      surveys = arg.surveys
      for (const survey of surveys) if (survey.trigger.pageview) show(survey)
    } else if (method === 'track') {
      for (const survey of surveys) if (survey.trigger.event === arg) show(survey)
    }
  }
})()
