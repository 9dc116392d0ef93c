// `koe/react`. Marked 'use client' in the build (rollup drops a directive written here): the
// provider holds state and effects, which React Server Components cannot.
import type { HeadlessPrompt, Koe, KoeConfig, KoeDeps } from 'koe'
import {
  createContext,
  createElement,
  type ReactNode,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
} from 'react'
import { createKoeBinding, type KoeBinding } from '../bindings/koe-binding'

export type { HeadlessPrompt, Koe, KoeConfig, ShownSurvey } from 'koe'

const KoeContext = createContext<KoeBinding | null>(null)

/** Props of {@link KoeProvider}. */
export interface KoeProviderProps {
  /** Koe's config, read once when the provider mounts (later changes are ignored). */
  config: KoeConfig
  /** Collaborators for tests; see `createKoe`. */
  deps?: KoeDeps
  children?: ReactNode
}

/**
 * Starts one Koe for the tree below it, in the browser only: during server rendering nothing
 * starts, and under strict mode's double effects the second start keeps the first instance.
 */
export function KoeProvider({ config, deps, children }: KoeProviderProps) {
  // Creating a binding has no side effect, so React may call this twice and drop one.
  const [binding] = useState(createKoeBinding)
  const [options] = useState(() => ({ config, deps }))
  useEffect(() => {
    binding.start(options.config, options.deps)
    return binding.stop
  }, [binding, options])
  return createElement(KoeContext.Provider, { value: binding }, children)
}

function useBinding(hook: string): KoeBinding {
  const binding = useContext(KoeContext)
  if (!binding) throw new Error(`koe/react: ${hook}() is used outside <KoeProvider>`)
  return binding
}

/**
 * The provider's Koe, for `track`, `identify`, `page`, `show` and `on`. Stable across renders;
 * calls made before Koe started run once it has.
 */
export function useKoe(): Koe {
  return useBinding('useKoe').koe
}

/**
 * The headless survey to draw now (`display.headless`, or config `headless`), or `null`. With
 * `surveyId`, only that survey. Re-renders when one is shown and when it is closed or dismissed.
 */
export function useSurvey(surveyId?: string): HeadlessPrompt | null {
  const binding = useBinding('useSurvey')
  return useSyncExternalStore(
    binding.subscribe,
    () => binding.current(surveyId),
    () => null,
  )
}

/** Props of {@link KoeSurvey}. */
export interface KoeSurveyProps {
  /** The survey to place here; without it, any survey that is not headless. */
  id?: string
  className?: string
}

/**
 * Koe's own prompt, placed here in the page's flow instead of floating (as `display.inline`
 * does): it renders into this element when its survey shows while the element is mounted.
 */
export function KoeSurvey({ id, className }: KoeSurveyProps) {
  return createElement('div', { 'data-koe-slot': id ?? '', className })
}
