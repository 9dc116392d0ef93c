import type { ScoreGroup } from '../../../../src/config/survey'
import { msg, t } from './i18n/translate'

const NAMES: Record<ScoreGroup, string> = {
  detractor: msg('detractor'),
  passive: msg('passive'),
  promoter: msg('promoter'),
  hard: msg('hard'),
  neutral: msg('neutral'),
  easy: msg('easy'),
}

/** A score group as the page's language names it; a value the page does not know, as it is. */
export const groupName = (group: string) => t(NAMES[group as ScoreGroup] ?? group)
