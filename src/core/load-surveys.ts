import type { Survey } from '../config/survey'
import { partitionSurveys } from '../config/validate-survey'

/**
 * The surveys of the config: the inline array, or the JSON file at a URL (fetched once). Invalid surveys are reported through `onProblem` and left out.
 */
export async function loadSurveys(
  source: Survey[] | string,
  fetchFn: typeof fetch,
  onProblem: (message: string) => void,
): Promise<Survey[]> {
  let list: unknown = source
  if (typeof source === 'string') {
    // fetch resolves a relative URL against the page, as the product team expects.
    const response = await fetchFn(source, { credentials: 'omit' })
    if (!response.ok) throw new Error(`${source} answered HTTP ${response.status}`)
    list = await response.json()
  }
  const { surveys, problems } = partitionSurveys(list)
  for (const problem of problems) onProblem(problem)
  return surveys
}
