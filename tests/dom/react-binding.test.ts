// koe/react in happy-dom: one Koe whatever strict mode does, calls made before Koe starts, a
// headless survey drawn by the app's own component, and the built-in prompt placed inline.
import { act, createElement, StrictMode, useEffect } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { KoeDeps } from '../../src'
import { KoeProvider, KoeSurvey, useKoe, useSurvey } from '../../src/react'
import { BINDING_CONFIG, bindingWorld, promptOf, settle } from './helpers'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

/** Tracks on mount, as a page component would; its effect runs before the provider's. */
function Checkout() {
  const koe = useKoe()
  useEffect(() => koe.track('checkout'), [koe])
  return null
}

/** The team's own NPS card: one button that answers 9. */
function Card() {
  const prompt = useSurvey('nps')
  if (!prompt) return null
  return createElement(
    'button',
    { id: 'nine', type: 'button', onClick: () => prompt.answer(9) && prompt.close() },
    `${prompt.survey.question} 9`,
  )
}

/** A help page with the built-in CES prompt placed in it; `window.help()` tracks `help`. */
function Help() {
  const koe = useKoe()
  useEffect(() => {
    ;(window as { help?: () => void }).help = () => koe.track('help')
  }, [koe])
  return createElement('section', { id: 'help' }, createElement(KoeSurvey, { id: 'ces' }))
}

/** Outside any provider. */
function Lost() {
  useKoe()
  return null
}

/**
 * Lets Koe and React work, a little at a time inside `act`, until `ready` holds (2 s at most):
 * Koe shows a survey after loading it, which takes longer than one pause on a busy machine.
 */
async function until(ready: () => boolean) {
  for (let i = 0; i < 100 && !ready(); i++)
    await act(async () => {
      await settle(20)
    })
}

let root: Root | undefined
/** Renders `element` into a fresh container and lets Koe start. */
async function render(element: ReturnType<typeof createElement>) {
  const container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
  await act(async () => {
    root?.render(element)
    await settle(50)
  })
  return container
}

afterEach(async () => {
  await act(async () => root?.unmount())
  root = undefined
  document.body.replaceChildren()
  vi.restoreAllMocks()
})

describe('koe/react', () => {
  it('starts one Koe under strict mode, runs a child effect’s track, and draws a headless survey', async () => {
    const { deps, records } = bindingWorld()
    const container = await render(
      createElement(
        StrictMode,
        null,
        createElement(
          KoeProvider,
          { config: BINDING_CONFIG, deps: deps as KoeDeps },
          createElement(Checkout),
          createElement(Card),
        ),
      ),
    )
    await until(() => container.querySelector('#nine') !== null)
    const button = container.querySelector<HTMLButtonElement>('#nine')
    expect(button?.textContent).toBe(
      'How likely are you to recommend us to a friend or colleague? 9',
    )
    await act(async () => {
      button?.click()
      await settle(50)
    })
    expect(container.querySelector('#nine')).toBeNull() // closed: the card is gone
    const kinds = (await records()).map((r) => `${'surveyId' in r ? r.surveyId : r.name}:${r.kind}`)
    // One display and one answer: strict mode's second mount did not start a second Koe.
    expect(kinds.filter((k) => k === 'nps:display')).toHaveLength(1)
    expect(kinds.filter((k) => k === 'nps:response')).toHaveLength(1)
  })

  it('places the built-in prompt where <KoeSurvey> is rendered', async () => {
    const { deps } = bindingWorld()
    await render(createElement(KoeProvider, { config: BINDING_CONFIG, deps }, createElement(Help)))
    await until(() => !!(window as { help?: () => void }).help)
    await act(async () => {
      ;(window as { help?: () => void }).help?.()
    })
    await until(() => promptOf('ces').host !== null)
    expect(promptOf('ces').host?.closest('#help')).not.toBeNull()
  })

  it('says which hook is used outside the provider', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    await expect(render(createElement(Lost))).rejects.toThrow(
      /useKoe\(\) is used outside <KoeProvider>/,
    )
  })
})
