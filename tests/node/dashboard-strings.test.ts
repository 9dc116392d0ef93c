import { describe, expect, test } from 'vitest'
import { JAPANESE } from '../../packages/koe-collector/src/dashboard/i18n/japanese'
import { dashboardTexts } from '../support/dashboard-texts'

// Issue 33: every dashboard string in English and Japanese. The English text is the key; these
// read the dashboard's code, so a new text without its Japanese, or English typed straight into
// the markup, fails here and not in a Japanese team's browser.
const { keys, untranslated } = dashboardTexts()
const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('the dashboard speaks English and Japanese', () => {
  test('finds the texts it checks (the reader works)', () => {
    expect(keys.length).toBeGreaterThan(200)
    expect(keys.map((k) => k.text)).toContain('Export CSV')
  })

  test('every English text has its Japanese, with the same slots', () => {
    const missing = keys.filter((k) => !(k.text in JAPANESE)).map((k) => `${k.at} ${k.text}`)
    expect(missing).toEqual([])
    const mismatched = keys
      .filter((k) => k.text in JAPANESE)
      .filter((k) => slots(k.text).join() !== slots(JAPANESE[k.text] as string).join())
      .map((k) => `${k.at} ${k.text}`)
    expect(mismatched).toEqual([])
  })

  test('no Japanese is kept for a text the dashboard no longer says', () => {
    const said = new Set(keys.map((k) => k.text))
    expect(Object.keys(JAPANESE).filter((text) => !said.has(text))).toEqual(
      // Touchpoints in words (touchpoint-name.ts), made from code names, not written as keys.
      Object.keys(JAPANESE).filter((text) => TOUCHPOINT_WORDS.has(text)),
    )
  })

  test('no English is typed into the markup untranslated', () => {
    const english = untranslated.filter((u) => !SAME_IN_EVERY_LANGUAGE.test(u.text))
    expect(english.map((u) => `${u.at} ${u.text}`)).toEqual([])
  })
})

/**
 * What reads the same in both languages: names (NPS, CES, JSON, the language switch's "English"),
 * and the survey JSON's own values and examples of them, which are code (`bottom-right`, `ja`).
 */
const SAME_IN_EVERY_LANGUAGE =
  /^(NPS|NPS \(0–10\)|CES|JSON|English|ja|ja, en|plan:pro|bottom-right \(|auto \()$/

/** The touchpoints whose words have Japanese though no `t('…')` names them. */
const TOUCHPOINT_WORDS = new Set([
  'Post purchase',
  'Cart abandonment',
  'Pageview',
  'Exit intent',
  'Idle',
  'Time on page',
  'Scroll depth',
  'Purchase completed',
  'Checkout started',
  'Cart updated',
  'Support ticket closed',
  'Onboarding completed',
])
