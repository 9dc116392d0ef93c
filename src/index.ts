export type { ConsentState, KoeConfig, Theme } from './config/koe-config'
export type {
  Audience,
  CartAbandonmentPreset,
  DeviceClass,
  EventTrigger,
  ExitIntentTrigger,
  IdleTrigger,
  LocalizedText,
  PageviewTrigger,
  PostPurchasePreset,
  ScrollDepthTrigger,
  Survey,
  TimeOnPageTrigger,
  Trigger,
  UrlPattern,
  WhereCondition,
} from './config/survey'
export { validateSurvey } from './config/validate-survey'
export { createKoe, type KoeDeps } from './core/create-koe'
export type { Explanation, Koe, KoeEventName, KoeEvents } from './core/koe'
export type { QueueEntry, QueueStorage } from './queue/queue-storage'
export { SDK } from './version'
