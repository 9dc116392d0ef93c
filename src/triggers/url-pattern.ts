import type { UrlPattern } from '../config/survey'

/**
 * Whether a path (`location.pathname`) matches a survey's pattern: a glob where `*` matches any
 * characters, or `{ regex }`. A glob must match the whole path; a regex anywhere unless anchored.
 */
export function matchesUrl(pattern: UrlPattern, path: string): boolean {
  if (typeof pattern !== 'string') return new RegExp(pattern.regex).test(path)
  const glob = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${glob.join('.*')}$`).test(path)
}
