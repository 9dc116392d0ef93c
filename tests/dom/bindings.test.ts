// koe/react and koe/vue in happy-dom: one Koe per app whatever React's strict mode does, calls
// made before Koe starts, and a headless survey drawn by the app's own components.
import { act, createElement, StrictMode, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, h, nextTick } from 'vue'
import type { KoeConfig, KoeDeps } from '../../src'
import { createMemoryState } from '../../src/core/device-state'
import { createMemoryStorage } from '../../src/queue/memory-storage'
import type { QueueStorage } from '../../src/queue/queue-storage'
import * as react from '../../src/react'
import type { WireRecord } from '../../src/scoring/wire'
import * as vue from '../../src/vue'
import { promptOf, scriptedFetch, settle } from './helpers'

const config: KoeConfig = {
  endpoint: 'https://collect.example/koe',
  surveys: [
    { id: 'nps', type: 'nps', trigger: { event: 'checkout' }, display: { headless: true } },
    { id: 'ces', type: 'ces', trigger: { event: 'help' } },
  ],
}

/** Memory storage and a scripted collector; `records()` is every record the app produced. */
function world() {
  const storage: QueueStorage = createMemoryStorage()
  const net = scriptedFetch()
  const deps: KoeDeps = { storage, fetch: net.fetch, state: createMemoryState() }
  const records = async (): Promise<WireRecord[]> => [
    ...net.batches.flatMap((b) => b.records),
    ...(await storage.list()).map((e) => e.record),
  ]
  return { deps, records }
}

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
afterEach(() => {
  document.body.replaceChildren()
  vi.restoreAllMocks()
})

describe('koe/react', () => {
  it('starts one Koe under strict mode, runs a child effect’s track, and draws a headless survey', async () => {
    const { deps, records } = world()
    const fetches = vi.fn(deps.fetch as typeof fetch)
    /** Tracks on mount, as a page component would; its effect runs before the provider's. */
    function Checkout() {
      const koe = react.useKoe()
      useEffect(() => koe.track('checkout'), [koe])
      return null
    }
    function Card() {
      const prompt = react.useSurvey('nps')
      if (!prompt) return null
      return createElement(
        'button',
        { id: 'nine', onClick: () => prompt.answer(9) && prompt.close() },
        `${prompt.survey.question} 9`,
      )
    }
    const container = document.createElement('div')
    document.body.append(container)
    const root = createRoot(container)
    await act(async () => {
      root.render(
        createElement(
          StrictMode,
          null,
          createElement(
            react.KoeProvider,
            { config, deps: { ...deps, fetch: fetches as typeof fetch } },
            createElement(Checkout),
            createElement(Card),
          ),
        ),
      )
      await settle(50)
    })
    const button = container.querySelector<HTMLButtonElement>('#nine')
    expect(button?.textContent).toBe(
      'How likely are you to recommend us to a friend or colleague? 9',
    )
    await act(async () => {
      button?.click()
      await settle(50)
    })
    expect(container.querySelector('#nine')).toBeNull() // closed: the card is gone
    const kinds = (await records()).map((r) => `${r.surveyId}:${r.kind}`)
    // One display and one answer: strict mode's second mount did not start a second Koe.
    expect(kinds.filter((k) => k === 'nps:display')).toHaveLength(1)
    expect(kinds.filter((k) => k === 'nps:response')).toHaveLength(1)
    await act(async () => root.unmount())
  })

  it('places the built-in prompt where <KoeSurvey> is rendered', async () => {
    const { deps } = world()
    let track: (event: string) => void = () => {}
    function Help() {
      track = react.useKoe().track
      return createElement('section', { id: 'help' }, createElement(react.KoeSurvey, { id: 'ces' }))
    }
    const container = document.createElement('div')
    document.body.append(container)
    const root = createRoot(container)
    await act(async () => {
      root.render(createElement(react.KoeProvider, { config, deps }, createElement(Help)))
      await settle()
    })
    await act(async () => {
      track('help')
      await settle(50)
    })
    expect(promptOf('ces').host?.closest('#help')).not.toBeNull()
    await act(async () => root.unmount())
  })

  it('says which hook is used outside the provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const container = document.createElement('div')
    const root = createRoot(container)
    expect(() => act(() => root.render(createElement(() => (react.useKoe(), null))))).toThrow(
      /useKoe\(\) is used outside <KoeProvider>/,
    )
  })
})

describe('koe/vue', () => {
  it('starts Koe with the plugin and draws a headless survey with a composable', async () => {
    const { deps, records } = world()
    const Card = defineComponent({
      setup() {
        const koe = vue.useKoe()
        const prompt = vue.useSurvey('nps')
        koe.track('checkout')
        return () =>
          prompt.value &&
          h(
            'button',
            { id: 'three', onClick: () => prompt.value?.answer(3) && prompt.value?.close() },
            '3',
          )
      },
    })
    const container = document.createElement('div')
    document.body.append(container)
    const app = createApp(Card)
    app.use(vue.createKoePlugin(config, deps))
    app.mount(container)
    await settle(50)
    await nextTick()
    container.querySelector<HTMLButtonElement>('#three')?.click()
    await settle(50)
    await nextTick()
    expect(container.querySelector('#three')).toBeNull()
    expect((await records()).find((r) => r.kind === 'response')).toMatchObject({
      surveyId: 'nps',
      score: 3,
    })
    app.unmount()
  })
})
