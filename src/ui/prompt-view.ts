import { pickText, type ShownLocale } from '../config/resolve-locale'
import { isByGroup, SCORE_GROUPS, scoreGroup } from '../config/score-groups'
import type { LocalizedText, ScoreGroup, Survey, TextByGroup } from '../config/survey'
import type { PromptStrings } from './locales'
import type { PromptView } from './prompt'

/** A survey's own text for a group, from one text for all groups or a text per group. */
function groupText(
  text: LocalizedText | TextByGroup | undefined,
  group: ScoreGroup,
  locale: string,
): string | undefined {
  if (typeof text !== 'object') return text
  return isByGroup(text)
    ? pickText((text as TextByGroup)[group], locale)
    : pickText(text as LocalizedText, locale)
}

/**
 * Resolves a survey's texts in the locale it is `shown` in (`shownLocale`), falling back to the
 * built-in `strings`. Both come from the core, which has them at hand (issue 29: the script
 * tag's prompt file carries neither the locale rules nor English).
 */
export function promptView(survey: Survey, shown: ShownLocale, strings: PromptStrings): PromptView {
  const isNps = survey.type === 'nps'
  const top = isNps ? 10 : (survey.scale ?? 7)
  const scores: number[] = []
  for (let s = isNps ? 0 : 1; s <= top; s++) scores.push(s)
  const defaults = [strings._followUpLow, strings._followUpMid, strings._followUpHigh]
  const followUp = survey.followUp
  return {
    _surveyId: survey.id,
    _scores: scores,
    _question:
      pickText(survey.question, shown.text) ??
      (isNps ? strings._npsQuestion : strings._cesQuestion),
    _low: isNps ? strings._npsLow : strings._cesLow,
    _high: isNps ? strings._npsHigh : strings._cesHigh,
    _followUp:
      followUp === false
        ? null
        : (score) => {
            const group = scoreGroup(survey.type, score, top)
            return (
              (followUp === true ? undefined : groupText(followUp, group, shown.text)) ??
              (defaults[SCORE_GROUPS[survey.type].indexOf(group)] as string)
            )
          },
    _thanks: (score) =>
      groupText(survey.thanks, scoreGroup(survey.type, score, top), shown.text) ?? strings._thanks,
    _strings: strings,
    _lang: shown.tag,
    _dir: shown.dir,
  }
}
