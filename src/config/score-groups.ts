import type { ScoreGroup, Survey } from './survey'

/** The groups of each survey type's scores, low to high (see {@link ScoreGroup}). */
export const SCORE_GROUPS: Record<Survey['type'], readonly ScoreGroup[]> = {
  nps: ['detractor', 'passive', 'promoter'],
  ces: ['hard', 'neutral', 'easy'],
}

/** Every group: NPS's, then CES's. */
export const ALL_SCORE_GROUPS: readonly ScoreGroup[] = [...SCORE_GROUPS.nps, ...SCORE_GROUPS.ces]

/**
 * The group of a score: NPS detractor 0–6, passive 7–8, promoter 9–10; CES hard below the middle
 * of the scale, neutral the middle, easy above it (the top box of `koe/scoring`).
 */
export function scoreGroup(type: Survey['type'], score: number, top: number): ScoreGroup {
  if (type === 'nps') return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor'
  const middle = (top + 1) / 2
  return score > middle ? 'easy' : score < middle ? 'hard' : 'neutral'
}

/**
 * Whether a text object gives texts by group rather than by locale: it names a group of either
 * type (the validator ensures it then names nothing else).
 */
export const isByGroup = (text: object): boolean =>
  Object.keys(text).some(
    (key) =>
      SCORE_GROUPS.nps.includes(key as ScoreGroup) || SCORE_GROUPS.ces.includes(key as ScoreGroup),
  )
