import type { ConsentState, KoeConfig } from '../config/koe-config'
import type { SurveyCheck } from '../config/partition-surveys'
import { pageLocale, shownLocale } from '../config/resolve-locale'
import type { Survey } from '../config/survey'
import { validateConfig } from '../config/validate-config'
import { log, logError } from '../lib/log'
import { noop } from '../lib/noop'
import { pageUrl } from '../lib/page-url'
import { type RandomBytes, uuidv7 } from '../lib/uuid-v7'
import { isWellFormed } from '../lib/well-formed'
import { builtIns } from '../lib/wire-json'
import type { createDelivery, Delivery } from '../queue/create-delivery'
import { createIdbStorage, QUEUE_DB } from '../queue/idb-storage'
import { createQueueMarker, QUEUE_MARKER_KEY } from '../queue/queue-marker'
import type { QueueStorage } from '../queue/queue-storage'
import { MAX_SHORT_STRING, type WireRecord } from '../scoring/wire'
import { createTriggers, type Triggers } from '../triggers/create-triggers'
import type { bridgeDataLayer } from '../triggers/data-layer'
import type { watchPageSignals } from '../triggers/page-signals'
import { deviceClass } from '../triggers/targeting'
import type { LocaleSource } from '../ui/locales'
import { ANONYMOUS_ID_KEY, createAnonymousId } from './anonymous-id'
import { deliveryOccasions } from './delivery-occasions'
import { createIdbState, type DeviceState, readAhead } from './device-state'
import { canShowOnThisPage, createEligibility, type EligibilityContext } from './eligibility'
import { createEmitter } from './emitter'
import { protect } from './guard'
import type { HeadlessFactory } from './headless-prompt'
import { createInertKoe } from './inert-koe'
import { type Attributes, keepAttributes } from './keep-attributes'
import type { Explanation, Koe, KoeEvents } from './koe'
import { loadSurveys, SURVEYS_KEY } from './load-surveys'
import { onDemand, type PartSource } from './on-demand'
import type { OutcomeMapping, OutcomeOptions, outcomeRecord } from './outcome-record'
import { createPageTimers } from './page-timers'
import { previewKey } from './preview-key'
import type { createPromptLifecycle, LifecycleContext } from './prompt-lifecycle'
import { createPromptStrings } from './prompt-strings'
import { createRememberedUser, USER_KEY } from './remembered-user'
import { CART_KEY, createSharedState, THROTTLE_KEY } from './shared-state'
import { createShowSurvey } from './show-survey'

/**
 * How long the flush of answers earlier pages left may wait for the page to be idle: it is not
 * needed for anything this page shows, so it stays out of the page's start-up.
 */
const IDLE_TIMEOUT_MS = 2_000

/**
 * Collaborators of {@link createKoe}. All optional: the defaults are the browser's own. Tests pass
 * fakes here instead of patching globals.
 */
export interface KoeDeps {
  /** The window to show prompts in. */
  window?: Window
  /** Where answers wait for delivery. Default: IndexedDB `koe-queue`, memory if that fails. */
  storage?: QueueStorage
  /** Where the anonymous id is kept. Default: IndexedDB `koe-state`. */
  state?: DeviceState
  /** The fetch used for the collector and the survey file. Default: the page's, captured now. */
  fetch?: typeof fetch
  /** Current time in milliseconds since the epoch. */
  now?: () => number
  /** 0..1. */
  random?: () => number
  /** Random bytes for ids. */
  randomBytes?: RandomBytes
  /** Web Locks, to let one tab flush at a time. Default: `navigator.locks` where it exists. */
  locks?: LockManager
}

/**
 * The parts each entry point chooses (issue 29). The npm entry has every part at hand and loads
 * each language as a chunk of the app; the script tag holds only what every page needs and loads
 * the prompt, delivery and languages from files beside it when a page needs them.
 */
export interface KoeParts {
  /** Built-in strings by locale. */
  _locales: LocaleSource
  /** The prompt's lifecycle: its UI, styles and records. */
  _prompt: PartSource<typeof createPromptLifecycle>
  /** The answer queue wired to the collector. */
  _delivery: PartSource<typeof createDelivery>
  /** Reads GA4 ecommerce pushes on `window.dataLayer`, for a config with `dataLayer: true`. */
  _dataLayer: PartSource<typeof bridgeDataLayer>
  /** Watches exit intent, scroll depth and input, for surveys whose triggers need them. */
  _signals: PartSource<typeof watchPageSignals>
  /**
   * What a survey must pass to run: the full validator in the npm entry, a guard of what can run
   * in the script tag.
   */
  _check: SurveyCheck
  /** Makes the record of `koe.outcome` (issue 30); the script tag loads it when one is recorded. */
  _outcome: PartSource<typeof outcomeRecord>
  /** Hands headless surveys to the site; the script tag leaves it out for its bytes. */
  _headless?: HeadlessFactory
}

/** `createKoe` made of `parts`. */
export function createKoeWith(parts: KoeParts) {
  /**
   * Starts Koe on this page. Never throws: an invalid config logs one console error naming the
   * field and returns a Koe whose methods do nothing.
   */
  return function createKoe(config: KoeConfig, deps: KoeDeps = {}): Koe {
    const checked = validateConfig(config)
    if (!checked.ok) {
      const detail = checked.errors.map((e) => `"${e.field}" ${e.message}`).join('; ')
      logError(`invalid config, Koe is off: ${detail}`)
      return createInertKoe(`the config is invalid: ${detail}`)
    }
    for (const warning of checked._warnings)
      log('warn', `config "${warning.field}" ${warning.message}`)
    const win = deps.window ?? (typeof window === 'undefined' ? undefined : window)
    if (!win) return createInertKoe('no window (SSR)')
    try {
      return startKoe(checked.value, win, deps, parts)
    } catch (error) {
      logError('Koe could not start', error)
      return createInertKoe('Koe could not start')
    }
  }
}

function startKoe(config: KoeConfig, win: Window, deps: KoeDeps, parts: KoeParts): Koe {
  const doc = win.document
  const now = deps.now ?? Date.now
  // Captured now, so a host page that later replaces window.fetch cannot break delivery.
  const fetchFn = deps.fetch ?? win.fetch.bind(win)
  const makeId = () => uuidv7(now(), deps.randomBytes)
  const debug = (message: string, ...details: unknown[]) =>
    config.debug && log('debug', message, ...details)
  const emitter = createEmitter()
  /** Logs what went wrong and tells the site's `error` listeners, with the records it concerns. */
  const fault = (
    message: string,
    code?: KoeEvents['error']['code'],
    ids?: string[],
    cause?: unknown,
  ) => {
    logError(message, cause ?? '')
    emitter.emit('error', { message, cause, code, ids })
  }
  const report = (message: string, cause?: unknown) => fault(message, undefined, undefined, cause)

  let consent: ConsentState = config.consent ?? 'granted'
  // What start-up reads of koe-state comes from one transaction; with consent pending, storage is
  // not even opened.
  const state =
    consent === 'granted'
      ? readAhead(deps.state ?? createIdbState(), [
          ANONYMOUS_ID_KEY,
          THROTTLE_KEY,
          CART_KEY,
          QUEUE_MARKER_KEY,
          SURVEYS_KEY,
          USER_KEY,
        ])
      : (deps.state ?? createIdbState())
  const queueMarker = createQueueMarker(state, makeId, now)
  /** Whether this device may keep anything: consent granted, and its id stored. */
  let granted = consent === 'granted'
  const anonymousId = createAnonymousId(state, makeId)
  /**
   * The answer queue, once its code is at hand (issue 29): the script tag loads it with the prompt
   * when a survey is due, or when the queue marker says earlier pages left answers to deliver.
   */
  const delivery = onDemand(
    parts._delivery,
    (create) =>
      create({
        _durable: deps.storage ?? createIdbStorage(),
        _mark: queueMarker.wrap,
        _granted: granted,
        _builtIns: builtIns,
        random: deps.random,
        now,
        _locks: deps.locks ?? win.navigator?.locks,
        _state: state,
        _tab: makeId(),
        _post: { endpoint: config.endpoint, headers: config.headers, fetch: fetchFn, now },
        onDelivered: (records) => {
          emitter.emit('delivered', { ids: records.map((r) => r.id) })
        },
        onFailed: (records, reason) =>
          fault(
            `${records.length} record(s) dropped: ${reason}`,
            'delivery-failed',
            records.map((r) => r.id),
          ),
        onHeld: (record, message) => fault(message, 'delivery-held', [record.id]),
        onDrained: queueMarker.drained,
      }),
    (error) => report('delivery could not be loaded; answers stay stored for a later page', error),
  )
  /**
   * Runs `use` with the queue: at once when its code is at hand, else once it is; not at all when
   * it cannot be loaded (that failure is reported).
   */
  const withQueue = (use: (queue: Delivery) => Promise<void>): Promise<void> => {
    const pending = delivery._load()
    return pending
      ? pending.then(() => use(delivery._value as Delivery), noop)
      : use(delivery._value as Delivery)
  }

  const locale = pageLocale([
    config.locale,
    doc.documentElement.getAttribute('lang'),
    win.navigator?.language,
  ])
  const promptStrings = createPromptStrings(parts._locales, report)
  let surveys: Survey[] | null = null
  const user = createRememberedUser(state, () => granted)
  const shared = createSharedState(state, win, () => granted)
  let triggers: Triggers | null = null
  let stopDataLayer = noop
  /** Surveys shown on this page; a trigger does not show them again until reload. */
  const shownHere = new Set<string>()
  /** Calls to track/show made before the survey file arrived. */
  const early: (() => void)[] = []
  let destroyed = false
  const timers = createPageTimers(() => destroyed, report)
  const later = timers._later

  /** The last write asked of the queue; the queue runs them in order. */
  const noWrite = Promise.resolve()
  let lastWrite: Promise<void> = noWrite
  /** Queues a record at once (the queue keeps writes in order); a failure is reported, never thrown. */
  const enqueue = (record: WireRecord, what: string): Promise<void> => {
    if (consent === 'denied') return lastWrite
    listen(true)
    lastWrite = withQueue((queue) =>
      queue.put({ ...record, anonymousId: anonymousId.get() }),
    ).catch((e) => report(`${what} not stored`, e))
    return lastWrite
  }
  /**
   * Sends what is queued. Before delivery's code is at hand, the queue marker is read first: the
   * code is loaded only when this page or an earlier one may have left something.
   */
  const flush = (): Promise<void> =>
    granted && !destroyed
      ? Promise.resolve(delivery._value || queueMarker._mayHoldRecords())
          .then((may) => (may ? withQueue((queue) => queue.flush()) : undefined))
          .catch((e) => report('delivery failed', e))
      : lastWrite

  const visitor: EligibilityContext = {
    _win: win,
    _locale: locale,
    _anonymousId: anonymousId.get,
    _attributes: user._attributes,
    _throttle: shared.throttle,
    _now: now,
    _cooldownDays: config.cooldownDays,
    _shownHere: shownHere,
    _consentDenied: () => consent === 'denied',
  }
  const blockers = createEligibility(visitor)
  const lifecycle: LifecycleContext = {
    _win: win,
    // A language whose strings could not be loaded leaves the prompt in English: the survey is
    // then shown, and its answer recorded, as on an English page.
    _shown: (survey) => {
      const shown = shownLocale(survey, locale, doc.documentElement.dir)
      return promptStrings._has(shown.strings) ? shown : shownLocale(survey, 'en')
    },
    _theme: config.theme,
    _headless: config.headless,
    _headlessPrompt: parts._headless,
    _strings: promptStrings._get,
    _device: () => deviceClass(win),
    _blockers: blockers,
    _shownHere: shownHere,
    _emitter: emitter,
    _now: now,
    _makeId: makeId,
    _enqueue: enqueue,
    _flush: flush,
    _note: (surveyId, what, at) => void shared.note(surveyId, what, at),
    _later: later,
    _debug: debug,
    _misuse: (message) => fault(message, 'misuse'),
    _userId: user._id,
    _attributes: user._attributes,
    _stopped: () => destroyed || consent === 'denied',
  }
  /** The prompt's life, once its code is at hand (issue 29: the script tag loads it when due). */
  const prompt = onDemand(
    parts._prompt,
    (create) => create(lifecycle),
    (error) => report('the prompt could not be loaded; the survey is not shown', error),
  )
  const showing = createShowSurvey({
    _load: (survey) => [
      promptStrings._load(shownLocale(survey, locale).strings),
      prompt._load(),
      delivery._load(),
    ],
    _prompt: () => delivery._value && prompt._value,
    _blockers: blockers,
    _later: later,
    _debug: debug,
  })

  let grant = noop
  /**
   * Resolves when the surveys may be loaded. A survey file is a request, and a preview link's
   * key is kept in sessionStorage: with consent pending or denied neither happens until consent
   * is granted (issue 27). Inline surveys need neither, so they load at once.
   */
  const loadable = new Promise<void>((resolve) => {
    grant = resolve
  })
  if (consent === 'granted' || typeof config.surveys !== 'string') grant()
  void loadable.then(() => {
    const preview = typeof config.surveys === 'string' ? previewKey(win) : undefined
    visitor._preview = !!preview
    Promise.all([
      loadSurveys(
        config.surveys,
        fetchFn,
        parts._check,
        logError,
        granted ? state : null,
        now,
        preview,
      ),
      shared.load(),
      granted && anonymousId.persist(),
      user._read(),
      // The dataLayer bridge, when the config asks for it: loaded with the surveys, so events
      // pushed before Koe count as before. Without it, the surveys still run.
      config.dataLayer &&
        Promise.resolve(parts._dataLayer()).catch((error) =>
          report('the dataLayer bridge could not be loaded; its events are not seen', error),
        ),
    ])
      .then(([list, , , , bridge]) => {
        if (destroyed) return
        surveys = list
        // With debug on every survey is armed, so that each decision is logged with its reason.
        const armed = config.debug ? list : list.filter((s) => canShowOnThisPage(s, visitor))
        if (armed.length) shared.listen()
        triggers = createTriggers({
          win,
          surveys: armed,
          now,
          fire: showing._fire,
          later,
          cart: shared.cart,
          onCart: (cart) => void shared.setCart(cart),
          signals: parts._signals,
          signalsFailed: (error) =>
            report('exit intent, scroll depth and idle triggers could not be loaded', error),
        })
        if (bridge) stopDataLayer = bridge(win, koe.track, () => shared.cart().items)
        // Events the page reports while it loads go first, those of deferred scripts included: a
        // purchase event is a better reason to show the post-purchase survey than the thank-you
        // page it happened on.
        for (const run of early.splice(0)) run()
        // `readyState` cannot tell whether deferred scripts have run yet; navigation timing can.
        const arm = () => destroyed || triggers?.page()
        const navigation = win.performance?.getEntriesByType?.('navigation')[0] as
          | PerformanceNavigationTiming
          | undefined
        if ((navigation?.domContentLoadedEventStart ?? 1) > 0) arm()
        else doc.addEventListener('DOMContentLoaded', arm, { once: true })
      })
      .catch((error) => report('survey file not loaded', error))
  })

  const whenSurveys = (run: () => void) => (surveys ? run() : early.push(run))

  /**
   * Records an outcome (issue 30) through the answer queue, under the same consent as answers.
   * Its record is made by code the script tag loads when a page first records one (an import of
   * the same file again is the browser's cached module; one that failed is tried again by the
   * next call); a wrong argument gets one console error saying what it takes.
   */
  const outcome = (name: unknown, given: unknown, mapping?: OutcomeMapping) => {
    if (destroyed || consent === 'denied') return
    const at = now()
    Promise.resolve(parts._outcome())
      .then((make) =>
        withQueue(async (queue) => {
          const record = make(name, given, mapping, makeId(), queue._time(at), user._id())
          return typeof record === 'string'
            ? logError(`koe.outcome() ${record}`)
            : enqueue(record, 'outcome').then(flush)
        }),
      )
      .catch((error) => report('koe.outcome() failed', error))
  }

  const explain = (surveyId: string): Explanation => {
    const survey = surveys?.find((s) => s.id === surveyId)
    const reasons = destroyed
      ? ['Koe was destroyed']
      : !surveys
        ? ['surveys still loading']
        : survey
          ? blockers(survey)
          : [`no valid survey "${surveyId}"`]
    const open = prompt._value?._openSurvey()
    if (open && !destroyed) reasons.push(`waits for "${open}" to close`)
    return { surveyId, wouldShow: reasons.length === 0, reasons }
  }

  // Deliver when the network comes back, and when the page is left or hidden. Listening starts
  // once this page has something to deliver: an answer of its own, or what the queue marker says
  // earlier pages may have left. A page with neither adds no listener.
  const listen = deliveryOccasions(
    win,
    flush,
    () => granted && !destroyed && delivery._value?._flushOnExit(),
  )
  // Answers left by earlier pages (closed tab, offline) go out once this page is idle, and only
  // when the marker read at start says there may be some: otherwise koe-queue is not even opened.
  // A device without a stored id is new to Koe (records are stored only with consent, and the id
  // is stored first): earlier pages left nothing. There the idle moment sends only what this page
  // stored by then (a prompt shown on load); with nothing stored, the marker says the queue is
  // empty for the next page, as a flush that found it empty would. Should an id have been lost,
  // the next page, which finds the id this one stores, looks.
  if (granted)
    void Promise.all([queueMarker._mayHoldRecords(), anonymousId.persist()]).then(
      ([may, known]) => {
        if (!may || destroyed) return
        listen(true)
        // flush() does nothing once destroyed, and never rejects.
        const look = () => (known || lastWrite !== noWrite ? flush() : queueMarker.drained())
        if (win.requestIdleCallback) win.requestIdleCallback(look, { timeout: IDLE_TIMEOUT_MS })
        else later(look, 0)
      },
    )

  const koe: Koe = {
    track(event: string, props: Record<string, unknown> = {}) {
      if (typeof event !== 'string' || !event)
        return logError(`koe.track() needs an event name, got ${String(event)}`)
      debug(`track "${event}"`, props)
      const mapping = config.outcomes?.[event]
      if (mapping) outcome(mapping.name, props, mapping)
      whenSurveys(() => triggers?.track(event, props ?? {}))
    },
    outcome: (name: string, options?: OutcomeOptions) => outcome(name, options),
    identify(id: string | null, attrs?: Record<string, string | number | boolean>) {
      if (
        id !== null &&
        (typeof id !== 'string' || !id || id.length > MAX_SHORT_STRING || !isWellFormed(id))
      ) {
        return logError(
          `koe.identify() needs a user id of 1..${MAX_SHORT_STRING} characters (no NUL) or null`,
        )
      }
      let kept: Attributes | undefined
      if (id !== null && attrs && Object.keys(attrs).length) {
        const { kept: valid, dropped } = keepAttributes(attrs)
        if (dropped.length)
          logError(
            `koe.identify(): left out ${dropped} (strings ≤ 256 without NUL, numbers, booleans; not __proto__; 50 at most)`,
          )
        kept = valid
      }
      user._name(id, kept)
    },
    page() {
      debug(`page ${pageUrl(win.location)}`)
      whenSurveys(() => triggers?.page())
    },
    show(surveyId: string) {
      whenSurveys(() => {
        const survey = surveys?.find((s) => s.id === surveyId)
        if (survey) showing._show(survey)
        else logError(`koe.show(): no valid survey "${surveyId}"`)
      })
    },
    explain,
    on: emitter.on,
    setConsent(next: 'granted' | 'denied') {
      if (next !== 'granted' && next !== 'denied') {
        return logError(`koe.setConsent() takes "granted" or "denied", got ${String(next)}`)
      }
      consent = next
      if (next === 'granted') {
        grant()
        void anonymousId
          .persist()
          .then(() => {
            granted = true
            return delivery._value?._consent(true)
          })
          .then(() => shared.store())
          .then(user._keep)
          .then(() => flush())
      } else {
        granted = false
        void delivery._value?._consent(false)
        delivery._value?._forgetUnsent()
        prompt._value?.close()
      }
    },
    flush: () => flush(),
    async forget() {
      // The id the collector knows this device by, for the site to erase there too.
      await (granted && anonymousId.persist())
      const erased = anonymousId.get()
      await withQueue((queue) => queue.clear())
      // Delivery could not be loaded: the queue's database goes whole (other tabs' connections
      // close on its versionchange, open-store.ts).
      if (!delivery._value) indexedDB.deleteDatabase(QUEUE_DB)
      await state.clear()
      anonymousId.reset()
      shared.reset()
      user._reset()
      return { anonymousId: erased }
    },
    destroy() {
      prompt._value?.remove()
      destroyed = true
      triggers?.stop()
      stopDataLayer()
      shared.close()
      timers._clear()
      delivery._value?.stop()
      listen(false)
      emitter.clear()
    },
  }
  return protect(koe, report)
}
