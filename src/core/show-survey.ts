import type { Survey } from '../config/survey'
import type { Blockers } from './eligibility'

/** What a prompt must offer to be shown (prompt-lifecycle.ts). */
interface Presenter {
  present(survey: Survey, trigger: string, forced?: boolean): void
}

/** What showing a survey needs from the Koe it belongs to. */
export interface ShowContext {
  /**
   * Starts loading what showing `survey` needs (its strings, the prompt's code, delivery's): a
   * promise per part on its way, which rejects when that part failed; nothing for a part at hand.
   */
  _load: (survey: Survey) => (Promise<unknown> | undefined)[]
  /** The prompt, once every part is at hand: a survey is shown only if its answer can be kept. */
  _prompt: () => Presenter | undefined
  _blockers: Blockers
  /** Runs `run` after `ms` unless Koe has stopped. */
  _later: (run: () => void, ms: number) => unknown
  _debug: (message: string) => unknown
}

/**
 * From a trigger to a prompt (issue 29): waits the survey's delay while what it needs loads, and
 * shows it if nothing holds it back then. `_fire` is what triggers call; `_show` is `koe.show`.
 */
export function createShowSurvey(context: ShowContext) {
  /** Surveys whose trigger fired and whose delay is running. */
  const delayed = new Set<string>()

  /**
   * Runs `run` once what `survey` needs is at hand, at once when it already is. It runs at once
   * too when a part failed: nothing can be shown then (`run` finds no prompt), and waiting for
   * the others would keep the survey from being triggered again meanwhile.
   */
  const whenReady = (survey: Survey, run: () => void) => {
    const pending = context._load(survey).filter(Boolean)
    if (pending.length) void Promise.all(pending).then(() => context._later(run, 0), run)
    else run()
  }

  return {
    /** A trigger fired: shows the survey after its delay, if nothing holds it back then. */
    _fire(survey: Survey, name: string) {
      if (delayed.has(survey.id)) return
      // Fired while a prompt is open: it waits for that one, if the cool-down between surveys allows.
      const reasons = context._blockers(survey)
      if (reasons.length)
        return context._debug(`"${survey.id}" (${name}) not shown: ${reasons.join('; ')}`)
      context._debug(`"${survey.id}" triggered by ${name}`)
      delayed.add(survey.id)
      // Its language and the prompt load while the delay runs, so the prompt rarely waits.
      whenReady(survey, () => {})
      context._later(
        () =>
          whenReady(survey, () => {
            delayed.delete(survey.id)
            context._prompt()?.present(survey, name)
          }),
        survey.trigger.delay ?? 0,
      )
    },
    /** `koe.show`: the survey now, whatever its trigger, once what it needs is at hand. */
    _show(survey: Survey) {
      whenReady(survey, () => context._prompt()?.present(survey, 'show', true))
    },
  }
}
