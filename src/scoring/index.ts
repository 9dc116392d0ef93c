export { classifyNps, type NpsGroup } from './classify-nps'
export type { InvalidPolicy } from './errors'
export { type NpsOptions, type NpsResult, nps } from './nps'
export type { ScoresInput } from './scores-input'
export {
  utf8Length,
  type ValidationIssue,
  type ValidationResult,
  validateBatch,
  validateRecord,
} from './validate-batch'
export {
  type Batch,
  type CollectorAnswer,
  type DismissRecord,
  type DisplayRecord,
  type RecordBase,
  type ResponseRecord,
  WIRE_LIMITS,
  WIRE_VERSION,
  type WireRecord,
} from './wire'
