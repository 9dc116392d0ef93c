import type { JourneyResult } from '../contract/journey'
import { call, searchParams } from './api-call'

/** The journey view over the last `days` whole days (0: all time). */
export const journey = (days: number) =>
  call<JourneyResult>('GET', `/api/journey?${searchParams({ days: days || undefined })}`)
