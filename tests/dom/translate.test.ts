// The dashboard's counts and texts in each language (issue 33): "1 answer", never "1 answers",
// and the Japanese with its slots filled.
import { afterEach, describe, expect, it } from 'vitest'
import { setLang, t, tn } from '../../packages/koe-collector/src/dashboard/i18n/translate'

afterEach(() => setLang('en'))

describe('tn', () => {
  it('says one in the singular, anything else in the plural, with thousands separated', () => {
    setLang('en')
    expect(tn(1, '{n} answer', '{n} answers')).toBe('1 answer')
    expect(tn(0, '{n} answer', '{n} answers')).toBe('0 answers')
    expect(tn(1200, '{n} answer', '{n} answers')).toBe('1,200 answers')
  })

  it('writes the Japanese, which has one form, and marks the page', () => {
    setLang('ja')
    expect(tn(1, '{n} answer', '{n} answers')).toBe('1 件の回答')
    expect(tn(1200, '{n} answer', '{n} answers')).toBe('1,200 件の回答')
    expect(t('Theme “{theme}” ×', { theme: '配送' })).toBe('テーマ「配送」×')
    expect(document.documentElement.lang).toBe('ja')
  })
})
