import { guardSurvey } from '../config/guard-survey'
import type { KoeConfig } from '../config/koe-config'
import { createKoeWith } from '../core/create-koe'
import type { Koe } from '../core/koe'
import type { outcomeRecord } from '../core/outcome-record'
import type { createPromptLifecycle } from '../core/prompt-lifecycle'
import { logError } from '../lib/log'
import type { createDelivery } from '../queue/create-delivery'
import type { bridgeDataLayer } from '../triggers/data-layer'
import type { watchPageSignals } from '../triggers/page-signals'
import { type ImportModule, importBeside, importModule } from './import-beside'
import { languageFiles } from './language-files'

/** The prompt's file beside the script: its UI, styles and lifecycle (src/script-tag/prompt-file.ts). */
export const PROMPT_FILE = 'koe.prompt.js'
/** Delivery's file beside the script: the answer queue and its posts (src/script-tag/delivery-file.ts). */
export const DELIVERY_FILE = 'koe.delivery.js'
/** The dataLayer bridge's file beside the script, for `dataLayer: true` (src/script-tag/data-layer-file.ts). */
export const DATA_LAYER_FILE = 'koe.data-layer.js'
/** The watcher of exit intent, scroll depth and input (src/script-tag/page-signals-file.ts). */
export const SIGNALS_FILE = 'koe.page-signals.js'

/** The maker of outcome records, for `koe('outcome', …)` (src/script-tag/outcome-file.ts). */
export const OUTCOME_FILE = 'koe.outcome.js'

/** The `koe(method, ...args)` function the script tag installs as `window.koe`. */
export interface KoeGlobal {
  (method: string, ...args: unknown[]): unknown
  /** Marks the real function, so a second copy of the bundle leaves the first one running. */
  _koe: true
}

/** The stub the snippet defines before the bundle loads: it only records its calls. */
interface SnippetStub {
  (...args: unknown[]): void
  q?: ArrayLike<unknown>[]
}

/**
 * Replaces the snippet's stub `window.koe` with the real function and replays the calls it
 * queued, in order. `koe('init', config)` creates the instance; calls made before `init` wait for
 * it. After that `koe(method, ...args)` returns what the method returns.
 */
export function installGlobal(
  win: Window & { koe?: SnippetStub | KoeGlobal },
  // The prompt, delivery, the dataLayer bridge, the page-signal watcher and every language but
  // English are files next to this one, found from its own
  // URL, which only the script's first run can read (issue 29). Tests hand in both.
  scriptUrl = (win.document?.currentScript as HTMLScriptElement | null)?.src,
  load: ImportModule = importModule,
): void {
  const existing = win.koe
  if (existing && (existing as KoeGlobal)._koe) return
  const beside = (file: string) => () =>
    importBeside(scriptUrl, file, load).then((module) => module.default)
  const createKoe = createKoeWith({
    _locales: languageFiles(scriptUrl, load),
    _prompt: beside(PROMPT_FILE) as () => Promise<typeof createPromptLifecycle>,
    _delivery: beside(DELIVERY_FILE) as () => Promise<typeof createDelivery>,
    _dataLayer: beside(DATA_LAYER_FILE) as () => Promise<typeof bridgeDataLayer>,
    _signals: beside(SIGNALS_FILE) as () => Promise<typeof watchPageSignals>,
    _outcome: beside(OUTCOME_FILE) as () => Promise<typeof outcomeRecord>,
    // Surveys were validated in full when published; the page checks what it needs to run them.
    _check: guardSurvey,
  })
  let instance: Koe | null = null
  const beforeInit: unknown[][] = []

  const koe = ((method: string, ...args: unknown[]): unknown => {
    try {
      if (method === 'init') {
        if (instance) {
          logError('koe("init") called twice; ignored')
          return undefined
        }
        instance = createKoe(args[0] as KoeConfig)
        for (const call of beforeInit.splice(0)) koe(...(call as [string, ...unknown[]]))
        return undefined
      }
      if (!instance) {
        beforeInit.push([method, ...args])
        return undefined
      }
      const fn = (instance as unknown as Record<string, unknown>)[method]
      if (typeof fn !== 'function') {
        logError(`koe("${String(method)}") is not a Koe method`)
        return undefined
      }
      return (fn as (...a: unknown[]) => unknown).apply(instance, args)
    } catch (error) {
      logError(`koe("${String(method)}") failed`, error)
      return undefined
    }
  }) as KoeGlobal
  koe._koe = true

  const stub = existing as SnippetStub | undefined
  const queued = stub && Array.isArray(stub.q) ? stub.q : []
  win.koe = koe
  for (const args of queued) koe(...(Array.from(args) as [string, ...unknown[]]))
}
