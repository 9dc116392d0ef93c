import { vi } from 'vitest'
import type { KoeConfig, KoeDeps } from '../../src'
import { shownLocale } from '../../src/config/resolve-locale'
import type { Survey } from '../../src/config/survey'
import { createMemoryState } from '../../src/core/device-state'
import { createMemoryStorage } from '../../src/queue/memory-storage'
import type { QueueStorage } from '../../src/queue/queue-storage'
import type { Batch, WireRecord } from '../../src/scoring/wire'
import { LOCALES } from '../../src/ui/locales'
import { promptView } from '../../src/ui/prompt-view'

/** A scripted `fetch`: answers each POST with the next status in `statuses` (then the last one). */
export function scriptedFetch(statuses: number[] = [200]) {
  const batches: Batch[] = []
  let call = 0
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    const status = statuses[Math.min(call++, statuses.length - 1)] as number
    if (status === 0) throw new TypeError('Failed to fetch')
    batches.push(JSON.parse(String(init?.body)) as Batch)
    return new Response(status === 204 ? null : '{}', { status })
  })
  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    batches,
    calls: () => fetch.mock.calls.length,
  }
}

/** The prompt host of a survey and its open shadow root. */
export function promptOf(surveyId: string) {
  const host = document.querySelector<HTMLElement>(`[data-koe-survey="${surveyId}"]`)
  return { host, root: host?.shadowRoot ?? null }
}

/** The accessible name a screen reader would read for a radio: its label's text. */
export function radioNames(root: ShadowRoot): string[] {
  return [...root.querySelectorAll('input[type=radio]')].map((input) =>
    (input.closest('label')?.textContent ?? '').trim(),
  )
}

/**
 * Lets pending work run: promises, Koe's 0 ms timers and fake IndexedDB's callbacks, for `turns`
 * turns of the event loop. Counted in turns, not milliseconds: a busy machine makes a turn slower
 * but never skips one, while a 20 ms wait ran out before a chain of timers had finished when CI
 * shared the machine (issue 27). Each turn also takes at least 1 ms, so `settle(n)` still waits
 * as long as the fixed `n` ms it replaced.
 */
export async function settle(turns = 20): Promise<void> {
  for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setTimeout(resolve, 0))
}

/** Types `comment` into the prompt's follow-up box as a customer would, then sends the form. */
export function sendComment(root: ShadowRoot | null, comment: string) {
  const textarea = root?.querySelector('textarea') as HTMLTextAreaElement
  textarea.value = comment
  textarea.dispatchEvent(new Event('input', { bubbles: true }))
  root
    ?.querySelector('form')
    ?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
}

/** Memory storage and a scripted collector; `records()` is every record the app produced. */
export function bindingWorld() {
  const storage: QueueStorage = createMemoryStorage()
  const net = scriptedFetch()
  const deps: KoeDeps = { storage, fetch: net.fetch, state: createMemoryState() }
  const records = async (): Promise<WireRecord[]> => [
    ...net.batches.flatMap((b) => b.records),
    ...(await storage.list()).map((e) => e.record),
  ]
  return { deps, records }
}

/** Surveys for the binding tests: a headless NPS on `checkout`, a built-in CES on `help`. */
export const BINDING_CONFIG: KoeConfig = {
  endpoint: 'https://collect.example/koe',
  surveys: [
    { id: 'nps', type: 'nps', trigger: { event: 'checkout' }, display: { headless: true } },
    { id: 'ces', type: 'ces', trigger: { event: 'help' } },
  ],
}

/** The prompt's view of `survey` on a page in `page`, as the core hands it over (issue 29). */
export function viewOnPage(survey: Survey, page: string, pageDir?: string) {
  const shown = shownLocale(survey, page, pageDir)
  return promptView(survey, shown, LOCALES[shown.strings])
}
