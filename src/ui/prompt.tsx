import { h } from './h'
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
  /** The thanks after sending a score. */
  _thanks: (score: number) => string
  _strings: PromptStrings
  /** BCP 47 tag for the `lang` attribute. */
  _lang: string
  _dir: 'ltr' | 'rtl'
}

/** What the prompt reports; the owner decides what to store and when to close. */
export interface PromptHandlers {
  /**
   * A score was chosen (or changed): tapped or clicked, or, from the keyboard, confirmed with
   * Space, Enter or Send, or by leaving the scale. Arrowing across the scale only points.
   */
  _onScore(score: number): void
  /** The customer pressed submit, with the comment typed (trimmed, possibly empty). */
  _onSubmit(score: number, comment: string): void
  /** The close button or Escape. */
  _onClose(): void
  /** Says a text through the polite live region (the thanks, when focus did not move to it). */
  _announce(text: string): void
}

/**
 * The NPS/CES prompt: a non-modal dialog named by its question, the scores as a native radio
 * group (arrow keys move between them), a follow-up comment once a score is chosen, then thanks.
 * Built once as real DOM and updated in place, so focus stays where the customer put it.
 */
export function createPrompt(
  view: PromptView,
  handlers: PromptHandlers,
  mode?: 'modal' | 'inline',
): HTMLElement {
  const qid = `koe-q-${view._surveyId}`
  const t = view._strings
  const last = view._scores.length - 1
  /** The score shown as checked. */
  let score: number | null = null
  /** The score last reported to the owner. */
  let given: number | null = null
  /** The last change came from an arrow key: pointing, not answering (a native radio group checks as it moves). */
  let arrowed = false
  const confirm = () => {
    if (score === null || score === given) return
    given = score
    handlers._onScore(score)
  }
  const followText = document.createTextNode('')
  const follow = view._followUp ? (
    <label class="follow">
      {followText}
      {/* Chinese and Japanese full-width brackets carry their own space. */}
      {/^(ja|zh)/.test(view._lang) ? '' : ' '}
      <span class="optional">{t._optional}</span>
      <textarea name="comment" maxLength={1000} />
    </label>
  ) : null
  const send = (
    <button type="submit" class="send" disabled={true}>
      {t._submit}
    </button>
  )
  const actions = <div class="actions">{send}</div>
  const choose = (value: number) => {
    score = value
    ;(send as HTMLButtonElement).disabled = false
    if (follow && view._followUp) {
      followText.data = view._followUp(value)
      // Shown once a score is chosen, before the submit button, as the second step.
      if (!follow.isConnected) form.insertBefore(follow, actions)
    }
    if (!arrowed) confirm()
  }
  const onScaleKey = (event: KeyboardEvent) => {
    arrowed = event.key.startsWith('Arrow')
    if (event.key === ' ' || event.key === 'Enter') {
      // Enter confirms the score, as Space does, instead of sending the form past the comment.
      if (event.key === 'Enter') event.preventDefault()
      confirm()
    }
  }
  const submit = (event: Event) => {
    event.preventDefault()
    if (score === null) return
    confirm()
    // Read at submit time, so a comment typed in the same tick as the submit is never lost.
    const comment = form.querySelector('textarea')?.value ?? ''
    handlers._onSubmit(score, comment.trim())
    const focused = form.contains((form.getRootNode() as ShadowRoot).activeElement)
    const text = view._thanks(score)
    const thanks = (
      <p class="thanks" id={qid} tabindex="-1">
        {text}
      </p>
    )
    form.replaceWith(thanks)
    // The focused Send button is gone: focus moves to the thanks, never to <body>, and a screen
    // reader reads it there; otherwise the live region says it.
    if (focused) thanks.focus()
    else handlers._announce(text)
  }
  const form = (
    <form onSubmit={submit}>
      <p class="q" id={qid}>
        {view._question}
      </p>
      <div
        class="scale"
        role="radiogroup"
        aria-labelledby={qid}
        onKeyDown={onScaleKey}
        onPointerDown={() => {
          arrowed = false
        }}
        onFocusOut={(event: FocusEvent) =>
          // Leaving the scale for the comment, Send or the page confirms what it points at.
          (event.currentTarget as HTMLElement).contains(event.relatedTarget as Node | null) ||
          confirm()
        }
      >
        {view._scores.map((value, index) => (
          <label class="opt">
            <input type="radio" name="score" onChange={() => choose(value)} />
            <span class="n">{value}</span>
            {(index === 0 || index === last) && (
              <span class="sr"> – {index === 0 ? view._low : view._high}</span>
            )}
          </label>
        ))}
      </div>
      {/* The anchors again, for the eye: a row of their own that wraps, under the scale's ends. */}
      <div class="anchors" aria-hidden="true">
        <span>{view._low}</span>
        <span>{view._high}</span>
      </div>
      {actions}
    </form>
  )
  // A modal prompt is a native <dialog> (shown with showModal, which makes the page inert); an
  // inline one is a region of the page, named by its question.
  return h(
    mode === 'modal' ? 'dialog' : 'div',
    {
      class: 'koe',
      role: mode === 'inline' ? 'region' : mode ? null : 'dialog',
      'aria-labelledby': qid,
      lang: view._lang,
      dir: view._dir,
      onKeyDown: (event: KeyboardEvent) => {
        if (event.key !== 'Escape') return
        event.preventDefault()
        // A score only pointed at is not an answer: Escape dismisses.
        score = given
        handlers._onClose()
      },
    },
    <button type="button" class="close" aria-label={t._close} onClick={handlers._onClose}>
      {'\u00d7'}
    </button>,
    form,
  )
}
