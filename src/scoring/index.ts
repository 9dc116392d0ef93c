export { type CesOptions, type CesResult, type CesScale, ces } from './ces'
export { type CesAccumulator, createCesAccumulator } from './ces-accumulator'
export { classifyNps, type NpsGroup } from './classify-nps'
export { compareMeans } from './compare-means'
export { compareNps, type NpsComparison } from './compare-nps'
export type { Accumulator, AccumulatorJSON } from './counts-accumulator'
export { type CsatOptions, type CsatResult, csat } from './csat'
export { type CsatAccumulator, createCsatAccumulator } from './csat-accumulator'
export type { InvalidPolicy } from './errors'
export type { Estimate } from './estimate'
export { type Group, type GroupOptions, groupScores } from './group-scores'
export { type NpsOptions, type NpsResult, nps } from './nps'
export { createNpsAccumulator, type NpsAccumulator } from './nps-accumulator'
export { type Period, periodKey } from './period-key'
export { type Count, compareProportions, wilson } from './proportions'
export type { ScoresInput } from './scores-input'
export {
  utf8Length,
  type ValidationIssue,
  type ValidationResult,
  validateBatch,
  validateRecord,
} from './validate-batch'
export { type Moments, meanDifference, meanInterval } from './value-means'
export {
  type Batch,
  type CollectorAnswer,
  type DismissRecord,
  type DisplayRecord,
  MAX_ATTRIBUTE_KEY_LENGTH,
  MAX_ATTRIBUTE_VALUE_LENGTH,
  MAX_ATTRIBUTES,
  MAX_COMMENT_BYTES,
  MAX_RECORDS,
  MAX_SHORT_STRING,
  MAX_SURVEY_ID_LENGTH,
  MAX_URL_LENGTH,
  type OutcomeRecord,
  type RecordBase,
  type ResponseRecord,
  type SurveyRecord,
  WIRE_LIMITS,
  WIRE_VERSION,
  type WireRecord,
} from './wire'
