/** How long a theme ranking is reused: new answers show in the themes within this. */
export const THEMES_FRESH_MS = 60_000
/** Filters whose ranking is kept at once, at most; the oldest goes first. */
const MAX_KEPT = 100

/**
 * Reuses the theme ranking of a filter for {@link THEMES_FRESH_MS} (issue 27): ranking reads up to
 * 20,000 comments, and a dashboard reloading, or three tabs asking at once, must cost one ranking,
 * not one each. Requests for a filter whose ranking is under way wait for it; a failed ranking is
 * not kept. `now` is the clock (tests set it).
 */
export function createThemesCache<T>(
  rank: (key: string) => Promise<T>,
  now: () => number = Date.now,
) {
  const kept = new Map<string, { at: number; result: Promise<T> }>()
  return (key: string): Promise<T> => {
    const found = kept.get(key)
    if (found && now() - found.at < THEMES_FRESH_MS) return found.result
    kept.delete(key)
    const result = rank(key)
    kept.set(key, { at: now(), result })
    result.catch(() => kept.delete(key))
    while (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value as string)
    return result
  }
}
