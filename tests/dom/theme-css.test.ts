import { describe, expect, it } from 'vitest'
import { DARK_CSS } from '../../src/ui/styles'
import { themeCss } from '../../src/ui/theme-css'

describe('the theme as CSS', () => {
  it('follows the visitor’s colour scheme by default', () => {
    expect(themeCss()).toBe(
      `:host{color-scheme:light dark}@media (prefers-color-scheme:dark){:host{${DARK_CSS}}}`,
    )
  })

  it('sets each field as the custom property of its name, after the scheme', () => {
    const css = themeCss({
      accent: '#7b1fa2',
      controlBorder: '#333',
      zIndex: '10',
      colorScheme: 'dark',
    })
    expect(css).toBe(
      `:host{color-scheme:dark}:host{${DARK_CSS}}:host{--koe-accent:#7b1fa2;--koe-control-border:#333;--koe-z-index:10}`,
    )
  })

  it('stays light when a site sets its own background or text, unless it asks for dark', () => {
    expect(themeCss({ background: '#fffbe6' })).toBe(
      ':host{color-scheme:light}:host{--koe-background:#fffbe6}',
    )
    expect(themeCss({ text: '#eee', colorScheme: 'auto' })).toContain('prefers-color-scheme:dark')
  })

  it('drops a value that could end the rule or open another', () => {
    const css = themeCss({
      colorScheme: 'light',
      accent: 'red;}:host{display:none',
      font: 'x</style>',
      radius: '4px',
    })
    expect(css).toBe(':host{color-scheme:light}:host{--koe-radius:4px}')
  })
})
