import { Component, h } from 'preact'
import type { PromptStrings } from './locales/strings'

/** Everything the prompt shows, already resolved to one locale. */
export interface PromptView {
  _surveyId: string
  /** The scores offered, in order: 0..10 for NPS, 1..scale for CES. */
  _scores: number[]
  _question: string
  /** Anchor label of the lowest score. */
  _low: string
  /** Anchor label of the highest score. */
  _high: string
  /** Follow-up question for a score, or `null` when the survey asks none. */
  _followUp: ((score: number) => string) | null
  _strings: PromptStrings
  /** BCP 47 tag for the `lang` attribute. */
  _lang: string
}

/** What the prompt reports; the owner decides what to store and when to close. */
export interface PromptHandlers {
  /** A score was chosen (or changed). */
  _onScore(score: number): void
  /** The customer pressed submit, with the comment typed (trimmed, possibly empty). */
  _onSubmit(score: number, comment: string): void
  /** The close button or Escape. */
  _onClose(): void
}

interface PromptProps {
  view: PromptView
  handlers: PromptHandlers
}

interface PromptState {
  score: number | null
  done: boolean
}

/**
 * The NPS/CES prompt: a non-modal dialog named by its question, the scores as a native radio
 * group (arrow keys move between them), a follow-up comment once a score is chosen, then thanks.
 * A class component: Preact's core has it, so the bundle needs no hooks module.
 */
export class Prompt extends Component<PromptProps, PromptState> {
  override state: PromptState = { score: null, done: false }

  _submit = (event: Event) => {
    event.preventDefault()
    const { score } = this.state
    if (score === null) return
    // Read at submit time: the textarea is uncontrolled, so a comment typed in the same tick as
    // the submit (autofill, fast automation) is never lost to a pending re-render.
    const comment = (event.currentTarget as HTMLFormElement).querySelector('textarea')?.value ?? ''
    this.props.handlers._onSubmit(score, comment.trim())
    this.setState({ done: true })
  }

  _keyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') this.props.handlers._onClose()
  }

  override render({ view, handlers }: PromptProps, { score, done }: PromptState) {
    const qid = `koe-q-${view._surveyId}`
    const t = view._strings
    const last = view._scores.length - 1
    return (
      <div
        class="koe"
        role="dialog"
        aria-labelledby={qid}
        lang={view._lang}
        onKeyDown={this._keyDown}
      >
        <button type="button" class="close" aria-label={t._close} onClick={handlers._onClose}>
          ×
        </button>
        {done ? (
          <p class="thanks" role="status" id={qid}>
            {t._thanks}
          </p>
        ) : (
          <form onSubmit={this._submit}>
            <p class="q" id={qid}>
              {view._question}
            </p>
            <div class="scale" role="radiogroup" aria-labelledby={qid}>
              {view._scores.map((value, index) => (
                <label class="opt" key={value}>
                  <input
                    type="radio"
                    name="score"
                    checked={score === value}
                    onChange={() => {
                      this.setState({ score: value })
                      handlers._onScore(value)
                    }}
                  />
                  <span class="n">{value}</span>
                  {index === 0 || index === last ? (
                    <span class="a">
                      <span class="sr"> – </span>
                      {index === 0 ? view._low : view._high}
                    </span>
                  ) : null}
                </label>
              ))}
            </div>
            {score !== null && view._followUp ? (
              <label class="follow">
                {view._followUp(score)}
                <textarea name="comment" maxLength={1000} />
              </label>
            ) : null}
            <div class="actions">
              <button type="submit" class="send" disabled={score === null}>
                {t._submit}
              </button>
            </div>
          </form>
        )}
      </div>
    )
  }
}
