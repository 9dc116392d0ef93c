// koe/vue in happy-dom: the plugin starts Koe, a composable hands a headless survey to the app's
// own component, and the answer is stored as the built-in prompt's would be.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, h, nextTick } from 'vue'
import { createKoePlugin, KoeSurvey, useKoe, useSurvey } from '../../src/vue'
import { BINDING_CONFIG, bindingWorld, promptOf, settle } from './helpers'

afterEach(() => {
  document.body.replaceChildren()
  vi.restoreAllMocks()
})

/** Mounts `component` with the plugin; returns its container and the app. */
function mount(
  component: ReturnType<typeof defineComponent>,
  deps: ReturnType<typeof bindingWorld>['deps'],
) {
  const container = document.createElement('div')
  document.body.append(container)
  const app = createApp(component)
  app.use(createKoePlugin(BINDING_CONFIG, deps))
  app.mount(container)
  return { container, app }
}

describe('koe/vue', () => {
  it('draws a headless survey with useSurvey and stores its answer', async () => {
    const { deps, records } = bindingWorld()
    const Card = defineComponent({
      setup() {
        const koe = useKoe()
        const prompt = useSurvey('nps')
        koe.track('checkout')
        return () =>
          prompt.value &&
          h(
            'button',
            { id: 'three', onClick: () => prompt.value?.answer(3) && prompt.value?.close() },
            prompt.value.survey.question,
          )
      },
    })
    const { container, app } = mount(Card, deps)
    // Koe shows the survey after loading it: longer than one pause on a busy machine.
    await vi.waitFor(() => expect(container.querySelector('#three')).not.toBeNull())
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

  it('places the built-in prompt in <KoeSurvey>, and stops Koe when the app unmounts', async () => {
    const { deps } = bindingWorld()
    let track = (_event: string) => {}
    const Help = defineComponent({
      setup() {
        track = useKoe().track
        return () => h('section', { id: 'help' }, [h(KoeSurvey, { id: 'ces' })])
      },
    })
    const { app } = mount(Help, deps)
    track('help') // queued until Koe has its surveys
    await vi.waitFor(() => expect(promptOf('ces').host).not.toBeNull())
    expect(promptOf('ces').host?.closest('#help')).not.toBeNull()
    app.unmount()
    await settle(20)
    track('help') // after the app is gone: nothing, and no error
    expect(promptOf('ces').host).toBeNull()
  })

  it('says what is missing when used without the plugin', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const app = createApp(
      defineComponent({
        setup() {
          useKoe()
          return () => null
        },
      }),
    )
    app.config.errorHandler = (error) => {
      throw error
    }
    expect(() => app.mount(document.createElement('div'))).toThrow(/needs app.use\(createKoePlugin/)
  })
})
