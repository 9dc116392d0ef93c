/** Query parameter of a preview link, and the session key that keeps it for the tab. */
const PARAM = 'koe-preview'

/**
 * The preview key of a preview link (issue 14): `?koe-preview=<key>` on the page opened from the
 * dashboard, then kept in this tab's sessionStorage so the draft follows the person previewing
 * through the site. A customer without the link has no key, so no draft ever reaches them (the
 * collector hands out 128 random bits that expire in a day).
 */
export function previewKey(win: Window): string | undefined {
  try {
    const session = win.sessionStorage
    const key = new URLSearchParams(win.location.search).get(PARAM)
    if (key) session.setItem(PARAM, key)
    return session.getItem(PARAM) || undefined
  } catch {
    // Storage blocked (a sandboxed frame, strict privacy settings): no preview.
    return undefined
  }
}
