import type { LoyaltyGroup, LoyaltyPerson, LoyaltyQuery, LoyaltyResult } from '../contract/loyalty'
import { call, searchParams } from './api-call'

export const loyalty = (q: LoyaltyQuery) =>
  call<LoyaltyResult<LoyaltyGroup>>('GET', `/api/loyalty?${searchParams(q)}`)

/** The respondents of one cell of the loyalty matrix (a responder's: it names people). */
export const loyaltyPeople = (q: LoyaltyQuery, group: LoyaltyGroup, converted: boolean) =>
  call<{ people: LoyaltyPerson[] }>(
    'GET',
    `/api/loyalty/people?${searchParams({ ...q, group, converted })}`,
  )
