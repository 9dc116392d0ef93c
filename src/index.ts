export type { ConsentState, KoeConfig, Theme } from './config/koe-config'
export type {
  Audience,
  CartAbandonmentPreset,
  DeviceClass,
  Display,
  EventTrigger,
  ExitIntentTrigger,
  IdleTrigger,
  LocalizedText,
  PageviewTrigger,
  Position,
  PostPurchasePreset,
  ScoreGroup,
  ScrollDepthTrigger,
  Survey,
  TextByGroup,
  TimeOnPageTrigger,
  Trigger,
  UrlPattern,
  WhereCondition,
} from './config/survey'
export { validateSurvey } from './config/validate-survey'

import type { KoeConfig } from './config/koe-config'
import { surveyErrors } from './config/validate-survey'
import { createKoeWith, type KoeDeps } from './core/create-koe'
import { headlessPrompt } from './core/headless-prompt'
import type { Koe } from './core/koe'
import { outcomeRecord } from './core/outcome-record'
import { createPromptLifecycle } from './core/prompt-lifecycle'
import { createDelivery } from './queue/create-delivery'
import { bridgeDataLayer } from './triggers/data-layer'
import { watchPageSignals } from './triggers/page-signals'
import { loadLocale } from './ui/locales/load'

export type { KoeDeps } from './core/create-koe'
/**
 * Starts Koe on this page. Never throws: an invalid config logs one console error naming the
 * field and returns a Koe whose methods do nothing. Koe's built-in strings other than English
 * load as chunks of their own when a page needs them, so your bundle carries them but a visitor
 * downloads only their language.
 */
export const createKoe: (config: KoeConfig, deps?: KoeDeps) => Koe = createKoeWith({
  _locales: loadLocale,
  _prompt: () => createPromptLifecycle,
  _delivery: () => createDelivery,
  _dataLayer: () => bridgeDataLayer,
  _signals: () => watchPageSignals,
  _outcome: () => outcomeRecord,
  _check: surveyErrors,
  _headless: headlessPrompt,
})
export type {
  Explanation,
  HeadlessPrompt,
  Koe,
  KoeEventName,
  KoeEvents,
  ShownSurvey,
} from './core/koe'
export type { QueueEntry, QueueStorage } from './queue/queue-storage'
export { SDK } from './version'
