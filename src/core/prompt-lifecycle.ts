import type { Theme } from '../config/koe-config'
import type { ShippedLocale, ShownLocale } from '../config/resolve-locale'
import type { DeviceClass, Survey } from '../config/survey'
import { isoTime } from '../lib/iso-time'
import { pageUrl } from '../lib/page-url'
import { clip, wellFormed } from '../lib/well-formed'
import {
  MAX_SHORT_STRING,
  MAX_URL_LENGTH,
  type RecordContext,
  type ResponseRecord,
  type WireRecord,
} from '../scoring/wire'
import type { PromptStrings } from '../ui/locales'
import { mountPrompt } from '../ui/mount-prompt'
import type { PromptHandlers } from '../ui/prompt'
import { promptView } from '../ui/prompt-view'
import { SDK } from '../version'
import type { Blockers } from './eligibility'
import type { Emitter } from './emitter'
import type { HeadlessFactory } from './headless-prompt'
import type { Attributes } from './keep-attributes'

/** How long the thanks message stays before a floating prompt closes itself, in milliseconds. */
const THANKS_MS = 3_000

/** What the lifecycle needs from the rest of Koe. */
export interface LifecycleContext {
  _win: Window
  /** The locale a survey is shown in on this page: the best one it and Koe speak (`shownLocale`). */
  _shown(survey: Survey): ShownLocale
  _theme?: Theme
  /** Every survey is headless (config `headless`): shown through the `show` event only. */
  _headless?: boolean
  /** Makes the object a `show` event hands over; without it (the script tag) headless surveys do not show. */
  _headlessPrompt?: HeadlessFactory
  /** Koe's built-in strings for a shipped locale: English when that locale's are not loaded. */
  _strings(locale: ShippedLocale): PromptStrings
  /** This device's class (`deviceClass`), for the records' context. */
  _device(): DeviceClass
  _blockers: Blockers
  /** Surveys shown on this page; the lifecycle adds to it. */
  _shownHere: Set<string>
  _emitter: Emitter
  _now(): number
  _makeId(): string
  /** Stores a record durably; resolves once it is stored (never rejects). */
  _enqueue(record: WireRecord, what: string): Promise<void>
  _flush(): Promise<void>
  /** Notes a survey's history for throttling (shared with other tabs). */
  _note(surveyId: string, what: 'shown' | 'answered' | 'dismissed', at: number): void
  /** Runs `run` after `ms` unless Koe is destroyed; errors are reported. */
  _later(run: () => void, ms: number): void
  _debug(message: string): void
  /** Reports a mistake of the site's (console and `error` event). */
  _misuse(message: string): void
  _userId(): string | null | undefined
  _attributes(): Attributes | undefined
  _stopped(): boolean
}

/**
 * The element an inline survey renders into: the first match of `display.inline`; without one,
 * a slot for it (`data-koe-slot` with its id, or empty for any survey), as `<KoeSurvey>` of
 * `koe/react` and `koe/vue` renders. `null` when nothing matches (or the selector does not
 * parse): the survey then floats.
 */
function inlineTarget(doc: Document, survey: Survey): Element | null {
  try {
    return doc.querySelector(
      survey.display?.inline ?? `[data-koe-slot="${survey.id}"],[data-koe-slot=""]`,
    )
  } catch {
    return null
  }
}

/** The prompt currently on screen (or, headless, handed to the site). */
interface OpenPrompt {
  _survey: Survey
  /** Where and how it was asked: the same on its display, dismissal and response (issue 15). */
  _about: RecordContext & { surveyId: string }
  /** Takes the prompt off the page; nothing for a headless one. */
  _unmount: () => void
  _response: ResponseRecord | null
  _answered: boolean
  /** Closed by Koe or the customer; a headless prompt's methods then do nothing. */
  _closed: boolean
  _closeTimer: ReturnType<typeof setTimeout> | undefined
}

/**
 * A prompt's life: present (or wait while another is open), answer (the score durable the moment
 * it is given, the comment on the same record), close (a dismiss when nothing was answered), and
 * the waiting surveys, by priority, each checked again when its turn comes.
 */
export function createPromptLifecycle(context: LifecycleContext) {
  const { _win: win, _emitter: emitter } = context
  const doc = win.document
  /** Records' times; the prompt's file carries its own copy (the core needs none, issue 29). */
  const iso = () => isoTime(context._now())
  let open: OpenPrompt | null = null
  /** Prompts answered and closed but left on the page (inline thanks), by their unmount. */
  const kept = new Set<() => void>()
  /** Surveys whose trigger fired while another prompt was open, highest priority first. */
  const waiting: { survey: Survey; trigger: string; forced: boolean }[] = []
  /** The last write of this prompt's answer: `answered` waits for it. */
  let lastWrite: Promise<void> = Promise.resolve()
  const store = (record: WireRecord, what: string) => {
    lastWrite = context._enqueue(record, what)
    return lastWrite
  }

  /**
   * Shows a survey now, or queues it while another prompt is open. Unless `forced` (`koe.show`),
   * its conditions are checked again first: the route may have changed during its delay.
   */
  const present = (survey: Survey, trigger: string, forced = false) => {
    if (context._stopped()) return
    // One prompt at a time: the others wait, and are checked again when their turn comes.
    if (open) {
      if (open._survey.id !== survey.id && !waiting.some((w) => w.survey.id === survey.id)) {
        waiting.push({ survey, trigger, forced })
        waiting.sort((a, b) => (b.survey.priority ?? 0) - (a.survey.priority ?? 0))
      }
      return
    }
    const reasons = forced ? [] : context._blockers(survey)
    if (reasons.length) return context._debug(`"${survey.id}" dropped: ${reasons.join('; ')}`)
    if (!doc.body) {
      doc.addEventListener(
        'DOMContentLoaded',
        () => context._later(() => present(survey, trigger, forced), 0),
        { once: true },
      )
      return
    }
    const headless = !!(context._headless || survey.display?.headless)
    const makeHeadless = context._headlessPrompt
    // A headless survey nobody draws would count as shown to a customer who never saw it.
    if (headless && !(makeHeadless && emitter.has('show')))
      return context._misuse(
        `survey "${survey.id}" is headless: not shown (needs the npm module and a koe.on("show") listener)`,
      )
    context._shownHere.add(survey.id)
    const shown = context._shown(survey)
    const view = promptView(survey, shown, context._strings(shown.strings))
    const inline = headless ? null : inlineTarget(doc, survey)
    if (survey.display?.inline && !inline && !headless)
      context._debug(`"${survey.id}": display.inline matches nothing here; it floats`)
    const current: OpenPrompt = {
      _survey: survey,
      _about: {
        surveyId: survey.id,
        // Clipped to the wire limits: a field over them would make the collector refuse the record.
        trigger: wellFormed(clip(trigger, MAX_SHORT_STRING)),
        // The locale the prompt was shown in, not only the page's.
        locale: view._lang,
        url: pageUrl(win.location).slice(0, MAX_URL_LENGTH),
        device: context._device(),
        sdk: SDK,
        attributes: context._attributes(),
      },
      _response: null,
      _answered: false,
      _closed: false,
      _closeTimer: undefined,
      _unmount: () => {},
    }
    const handlers: Omit<PromptHandlers, '_announce'> = {
      _onScore: (score) => {
        const at = iso()
        const base = current._response ?? {
          id: context._makeId(),
          kind: 'response' as const,
          ...current._about,
          type: survey.type,
          createdAt: at,
          // Undefined fields vanish in JSON.stringify, so optional ones need no spreads.
          scale: survey.type === 'ces' ? (survey.scale ?? 7) : undefined,
          userId: context._userId() ?? undefined,
          // As they are when the customer answers (the site may identify while the prompt is open).
          attributes: context._attributes(),
        }
        current._response = { ...base, score, updatedAt: at } as ResponseRecord
        // The score is durable the moment it is chosen, before any comment.
        void store(current._response, 'answer')
      },
      _onSubmit: (score, comment) => {
        const response = current._response
        if (response && comment) {
          // A NUL or a broken emoji would make the collector refuse the whole answer.
          current._response = {
            ...response,
            score,
            comment: wellFormed(comment),
            updatedAt: iso(),
          }
          void store(current._response, 'comment')
        }
        markAnswered(current)
        void context._flush()
        // A headless prompt closes when the site says so. An inline prompt keeps its thanks in
        // place (removing it would shift the page) but lets the next survey show; a floating
        // one closes itself after a while.
        if (headless) return
        if (inline) close(current, true)
        else current._closeTimer = setTimeout(() => close(current), THANKS_MS)
      },
      _onClose: () => close(current),
    }
    if (!headless)
      current._unmount = mountPrompt(doc, view, handlers, {
        _theme: { ...context._theme, ...survey.display?.theme },
        _position: survey.display?.position,
        _inline: inline,
        // `koe.show()` right after a click or key press: the customer asked for it.
        _focus:
          forced &&
          !!(win.navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation
            ?.isActive,
      }).unmount
    open = current
    void store(
      { id: context._makeId(), kind: 'display', ...current._about, createdAt: iso() },
      'display',
    )
    // Sent at once, while the customer reads the question (issue 27): kept for the close, a
    // display left open when the customer moved on went out with the page's exit (keepalive,
    // its answer never read) and again from the next page.
    void context._flush()
    context._note(survey.id, 'shown', context._now())
    context._debug(`showing "${survey.id}" (trigger: ${trigger})`)
    if (makeHeadless && headless)
      emitter.emit(
        'show',
        makeHeadless(survey, trigger, view, handlers, () => current._closed, context._misuse),
      )
    emitter.emit('shown', { surveyId: survey.id, trigger })
  }

  const markAnswered = (prompt: OpenPrompt) => {
    if (prompt._answered || !prompt._response) return
    prompt._answered = true
    const { id, surveyId, score, comment } = prompt._response
    context._note(surveyId, 'answered', context._now())
    // Emitted once the answer is durable: a site that navigates on this event loses nothing.
    void lastWrite.then(() => emitter.emit('answered', { id, surveyId, score, comment }))
  }

  /** Closes a prompt; `keep` leaves it on the page (an inline thanks), where its close button removes it. */
  const close = (prompt: OpenPrompt, keep = false) => {
    clearTimeout(prompt._closeTimer)
    if (keep) kept.add(prompt._unmount)
    else {
      prompt._unmount()
      kept.delete(prompt._unmount)
    }
    if (open !== prompt) return
    prompt._closed = true
    open = null
    if (prompt._response) {
      markAnswered(prompt)
    } else {
      const surveyId = prompt._survey.id
      context._note(surveyId, 'dismissed', context._now())
      // As with `answered`: emitted once the dismissal is durable.
      void store(
        { id: context._makeId(), kind: 'dismiss', ...prompt._about, createdAt: iso() },
        'dismissal',
      ).then(() => emitter.emit('dismissed', { surveyId }))
    }
    void context._flush()
    const next = waiting.shift()
    if (next) context._later(() => present(next.survey, next.trigger, next.forced), 0)
  }

  return {
    present,
    /** The survey on screen, if any. */
    _openSurvey: (): string | undefined => open?._survey.id,
    /** Closes the prompt on screen as the customer would (a dismiss if unanswered). */
    close: () => open && close(open),
    /** Removes the prompt on screen without recording anything (Koe is being destroyed). */
    remove() {
      for (const unmount of kept) unmount()
      kept.clear()
      if (!open) return
      open._unmount()
      open._closed = true
      clearTimeout(open._closeTimer)
      open = null
    },
  }
}

/** The lifecycle of {@link createPromptLifecycle}. */
export type PromptLifecycle = ReturnType<typeof createPromptLifecycle>
