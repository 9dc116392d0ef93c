import { pickText } from '../config/resolve-locale'
import type { Survey } from '../config/survey'
import type { PromptStrings } from './locales/strings'
import type { PromptView } from './prompt'

/** Resolves a survey's texts for one locale, falling back to the built-in strings. */
export function promptView(survey: Survey, locale: string, strings: PromptStrings): PromptView {
  const isNps = survey.type === 'nps'
  const top = isNps ? 10 : (survey.scale ?? 7)
  const scores: number[] = []
  for (let s = isNps ? 0 : 1; s <= top; s++) scores.push(s)
  const custom =
    typeof survey.followUp === 'boolean' ? undefined : pickText(survey.followUp, locale, 'en')
  const followUp =
    survey.followUp === false
      ? null
      : (score: number) => custom ?? defaultFollowUp(survey, score, top, strings)
  return {
    _surveyId: survey.id,
    _scores: scores,
    _question:
      pickText(survey.question, locale, 'en') ??
      (isNps ? strings._npsQuestion : strings._cesQuestion),
    _low: isNps ? strings._npsLow : strings._cesLow,
    _high: isNps ? strings._npsHigh : strings._cesHigh,
    _followUp: followUp,
    _strings: strings,
    _lang: locale,
  }
}

function defaultFollowUp(
  survey: Survey,
  score: number,
  top: number,
  strings: PromptStrings,
): string {
  if (survey.type === 'nps') {
    return score >= 9
      ? strings._followUpHigh
      : score >= 7
        ? strings._followUpMid
        : strings._followUpLow
  }
  // CES top box (5–7 of 7, 4–5 of 5) counts as easy.
  return score >= (top === 5 ? 4 : 5) ? strings._followUpHigh : strings._followUpLow
}
