// The inbox as its API answers it: follow-up statuses, answers with comments, themes.
// A contract module: the server and the dashboard's browser code both import it, neither imports the other.
import type { ScoreGroup } from '../../../../src/config/survey'

/** Where a follow-up of the inbox stands. */
export type FollowUpStatus = 'new' | 'contacted' | 'resolved'

/** Every status, in the order a follow-up goes through them. */
export const STATUSES: FollowUpStatus[] = ['new', 'contacted', 'resolved']

/** One answer with a comment, as the inbox lists it. */
export interface InboxItem {
  id: string
  surveyId: string
  type: 'nps' | 'ces'
  score: number
  group: ScoreGroup
  comment: string
  locale: string | null
  createdAt: string
  /** The site's `identify` user id and attributes, when it gave them: whom to contact. */
  userId: string | null
  attributes: Record<string, unknown> | null
  status: FollowUpStatus
  note: string | null
}

/** One theme: a term and how many comments of each side use it. */
export interface Theme {
  term: string
  /** Comments of unhappy customers (NPS detractors, CES hard) that use it. */
  negative: number
  /** Comments of happy customers (NPS promoters, CES easy) that use it. */
  positive: number
  /**
   * How much more the side it is listed for uses it: the z-score of the difference of the two
   * log-odds (Monroe, Colaresi and Quinn 2008), with half a comment added to every count.
   */
  z: number
}
