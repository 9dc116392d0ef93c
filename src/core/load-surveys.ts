import { partitionSurveys, type SurveyCheck } from '../config/partition-surveys'
import type { Survey } from '../config/survey'
import type { DeviceState } from './device-state'

/** A survey file fetched this recently is used as it is, without asking the server again. */
export const SURVEYS_FRESH_MS = 5 * 60_000
/** Where the last survey file fetched is kept in `koe-state`. */
export const SURVEYS_KEY = 'surveys'

/** The survey file as cached in `koe-state`. */
interface CachedSurveys {
  url: string
  /** Milliseconds since the epoch. */
  at: number
  list: unknown
}

/**
 * The surveys of the config: the inline array, or the JSON file at a URL. The file is fetched
 * once per page at most, and with a `cache` (consent granted) not even that while the copy of the
 * last fetch is under {@link SURVEYS_FRESH_MS} old, so a visitor walking through a shop's pages
 * costs the server one request every few minutes. When the fetch fails, a stale copy still
 * serves. Surveys `check` refuses are reported through `onProblem` and left out. With a `preview` key
 * (a preview link, issue 14) the file is asked for with the draft, never from or into the cache.
 */
export async function loadSurveys(
  source: Survey[] | string,
  fetchFn: typeof fetch,
  check: SurveyCheck,
  onProblem: (message: string) => void,
  cache: DeviceState | null = null,
  now: () => number = Date.now,
  preview?: string,
): Promise<Survey[]> {
  let list: unknown = source
  if (typeof source === 'string') {
    if (preview) {
      source += `${source.includes('?') ? '&' : '?'}preview=${encodeURIComponent(preview)}`
      cache = null
    }
    const cached = (await cache?.get(SURVEYS_KEY).catch(() => undefined)) as
      | CachedSurveys
      | undefined
    const copy = cached?.url === source ? cached : undefined
    if (copy && now() - copy.at < SURVEYS_FRESH_MS && now() >= copy.at) list = copy.list
    else {
      try {
        // fetch resolves a relative URL against the page, as the product team expects.
        const response = await fetchFn(source, { credentials: 'omit' })
        if (!response.ok) throw new Error(`${source} answered HTTP ${response.status}`)
        list = await response.json()
        void cache?.set(SURVEYS_KEY, { url: source, at: now(), list }).catch(() => {})
      } catch (error) {
        if (!copy) throw error
        list = copy.list
      }
    }
  }
  const { surveys, _problems } = partitionSurveys(list, check)
  for (const problem of _problems) onProblem(problem)
  return surveys
}
