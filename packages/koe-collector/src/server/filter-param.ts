import { isWellFormed } from '../../../../src/lib/well-formed'
import { isTimestamp } from '../../../../src/scoring/validate-batch'

/**
 * Why a filter of the query string cannot be used, or `null` when it can: text of at most 256
 * characters, and `from`/`until` ISO 8601 UTC timestamps. A bad filter is the caller's mistake
 * (400 naming the parameter), never a failed query (500).
 */
export function filterParamProblem(name: string, value: string): string | null {
  if (!isWellFormed(value) || value.length > 256)
    return `${name} must be text of at most 256 characters`
  if ((name === 'from' || name === 'until') && !isTimestamp(value))
    return `${name} must be an ISO 8601 UTC timestamp, e.g. 2026-11-01T00:00:00Z`
  return null
}
