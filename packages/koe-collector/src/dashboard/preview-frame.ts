// The preview page's script (/dashboard/preview.html, issue 14): it receives a survey from the
// editor and has the real script-tag bundle, loaded on this page, show it, at the step asked for.
// No second implementation of the prompt exists: what is previewed is what customers see.

/** What the editor posts to the preview page. */
export interface PreviewRequest {
  survey: { id: string; display?: { inline?: string } } & Record<string, unknown>
  locale: string
  scheme: 'light' | 'dark'
  step: 'question' | 'followUp' | 'thanks'
}

type KoeFunction = (method: string, ...args: unknown[]) => unknown

/** The event the preview page fires to show the survey. */
const PREVIEW_EVENT = 'koe_preview'

// The preview must never take the focus from the editor around it (the text being typed there
// would go into the frame). A prompt that appears by itself takes none, but a centred one opens as
// a modal dialog, and opening a dialog moves the focus into it. Here it opens by its attribute,
// which moves nothing: the same box, without the dimmed page behind it.
HTMLDialogElement.prototype.showModal = function open(this: HTMLDialogElement) {
  this.setAttribute('open', '')
}

/** Resolves the prompt's shadow root once the bundle has drawn it. */
function promptRoot(): Promise<ShadowRoot> {
  return new Promise((resolve) => {
    const look = () => {
      const root = document.querySelector('koe-prompt')?.shadowRoot
      if (root?.querySelector('input[name="score"]')) resolve(root)
      else requestAnimationFrame(look)
    }
    look()
  })
}

/** An inline survey renders into its element: the preview page makes one its selector matches. */
function placeInline(survey: PreviewRequest['survey']) {
  const selector = survey.display?.inline
  if (!selector) return
  try {
    if (document.querySelector(selector)) return
  } catch {
    return
  }
  const slot = document.createElement('div')
  const id = /^#([\w-]+)$/.exec(selector)
  const cls = /^\.([\w-]+)$/.exec(selector)
  if (id) slot.id = id[1] as string
  else if (cls) slot.className = cls[1] as string
  document.querySelector('.page')?.append(slot)
}

async function show(request: PreviewRequest) {
  const { survey, locale, scheme, step } = request
  document.documentElement.lang = locale
  document.documentElement.className = scheme
  placeInline(survey)
  const koe = (window as unknown as { koe: KoeFunction }).koe
  // Shown as if its trigger fired, whoever is targeted and wherever: the preview is of how it
  // looks and reads. (`koe.show` after a click in the editor would take the focus.)
  const { audience: _, ...rest } = survey
  // Consent pending: the preview stores and sends nothing, and no throttling remembers it.
  koe('init', {
    endpoint: `${location.origin}/collect`,
    surveys: [{ ...rest, trigger: { event: PREVIEW_EVENT } }],
    locale,
    consent: 'pending',
    theme: { colorScheme: scheme },
  })
  koe('track', PREVIEW_EVENT)
  if (step === 'question') return
  const root = await promptRoot()
  const scores = root.querySelectorAll<HTMLInputElement>('input[name="score"]')
  // A low score: the follow-up a team most wants to word well is the detractor's.
  scores[Math.min(2, scores.length - 1)]?.click()
  if (step === 'thanks') {
    await new Promise(requestAnimationFrame)
    root.querySelector<HTMLButtonElement>('button.send')?.click()
  }
}

addEventListener('message', (event: MessageEvent) => {
  if (event.origin !== location.origin || event.source !== parent) return
  const request = (event.data as { koePreview?: PreviewRequest } | null)?.koePreview
  if (request) void show(request)
})
parent.postMessage({ koePreviewReady: true }, location.origin)
