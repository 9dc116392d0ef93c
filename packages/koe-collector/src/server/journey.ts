import type { Survey } from '../../../../src/config/survey'
import { createNpsAccumulator } from '../../../../src/scoring/nps-accumulator'
import type { CountQuery } from '../collector/counts'
import type { JourneyResult, JourneySurvey } from '../contract/journey'
import type { LibrarySurvey } from '../contract/library'
import type { RelationshipSource } from './relationship'
import { overview, type ResultsSource } from './results'

/** Where a survey asks, in the journey: its trigger's event or preset, else the trigger's kind. */
export function touchpointOf(trigger: Survey['trigger'] | undefined): string {
  if (!trigger) return ''
  if ('event' in trigger) return trigger.event
  if ('preset' in trigger) return trigger.preset
  const kind = Object.keys(trigger).find((key) => key !== 'delay' && key !== 'where')
  return kind ?? ''
}

/** A survey's own question, in English or else its first language, as a label beside its id. */
export function questionOf(question: Survey['question'] | undefined): string | null {
  if (question === undefined) return null
  if (typeof question === 'string') return question
  return question.en ?? Object.values(question)[0] ?? null
}

/** What the journey view reads. */
export interface JourneySources {
  results: ResultsSource
  relationship: RelationshipSource
  /** Surveys that have records. */
  surveyIds: () => Promise<string[]>
  /** The library's surveys, for their touchpoints and status (none on a custom store). */
  library?: () => Promise<LibrarySurvey[]>
}

/**
 * Every survey side by side, grouped by touchpoint (touchpoints in order of their answers, most
 * first; surveys likewise), with the results page's filters, and the relationship NPS across all
 * NPS surveys (issue 31). Archived surveys without answers in the range are left out.
 */
export async function journey(
  sources: JourneySources,
  query: Omit<CountQuery, 'surveyId'>,
): Promise<JourneyResult> {
  const [ids, library, relationship] = await Promise.all([
    sources.surveyIds(),
    sources.library?.() ?? Promise.resolve([]),
    sources.relationship(query),
  ])
  const known = new Map(library.map((s) => [s.id, s]))
  const all = [
    ...new Set([...ids, ...library.filter((s) => s.status !== 'draft').map((s) => s.id)]),
  ]
  const rows: JourneySurvey[] = (
    await Promise.all(
      all.map(async (surveyId) => {
        const survey = known.get(surveyId)
        return {
          surveyId,
          touchpoint: touchpointOf(survey?.definition.trigger),
          status: survey?.status ?? null,
          question: questionOf(survey?.definition.question),
          ...(await overview(sources.results, { ...query, surveyId })),
        }
      }),
    )
  ).filter((row) => row.status !== 'archived' || row.responses > 0)
  const byTouchpoint = new Map<string, JourneySurvey[]>()
  for (const row of rows.sort(
    (a, b) => b.responses - a.responses || (a.surveyId < b.surveyId ? -1 : 1),
  ))
    byTouchpoint.set(row.touchpoint, [...(byTouchpoint.get(row.touchpoint) ?? []), row])
  const answered = (list: JourneySurvey[]) => list.reduce((sum, row) => sum + row.responses, 0)
  const touchpoints = [...byTouchpoint]
    .map(([touchpoint, surveys]) => ({ touchpoint, surveys }))
    .sort(
      (a, b) => answered(b.surveys) - answered(a.surveys) || (a.touchpoint < b.touchpoint ? -1 : 1),
    )
  const nps = createNpsAccumulator.fromJSON({ kind: 'nps', counts: relationship.counts }).result()
  return {
    touchpoints,
    relationship: {
      score: nps.score,
      n: nps.n,
      interval: nps.interval,
      answers: relationship.answers,
    },
  }
}
