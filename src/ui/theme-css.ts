import { THEME_PROPERTIES, type Theme } from '../config/koe-config'

/** A value that could close the rule or open another one is dropped, not escaped. */
const SAFE_VALUE = /^[^;{}<>\\]*$/

/** The theme as custom properties on `:host`; unsafe values are left out. */
export function themeCss(theme: Theme | undefined): string {
  if (!theme) return ''
  const declarations = (Object.keys(THEME_PROPERTIES) as (keyof Theme)[])
    .filter((key) => typeof theme[key] === 'string' && SAFE_VALUE.test(theme[key] as string))
    .map((key) => `${THEME_PROPERTIES[key]}:${theme[key]}`)
  return declarations.length ? `:host{${declarations.join(';')}}` : ''
}
