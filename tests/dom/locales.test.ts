import { describe, expect, it } from 'vitest'
import { pageLocale, SHIPPED_LOCALES, shownLocale } from '../../src/config/resolve-locale'
import type { Survey } from '../../src/config/survey'
import { LOCALES } from '../../src/ui/locales'
import { viewOnPage } from './helpers'

const nps: Survey = { id: 'nps', type: 'nps', trigger: { event: 'e' } }
const ces: Survey = { id: 'ces', type: 'ces', trigger: { event: 'e' } }

describe('the locale a survey is shown in', () => {
  it.each([
    // [page, strings, recorded tag, dir]
    ['de-CH', 'de', 'de-CH', 'ltr'],
    ['it', 'en', 'en', 'ltr'],
    ['pt', 'pt-BR', 'pt', 'ltr'],
    ['pt-PT', 'pt-BR', 'pt-PT', 'ltr'],
    ['zh', 'zh-CN', 'zh', 'ltr'],
    ['zh-Hant', 'zh-TW', 'zh-Hant', 'ltr'],
    ['zh-HK', 'zh-TW', 'zh-HK', 'ltr'],
    ['ko-KR', 'ko', 'ko-KR', 'ltr'],
    ['ar-EG', 'ar', 'ar-EG', 'rtl'],
    ['he', 'he', 'he', 'rtl'],
    ['fa', 'en', 'en', 'ltr'],
  ])(
    'without texts of its own, on a %s page: %s strings, records %s, %s',
    (page, strings, tag, dir) => {
      expect(shownLocale(nps, page)).toMatchObject({ strings, tag, dir })
    },
  )

  it('uses the survey’s own text in any locale it provides, else its first language', () => {
    const survey = { ...nps, question: { ja: 'お勧めしますか？', de: 'Empfehlen Sie uns?' } }
    expect(shownLocale(survey, 'de-AT')).toMatchObject({ text: 'de', strings: 'de', tag: 'de-AT' })
    expect(shownLocale(survey, 'fr')).toMatchObject({ text: 'ja', strings: 'ja', tag: 'ja' })
    // A locale Koe ships no strings for is still used for the survey's own text.
    const italian = { ...nps, question: { it: 'Ci consiglieresti?' } }
    expect(shownLocale(italian, 'it-IT')).toMatchObject({ text: 'it', strings: 'en', tag: 'it-IT' })
    // pt-BR falls back to pt; locales named only in followUp or thanks count too.
    const byGroup = { ...ces, followUp: { hard: { pt: 'O que atrapalhou?' } } }
    expect(shownLocale(byGroup, 'pt-BR')).toMatchObject({ text: 'pt', strings: 'pt-BR' })
  })

  it('does not take a group for a language: texts by group count by the locales inside them', () => {
    // One text per group, no locales: the survey speaks any language, like one without texts.
    const byGroup = { ...nps, followUp: { promoter: 'Why?' }, thanks: { detractor: 'Sorry.' } }
    expect(shownLocale(byGroup, 'de')).toMatchObject({ text: 'de', strings: 'de', tag: 'de' })
    expect(viewOnPage(byGroup, 'de')._lang).toBe('de')
  })

  it('mirrors a page written right to left in the language it shows', () => {
    expect(shownLocale(nps, 'en', 'rtl').dir).toBe('rtl')
    // …but not a prompt shown in another language than the page's.
    expect(shownLocale(nps, 'it', 'rtl').dir).toBe('ltr')
  })

  it('keeps a page locale that can go on the wire, and cuts back one that cannot', () => {
    expect(pageLocale([undefined, 'ja_JP', 'en'])).toBe('ja-JP')
    expect(pageLocale(['', '  ', 'ko'])).toBe('ko')
    expect(pageLocale([`de-${'x'.repeat(300)}`])).toBe('de')
    expect(pageLocale(['\u0000'])).toBe('en')
    expect(pageLocale([null, undefined])).toBe('en')
  })
})

describe('the built-in strings', () => {
  it('ship every text in all eleven locales, without stray spaces', () => {
    expect(Object.keys(LOCALES).sort()).toEqual([...SHIPPED_LOCALES].sort())
    const keys = Object.keys(LOCALES.en)
    for (const [tag, strings] of Object.entries(LOCALES)) {
      expect(Object.keys(strings), tag).toEqual(keys)
      for (const text of Object.values(strings)) expect(text, tag).toMatch(/^\S(.*\S)?$/)
    }
  })

  it('write Chinese and Japanese with full-width punctuation', () => {
    for (const tag of ['ja', 'zh-CN', 'zh-TW'] as const)
      for (const text of Object.values(LOCALES[tag])) expect(text, tag).not.toMatch(/[?!(),:]/)
  })
})

describe('follow-up and thanks by group', () => {
  const survey: Survey = {
    ...ces,
    scale: 5,
    followUp: { hard: { en: 'What got in the way?', ja: '何が妨げになりましたか？' } },
    thanks: { easy: 'Glad it was easy!' },
  }

  it('use the survey’s text for its groups and the defaults for the others', () => {
    const view = viewOnPage(survey, 'en')
    expect([1, 2, 3, 4, 5].map((s) => view._followUp?.(s))).toEqual([
      'What got in the way?',
      'What got in the way?',
      'What would have made it better?', // neutral: the middle of the scale
      'Glad to hear it. What did you like most?',
      'Glad to hear it. What did you like most?',
    ])
    expect(view._thanks(5)).toBe('Glad it was easy!')
    expect(view._thanks(3)).toBe('Thank you for your feedback!')
    expect(viewOnPage(survey, 'ja')._followUp?.(1)).toBe('何が妨げになりましたか？')
  })

  it('split NPS into detractor, passive and promoter, and CES on 7 around 4', () => {
    const view = viewOnPage({ ...nps, followUp: { passive: 'Almost!' } }, 'en')
    expect([6, 7, 8, 9].map((s) => view._followUp?.(s))).toEqual([
      'We are sorry. What should we do better?',
      'Almost!',
      'Almost!',
      'Glad to hear it. What did you like most?',
    ])
    const seven = viewOnPage({ ...ces, followUp: { neutral: 'Hmm?' } }, 'en')
    expect([3, 4, 5].map((s) => seven._followUp?.(s))).toEqual([
      'We are sorry. What should we do better?',
      'Hmm?',
      'Glad to hear it. What did you like most?',
    ])
  })
})
