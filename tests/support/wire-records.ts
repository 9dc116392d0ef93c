import type { ResponseRecord, SurveyRecord } from '../../src/scoring/wire'

let n = 0
/** A new record id each call, valid on the wire (a UUID v7 shape). */
export const recordId = () => `0195a000-0000-7000-8000-${String(++n).padStart(12, '0')}`

/** A post-purchase NPS answer of 3 with a new id, as the SDK sends it; `fields` override. */
export function responseRecord(fields: Partial<ResponseRecord> = {}): ResponseRecord {
  return {
    id: recordId(),
    kind: 'response',
    surveyId: 'post-purchase-nps',
    type: 'nps',
    score: 3,
    createdAt: '2026-11-30T09:00:00.000Z',
    updatedAt: '2026-11-30T09:00:00.000Z',
    trigger: 'purchase_completed',
    locale: 'en',
    url: 'https://shop.example/thanks',
    sdk: 'koe@0.1.0',
    ...fields,
  } as ResponseRecord
}

/** A display of the post-purchase NPS with a new id. */
export const displayRecord = (createdAt = '2026-11-30T08:59:00.000Z'): SurveyRecord => ({
  id: recordId(),
  kind: 'display',
  surveyId: 'post-purchase-nps',
  createdAt,
})
