/**
 * Calls `onChange` when a single-page app changes route: `history.pushState` and `replaceState`
 * (wrapped, as no event reports them), `popstate` and `hashchange`. A change that leaves the URL
 * as it was is ignored. Returns the function that undoes all of it; a wrapper another script has
 * since wrapped again is left in place, and then merely stops calling `onChange`.
 */
export function watchRoute(win: Window, onChange: () => void): () => void {
  const history = win.history
  let last = win.location.href
  let active = true
  const check = () => {
    if (!active || win.location.href === last) return
    last = win.location.href
    try {
      onChange()
    } catch {
      /* never break the app's navigation */
    }
  }
  const restore: (() => void)[] = []
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name]
    const wrapped = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args)
      check()
      return result
    }
    history[name] = wrapped
    restore.push(() => {
      if (history[name] === wrapped) history[name] = original
    })
  }
  win.addEventListener('popstate', check)
  win.addEventListener('hashchange', check)
  return () => {
    active = false
    for (const undo of restore) undo()
    win.removeEventListener('popstate', check)
    win.removeEventListener('hashchange', check)
  }
}
