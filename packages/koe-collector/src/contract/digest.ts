// What the digest answers (`GET /api/digest?period=week`, issue 33): the week (or day) of every
// survey at a glance, as a digest sends it.
// A contract module: the server and the dashboard's browser code both import it, neither imports the other.
import type { InboxItem } from './inbox'
import type { JourneySurvey, RelationshipNps } from './journey'

/** One survey's period. */
export interface DigestSurvey extends JourneySurvey {
  /** What unhappy customers' comments say more than happy ones', and the reverse: at most 3 each. */
  themes: { negative: string[]; positive: string[] }
  /** Detractors (or hard CES answers) of the period with a comment and no follow-up yet: 5 at most. */
  toContact: Pick<InboxItem, 'id' | 'score' | 'comment' | 'userId' | 'createdAt'>[]
}

/** `GET /api/digest`. */
export interface Digest {
  period: 'day' | 'week'
  /** The whole days it covers, in the reporting zone: `[from, until)`. */
  from: string
  until: string
  timeZone: string
  relationship: RelationshipNps
  /** Every survey with answers or live, most answered first. */
  surveys: DigestSurvey[]
  /**
   * Promoters − detractors who bought again within 90 days of their answer (every NPS answer, the
   * most common outcome), where outcomes exist; `null` otherwise.
   */
  loyalty: {
    outcome: string
    value: number | null
    interval: [number, number] | null
    verdict: string
  } | null
}
