import type { UrlPattern } from '../config/survey'

/**
 * Whether a path (`location.pathname`) matches a survey's pattern: a glob where `*` matches any
 * characters, or `{ regex }`. A glob must match the whole path; a regex anywhere unless anchored.
 *
 * A glob is matched without backtracking (issue 27): as a regular expression, `/*\/*\/*\/*\/*\/thanks`
 * took 655 ms on a 246-character path, on the host page's main thread. The first part must start
 * the path and the last end it; each part between is taken at its first place after the one
 * before, which is where any match could put it. Linear in the path for a given pattern.
 * Regular expressions that could backtrack catastrophically are refused by the library's
 * validator (`canBacktrack`, validate-library-survey.ts): the editor and the collector.
 */
export function matchesUrl(pattern: UrlPattern, path: string): boolean {
  if (typeof pattern !== 'string') return new RegExp(pattern.regex).test(path)
  const parts = pattern.split('*')
  const last = parts.length - 1
  let at = 0
  for (let i = 0; i <= last; i++) {
    const part = parts[i] as string
    const found = i ? (i < last ? path.indexOf(part, at) : path.length - part.length) : 0
    if (found < at || !path.startsWith(part, found)) return false
    at = found + part.length
  }
  return at === path.length
}

/**
 * Whether a regular expression could backtrack catastrophically (ReDoS), by a rule simple enough
 * to state in one line: it repeats a group (`(…)+`, `(…)*`, `(…){2,}`) or refers back to one
 * (`\1`, `\k<name>`). Exponential backtracking needs a repeat inside a repeat, or an
 * alternation inside one, and without repeated groups there is neither. Escaped parentheses and
 * character classes do not count. `(…)?` stays allowed.
 */
export const canBacktrack = (source: string): boolean =>
  /\\[1-9k]/.test(source) || /\)[*+{]/.test(source.replace(/\\.|\[(\\.|[^\]\\])*]/g, ''))
