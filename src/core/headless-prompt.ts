import { scoreGroup } from '../config/score-groups'
import type { Survey } from '../config/survey'
import { clip } from '../lib/well-formed'
import type { PromptHandlers, PromptView } from '../ui/prompt'
import type { HeadlessPrompt } from './koe'

/** The longest comment kept, in characters: the built-in prompt's comment box holds as many. */
const MAX_COMMENT_CHARS = 1000

/** How the lifecycle makes a headless prompt: {@link headlessPrompt}, where an entry has it. */
export type HeadlessFactory = typeof headlessPrompt

/**
 * A survey for the site to draw itself: the texts of `view`, and methods that drive `handlers`
 * exactly as the built-in prompt's controls do. Each method checks its turn first; a call out of
 * turn is passed to `refuse` (which reports it) and changes nothing, so nothing already given is
 * lost. `closed` says whether Koe closed the prompt itself (consent denied, destroyed).
 */
export function headlessPrompt(
  survey: Survey,
  trigger: string,
  view: PromptView,
  handlers: Omit<PromptHandlers, '_announce'>,
  closed: () => boolean,
  refuse: (message: string) => void,
): HeadlessPrompt {
  const scores = view._scores
  const top = scores[scores.length - 1] as number
  let given: number | undefined
  let ended = false
  /** Reports a call that changes nothing; returns `false`, as the call then does. */
  const no = (message: string) => {
    refuse(`survey "${survey.id}": ${message}, ignored`)
    return false
  }
  /** Refuses the call when the prompt is closed; otherwise lets it through. */
  const open = (method: string) => (!ended && !closed()) || no(`${method}() after it closed`)
  const end = () => {
    ended = true
    handlers._onClose()
    return true
  }
  return {
    survey: {
      id: survey.id,
      type: survey.type,
      trigger,
      locale: view._lang,
      dir: view._dir,
      question: view._question,
      scores: [...scores],
      low: view._low,
      high: view._high,
      followUp: (score) => view._followUp?.(score) ?? null,
      thanks: view._thanks,
      group: (score) => scoreGroup(survey.type, score, top),
    },
    answer(score) {
      if (!open('answer')) return false
      if (!scores.includes(score))
        return no(`answer(${String(score)}) is not a score of ${scores[0]}..${top}`)
      given = score
      handlers._onScore(score)
      return true
    },
    comment(text) {
      if (!open('comment')) return false
      if (given === undefined) return no('comment() before answer()')
      if (typeof text !== 'string') return no('comment() needs a string')
      handlers._onSubmit(given, clip(text.trim(), MAX_COMMENT_CHARS))
      return true
    },
    dismiss() {
      if (!open('dismiss')) return false
      // The answer given stays; close() ends an answered survey.
      if (given !== undefined) return no('dismiss() after answer(); close() ends it')
      return end()
    },
    close: () => !ended && !closed() && end(),
  }
}
