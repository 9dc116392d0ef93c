import {
  createKoe,
  type Explanation,
  type HeadlessPrompt,
  type Koe,
  type KoeConfig,
  type KoeDeps,
  type KoeEventName,
  type KoeEvents,
} from 'koe'

/**
 * What a framework binding holds for one app: a Koe that components may call at any time (before
 * it starts, while it runs, after it stopped), and the headless survey to draw now.
 */
export interface KoeBinding {
  /**
   * Stable for the app's life. Calls made before Koe starts (a child's effect runs before its
   * provider's) wait and run once it has; after it stopped they do nothing.
   */
  koe: Koe
  /** The headless survey to draw now, if any; with `surveyId`, only that survey. */
  current(surveyId?: string): HeadlessPrompt | null
  /**
   * Calls `listener` whenever `current()` changes. While anything subscribes, headless surveys
   * are handed to the app; with no subscriber they are not shown (nobody would draw them).
   */
  subscribe(listener: () => void): () => void
  /**
   * Starts Koe unless it runs: a start right after a stop (React strict mode's second effect)
   * keeps the running Koe, so there is never a second instance or a second display.
   */
  start(config: KoeConfig, deps?: KoeDeps): void
  /** Stops Koe a moment later, unless `start` comes first. */
  stop(): void
}

/** An event subscription made through the binding's Koe, kept across its instance. */
interface Subscription {
  event: KoeEventName
  callback: (payload: never) => void
  off?: () => void
}

/**
 * The binding behind `koe/react` and `koe/vue`. Creating it does nothing: no storage, no timer, so
 * it is safe during server rendering and in a render function React may call twice.
 */
export function createKoeBinding(): KoeBinding {
  let instance: Koe | null = null
  let stopped = false
  let stopTimer: ReturnType<typeof setTimeout> | undefined
  /** Calls waiting for Koe to start. */
  const pending: ((koe: Koe) => void)[] = []
  const subscriptions = new Set<Subscription>()
  const listeners = new Set<() => void>()
  let current: HeadlessPrompt | null = null
  let offShow: (() => void) | undefined

  const setCurrent = (next: HeadlessPrompt | null) => {
    current = next
    for (const listener of [...listeners]) listener()
  }
  /** The prompt as the app gets it: once closed or dismissed, it is no longer current. */
  const track = (prompt: HeadlessPrompt): HeadlessPrompt => {
    const ending = (method: 'dismiss' | 'close') => (): boolean => {
      const done = prompt[method]()
      if (done && current === tracked) setCurrent(null)
      return done
    }
    const tracked: HeadlessPrompt = {
      ...prompt,
      dismiss: ending('dismiss'),
      close: ending('close'),
    }
    return tracked
  }
  /** Listens to `show` exactly while Koe runs and someone draws headless surveys. */
  const watchShow = () => {
    const wanted = !!instance && listeners.size > 0
    if (wanted && !offShow) offShow = instance?.on('show', (prompt) => setCurrent(track(prompt)))
    else if (!wanted && offShow) {
      offShow()
      offShow = undefined
    }
  }
  /**
   * Runs `call` on Koe now, or once it has started; never while it is stopped. Says whether it
   * will run.
   */
  const withKoe = (call: (koe: Koe) => void): boolean => {
    if (instance) call(instance)
    else if (!stopped) pending.push(call)
    return !stopped
  }
  /** A promise that settles once Koe's `call` does, or at once with `stopped` when Koe is stopped. */
  const awaited = <T>(call: (koe: Koe) => Promise<T>, whenStopped: T): Promise<T> =>
    new Promise<T>((resolve) => {
      if (!withKoe((k) => void call(k).then(resolve))) resolve(whenStopped)
    })
  const attach = (subscription: Subscription) => {
    subscription.off = instance?.on(
      subscription.event,
      subscription.callback as (payload: KoeEvents[KoeEventName]) => void,
    )
  }

  const koe: Koe = {
    // Each returns nothing, as Koe's do: `useEffect(() => koe.track('x'))` must not return a value.
    track(event, props) {
      withKoe((k) => k.track(event, props))
    },
    identify(userId, attributes) {
      withKoe((k) => k.identify(userId, attributes))
    },
    outcome(name, options) {
      withKoe((k) => k.outcome(name, options))
    },
    page() {
      withKoe((k) => k.page())
    },
    show(surveyId) {
      withKoe((k) => k.show(surveyId))
    },
    setConsent(state) {
      withKoe((k) => k.setConsent(state))
    },
    explain: (surveyId): Explanation =>
      instance?.explain(surveyId) ?? {
        surveyId,
        wouldShow: false,
        reasons: [stopped ? 'Koe was destroyed' : 'Koe has not started yet'],
      },
    on(event, callback) {
      const subscription: Subscription = { event, callback: callback as (payload: never) => void }
      subscriptions.add(subscription)
      attach(subscription)
      return () => {
        subscriptions.delete(subscription)
        subscription.off?.()
      }
    },
    flush: () => awaited((k) => k.flush(), undefined),
    forget: () => awaited((k) => k.forget(), { anonymousId: null }),
    destroy() {
      clearTimeout(stopTimer)
      stopped = true
      pending.length = 0
      offShow?.()
      offShow = undefined
      instance?.destroy()
      instance = null
      if (current) setCurrent(null)
    },
  }

  return {
    koe,
    current: (surveyId) =>
      current && (surveyId === undefined || current.survey.id === surveyId) ? current : null,
    subscribe(listener) {
      listeners.add(listener)
      watchShow()
      return () => {
        listeners.delete(listener)
        watchShow()
      }
    },
    start(config, deps) {
      clearTimeout(stopTimer)
      if (instance) return
      // Started again after a stop (a tree React hid and shows again): a new Koe.
      stopped = false
      instance = createKoe(config, deps)
      for (const subscription of subscriptions) attach(subscription)
      watchShow()
      for (const call of pending.splice(0)) call(instance)
    },
    stop() {
      clearTimeout(stopTimer)
      stopTimer = setTimeout(koe.destroy, 0)
    },
  }
}
