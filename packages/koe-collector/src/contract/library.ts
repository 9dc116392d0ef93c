// The survey library as its API answers it.
// A contract module: the server and the dashboard's browser code both import it, neither imports the other.
import type { Survey } from '../../../../src/config/survey'

/** Where a survey is in its life: never published, shown to sites, held back, or put away. */
export type SurveyStatus = 'draft' | 'live' | 'paused' | 'archived'

/** A survey of the library, without its versions. */
export interface LibrarySurvey {
  id: string
  status: SurveyStatus
  /** The newest saved version; the editor saves on top of it. */
  latestVersion: number
  /** The version sites get while the survey is live (or got before it was paused). */
  publishedVersion: number | null
  updatedAt: string
  /** The newest version's definition. */
  definition: Survey
}

/** One saved version of a survey. */
export interface SurveyVersion {
  version: number
  definition: Survey
  author: string
  note: string
  createdAt: string
}

/** One line of a survey's history: who did what to which version, and when. */
export interface SurveyLogEntry {
  action: 'created' | 'saved' | 'published' | 'paused' | 'rolled back' | 'archived'
  version: number | null
  author: string
  at: string
}

/** Displays, answers and score of a survey's last 30 days, for the survey list. */
export interface SurveyStats {
  displays: number
  responses: number
  /** NPS, or the CES mean; `null` without answers. */
  score: number | null
}
