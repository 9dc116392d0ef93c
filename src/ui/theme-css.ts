import { THEME_KEYS, type Theme } from '../config/koe-config'
import { DARK_CSS } from './styles'

/** A value that could close the rule or open another one is dropped, not escaped. */
const SAFE_VALUE = /^[^;{}<>\\]*$/

/**
 * The colour scheme, then the theme, as custom properties on `:host`; unsafe values are left
 * out. The scheme follows `prefers-color-scheme` unless the theme fixes it, or sets its own
 * background or text colour (a dark default would fight them).
 */
export function themeCss(theme: Theme = {}): string {
  const scheme = theme.colorScheme ?? (theme.background || theme.text ? 'light' : 'auto')
  const declarations = THEME_KEYS.filter(
    (key) => typeof theme[key] === 'string' && SAFE_VALUE.test(theme[key] as string),
  ).map((key) => `--koe-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${theme[key]}`)
  return (
    `:host{color-scheme:${scheme === 'auto' ? 'light dark' : scheme}}` +
    (scheme === 'dark'
      ? `:host{${DARK_CSS}}`
      : scheme === 'auto'
        ? `@media (prefers-color-scheme:dark){:host{${DARK_CSS}}}`
        : '') +
    (declarations.length ? `:host{${declarations.join(';')}}` : '')
  )
}
