import type { ScoreGroup, Survey } from './survey'

/** The groups of each survey type's scores, low to high (see {@link ScoreGroup}). */
export const SCORE_GROUPS: Record<Survey['type'], readonly ScoreGroup[]> = {
  nps: ['detractor', 'passive', 'promoter'],
  ces: ['hard', 'neutral', 'easy'],
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
