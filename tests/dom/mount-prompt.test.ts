import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Survey } from '../../src/config/survey'
import { mountPrompt } from '../../src/ui/mount-prompt'
import { viewOnPage } from './helpers'

const survey: Survey = { id: 'nps', type: 'nps', trigger: { event: 'e' } }
const handlers = { _onScore() {}, _onSubmit() {}, _onClose() {} }

afterEach(() => {
  document.body.replaceChildren()
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('mounting a prompt', () => {
  it('has a live region in place, empty, before it says the question', () => {
    vi.useFakeTimers()
    const { host } = mountPrompt(document, viewOnPage(survey, 'en'), handlers)
    const live = host.shadowRoot?.querySelector('[aria-live=polite]')
    expect(live?.textContent).toBe('')
    vi.advanceTimersByTime(150)
    expect(live?.textContent).toBe('How likely are you to recommend us to a friend or colleague?')
  })

  it('says nothing when it takes focus (the customer asked for it)', () => {
    vi.useFakeTimers()
    const { host } = mountPrompt(document, viewOnPage(survey, 'en'), handlers, { _focus: true })
    vi.advanceTimersByTime(500)
    expect(host.shadowRoot?.querySelector('[aria-live=polite]')?.textContent).toBe('')
    expect(host.shadowRoot?.activeElement?.getAttribute('type')).toBe('radio')
  })

  it('marks its placement on the host for the stylesheet: position, or inline', () => {
    const slot = document.createElement('section')
    document.body.append(slot)
    const floating = mountPrompt(document, viewOnPage(survey, 'en'), handlers, {
      _position: 'bottom-left',
    })
    expect(floating.host.getAttribute('data-position')).toBe('bottom-left')
    const inline = mountPrompt(document, viewOnPage(survey, 'en'), handlers, {
      _position: 'top-center',
      _inline: slot,
    })
    expect(inline.host.parentElement).toBe(slot)
    expect(inline.host.hasAttribute('data-inline')).toBe(true)
    expect(inline.host.hasAttribute('data-position')).toBe(false)
  })

  it('lifts a floating prompt above the on-screen keyboard, through its stylesheet', () => {
    const viewport = Object.assign(new EventTarget(), { height: 700, offsetTop: 0 })
    vi.stubGlobal('visualViewport', viewport)
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(700)
    const { host, unmount } = mountPrompt(document, viewOnPage(survey, 'en'), handlers)
    const sheets = () =>
      (host.shadowRoot?.adoptedStyleSheets ?? [])
        .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
        .join('\n')
    // The keyboard covers the bottom 300 px: the visual viewport shrinks to 400 px.
    viewport.height = 400
    viewport.dispatchEvent(new Event('resize'))
    expect(sheets()).toMatch(/--koe-kb:\s*300px/)
    expect(host.hasAttribute('style')).toBe(false)
    viewport.height = 700
    viewport.dispatchEvent(new Event('resize'))
    expect(sheets()).toMatch(/--koe-kb:\s*0px/)
    unmount()
  })
})
