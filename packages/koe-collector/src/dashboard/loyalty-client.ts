import type { LoyaltyGroup, LoyaltyPerson, LoyaltyResult, LoyaltyType } from '../contract/loyalty'
import { call } from './api-call'

/** What the loyalty page asks: the outcome, the window, and which answers. */
export interface LoyaltyQuery {
  type: LoyaltyType
  outcome: string
  days: number
  surveyId?: string
  currency?: string
}

const queryOf = (q: Record<string, string | number | boolean | undefined>) =>
  new URLSearchParams(
    Object.entries(q)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString()

export const loyalty = (q: LoyaltyQuery) =>
  call<LoyaltyResult<LoyaltyGroup>>('GET', `/api/loyalty?${queryOf({ ...q })}`)

/** The respondents of one cell of the loyalty matrix (a responder's: it names people). */
export const loyaltyPeople = (q: LoyaltyQuery, group: LoyaltyGroup, converted: boolean) =>
  call<{ people: LoyaltyPerson[] }>(
    'GET',
    `/api/loyalty/people?${queryOf({ ...q, group, converted })}`,
  )
