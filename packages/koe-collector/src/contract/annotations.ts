// What the annotations API takes and answers (`/api/annotations`, issue 33).
// A contract module: the server and the dashboard's browser code both import it, neither imports the other.

/** A release, an incident, a campaign: a moment worth seeing on every timeline. */
export interface Annotation {
  id: string
  /** ISO 8601 UTC. */
  at: string
  /** 1..200 characters. */
  label: string
  /** The survey it is about; `null`: every survey. */
  surveyId: string | null
  /** Who wrote it; `null` for the local operator. */
  author: string | null
}

/** `POST /api/annotations`, and `PATCH /api/annotations/:id` with any of these fields. */
export interface AnnotationInput {
  at: string
  label: string
  surveyId?: string | null
}
