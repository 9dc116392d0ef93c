import type { HeadlessPrompt, Koe, KoeConfig, KoeDeps } from 'koe'
import {
  type App,
  defineComponent,
  h,
  type InjectionKey,
  inject,
  onScopeDispose,
  type Plugin,
  type ShallowRef,
  shallowReadonly,
  shallowRef,
} from 'vue'
import { createKoeBinding, type KoeBinding } from '../bindings/koe-binding'

export type { HeadlessPrompt, Koe, KoeConfig, ShownSurvey } from 'koe'

const KOE: InjectionKey<KoeBinding> = Symbol('koe')

/**
 * A Vue plugin that starts one Koe for the app: `app.use(createKoePlugin(config))`. In the
 * browser only (during server rendering nothing starts); Koe stops when the app unmounts.
 */
export function createKoePlugin(config: KoeConfig, deps?: KoeDeps): Plugin {
  return {
    install(app: App) {
      const binding = createKoeBinding()
      app.provide(KOE, binding)
      if (typeof window === 'undefined') return
      binding.start(config, deps)
      app.onUnmount(binding.stop)
    },
  }
}

function useBinding(composable: string): KoeBinding {
  const binding = inject(KOE, null)
  if (!binding) throw new Error(`koe/vue: ${composable}() needs app.use(createKoePlugin(config))`)
  return binding
}

/** The app's Koe, for `track`, `identify`, `page`, `show` and `on`. */
export function useKoe(): Koe {
  return useBinding('useKoe').koe
}

/**
 * The headless survey to draw now (`display.headless`, or config `headless`), or `null`, as a
 * read-only ref. With `surveyId`, only that survey. Call it in `setup`.
 */
export function useSurvey(surveyId?: string): Readonly<ShallowRef<HeadlessPrompt | null>> {
  const binding = useBinding('useSurvey')
  const survey = shallowRef(binding.current(surveyId))
  onScopeDispose(
    binding.subscribe(() => {
      survey.value = binding.current(surveyId)
    }),
  )
  return shallowReadonly(survey)
}

/**
 * Koe's own prompt, placed here in the page's flow instead of floating (as `display.inline`
 * does): `<KoeSurvey id="nps" />`. Without `id`, any survey that is not headless.
 */
export const KoeSurvey = defineComponent({
  name: 'KoeSurvey',
  props: { id: { type: String, required: false } },
  setup(props) {
    return () => h('div', { 'data-koe-slot': props.id ?? '' })
  },
})
