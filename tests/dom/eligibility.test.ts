import { afterEach, describe, expect, it } from 'vitest'
import type { Survey } from '../../src/config/survey'
import { createEligibility, type EligibilityContext } from '../../src/core/eligibility'
import { DAY_MS } from '../../src/lib/day-ms'

const NOW = Date.UTC(2026, 10, 30)
const survey: Survey = { id: 's', type: 'nps', trigger: { event: 'e' } }

function rules(over: Partial<EligibilityContext> = {}) {
  return createEligibility({
    _win: window,
    _locale: 'en',
    _anonymousId: () => 'visitor-1',
    _attributes: () => undefined,
    _throttle: () => ({ surveys: {} }),
    _now: () => NOW,
    _shownHere: new Set(),
    _consentDenied: () => false,
    ...over,
  })
}

afterEach(() => {
  document.body.replaceChildren()
})

describe('eligibility', () => {
  it('lets a survey with no conditions show', () => {
    expect(rules()(survey)).toEqual([])
  })

  it('matches audience.locale against the page’s locale, any shipped strings or not', () => {
    const german = { ...survey, audience: { locale: ['de'] } }
    expect(rules({ _locale: 'de-CH' })(german)).toEqual([])
    expect(rules({ _locale: 'en' })(german)).toEqual(['locale en not in audience.locale'])
  })

  it('lists every reason at once: shown here, consent, throttling', () => {
    const reasons = rules({
      _shownHere: new Set(['s']),
      _consentDenied: () => true,
      _throttle: () => ({ surveys: { s: { answered: NOW - DAY_MS } }, lastShown: NOW - DAY_MS }),
    })(survey)
    expect(reasons).toContain('already shown on this page')
    expect(reasons).toContain('consent is denied')
    expect(reasons.some((r) => r.includes('recontactDays'))).toBe(true)
    expect(reasons.some((r) => r.startsWith('cool-down'))).toBe(true)
  })

  it('lifts throttling only for a draft the collector marked, in a tab that opened a preview link', () => {
    const throttled = { _throttle: () => ({ surveys: {}, lastShown: NOW - 1000 }) }
    const draft = { ...survey, preview: true as const }
    expect(rules(throttled)(survey).some((r) => r.startsWith('cool-down'))).toBe(true)
    expect(
      rules({ ...throttled, _preview: true })(survey).some((r) => r.startsWith('cool-down')),
    ).toBe(true)
    expect(rules(throttled)(draft).some((r) => r.startsWith('cool-down'))).toBe(true)
    expect(rules({ ...throttled, _preview: true })(draft)).toEqual([])
  })
})
