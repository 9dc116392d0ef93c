import type { Theme } from '../config/koe-config'
import { adoptStyles } from './adopt-styles'
import { createPrompt, type PromptHandlers, type PromptView } from './prompt'
import { PROMPT_CSS } from './styles'
import { themeCss } from './theme-css'

/** The tag of the element hosting a prompt; a custom tag so host rules like `div {}` miss it. */
export const HOST_TAG = 'koe-prompt'

/** A prompt on the page. */
export interface MountedPrompt {
  /** The host element, carrying `data-koe-survey`. */
  host: HTMLElement
  /** Unmounts the prompt and removes its host. */
  unmount(): void
}

/**
 * Shows a prompt: a host element appended to `<body>`, an open shadow root (so tests and
 * assistive tech can reach it), the stylesheet adopted, and the prompt built inside.
 */
export function mountPrompt(
  doc: Document,
  view: PromptView,
  handlers: PromptHandlers,
  theme?: Theme,
): MountedPrompt {
  const host = doc.createElement(HOST_TAG)
  host.setAttribute('data-koe-survey', view._surveyId)
  const root = host.attachShadow({ mode: 'open' })
  adoptStyles(root, PROMPT_CSS + themeCss(theme))
  root.append(createPrompt(view, handlers))
  doc.body.appendChild(host)
  /** Where focus was before it first entered the prompt, to return it there on close. */
  let returnTo: HTMLElement | null = null
  root.addEventListener('focusin', (event) => {
    const from = (event as FocusEvent).relatedTarget as HTMLElement | null
    if (!returnTo && from && !root.contains(from)) returnTo = from
  })
  return {
    host,
    unmount() {
      const focused = root.activeElement !== null
      host.remove()
      if (focused && returnTo?.isConnected) returnTo.focus()
    },
  }
}
