import type { LoyaltyResult } from '../contract/loyalty'
import { call } from './api-call'

/** What the loyalty page asks: the outcome, the window, and which answers. */
export interface LoyaltyQuery {
  outcome: string
  days: number
  surveyId?: string
  currency?: string
}

export const loyalty = (q: LoyaltyQuery) =>
  call<LoyaltyResult>(
    'GET',
    `/api/loyalty?${new URLSearchParams(
      Object.entries(q)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => [k, String(v)]),
    )}`,
  )
