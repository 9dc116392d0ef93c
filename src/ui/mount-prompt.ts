import type { Theme } from '../config/koe-config'
import type { Position } from '../config/survey'
import { h } from './h'
import { createPrompt, type PromptHandlers, type PromptView } from './prompt'
import { PROMPT_CSS } from './styles'
import { themeCss } from './theme-css'

/** The tag of the element hosting a prompt; a custom tag so host rules like `div {}` miss it. */
export const HOST_TAG = 'koe-prompt'

/** How long a live region exists, empty, before it speaks: screen readers skip text inserted with it. */
const ANNOUNCE_MS = 150

/** Where and how a prompt is placed. */
export interface Placement {
  _theme?: Theme
  _position?: Position
  /** Render inside this element, in the page's flow, instead of floating. */
  _inline?: Element | null
  /** Take focus (a prompt the customer opened); otherwise only the live region announces it. */
  _focus?: boolean
}

/** A prompt on the page. */
export interface MountedPrompt {
  /** The host element, carrying `data-koe-survey`. */
  host: HTMLElement
  /** Unmounts the prompt and removes its host. */
  unmount(): void
}

/**
 * Shows a prompt: a host element appended to `<body>` (or the inline element), an open shadow
 * root (so tests and assistive tech can reach it), the stylesheets adopted, a polite live region,
 * and the prompt built inside.
 */
export function mountPrompt(
  doc: Document,
  view: PromptView,
  handlers: Omit<PromptHandlers, '_announce'>,
  place: Placement = {},
): MountedPrompt {
  const win = doc.defaultView as Window & typeof globalThis
  const host = doc.createElement(HOST_TAG)
  host.setAttribute('data-koe-survey', view._surveyId)
  if (place._inline) host.setAttribute('data-inline', '')
  else if (place._position) host.setAttribute('data-position', place._position)
  const root = host.attachShadow({ mode: 'open' })
  const sheet = (css: string) => {
    const s = new win.CSSStyleSheet()
    s.replaceSync(css)
    return s
  }
  // The second sheet holds what changes while the prompt is open: the on-screen keyboard's height.
  const keyboard = sheet('')
  // Browsers without constructable stylesheets (Safari before 16.4, 2023) throw here, and Koe
  // reports the error and shows no prompt rather than an unstyled one.
  root.adoptedStyleSheets = [sheet(PROMPT_CSS + themeCss(place._theme)), keyboard]
  const live = h('div', { class: 'sr', 'aria-live': 'polite' })
  const say = (text: string) =>
    win.setTimeout(() => {
      live.textContent = text
    }, ANNOUNCE_MS)
  const modal = place._position === 'center' && !place._inline
  const prompt = createPrompt(
    view,
    { ...handlers, _announce: say },
    modal ? 'modal' : place._inline ? 'inline' : undefined,
  )
  root.append(live, prompt)
  ;(place._inline ?? doc.body).appendChild(host)
  /** Where focus was before it first entered the prompt, to return it there on close. */
  let returnTo = doc.activeElement === doc.body ? null : (doc.activeElement as HTMLElement | null)
  root.addEventListener('focusin', (event) => {
    const from = (event as FocusEvent).relatedTarget as HTMLElement | null
    if (!returnTo && from && !root.contains(from)) returnTo = from
  })
  if (modal) (prompt as HTMLDialogElement).showModal()
  else if (place._focus) prompt.querySelector('input')?.focus()
  // A prompt that appears by itself takes no focus: it is announced instead.
  if (!place._focus && !modal) say(view._question)

  // A bottom sheet stays above the on-screen keyboard while the comment box has focus.
  const viewport = win.visualViewport
  const lift = () => {
    const covered = viewport ? win.innerHeight - viewport.height - viewport.offsetTop : 0
    keyboard.replaceSync(`:host{--koe-kb:${Math.max(0, Math.round(covered))}px}`)
  }
  if (!place._inline) {
    viewport?.addEventListener('resize', lift)
    viewport?.addEventListener('scroll', lift)
  }
  return {
    host,
    unmount() {
      viewport?.removeEventListener('resize', lift)
      viewport?.removeEventListener('scroll', lift)
      const focused = root.activeElement !== null
      host.remove()
      if (focused && returnTo?.isConnected) returnTo.focus()
    },
  }
}
