// The survey editor's logic without a browser (issue 14): paths, triggers in words, version
// differences, and validator errors in plain English and Japanese.
import { describe, expect, it } from 'vitest'
import { describeTrigger } from '../../packages/koe-collector/src/dashboard/editor/describe-trigger'
import {
  issueText,
  STRINGS,
} from '../../packages/koe-collector/src/dashboard/editor/editor-strings'
import { diffSurveys } from '../../packages/koe-collector/src/dashboard/editor/survey-diff'
import { fieldOf, formFields } from '../../packages/koe-collector/src/dashboard/editor/survey-form'
import { getPath, setPath } from '../../packages/koe-collector/src/dashboard/editor/survey-paths'
import { TEMPLATES } from '../../packages/koe-collector/src/dashboard/editor/survey-templates'
import { validateSurvey } from '../../src/config/validate-survey'

describe('setPath', () => {
  it('sets, keeps key order, and clearing a field leaves the JSON as if never set', () => {
    const survey = { id: 'a', type: 'nps', trigger: { event: 'x' } }
    const delayed = setPath(survey, 'trigger.delay', 2000)
    expect(delayed).toEqual({ id: 'a', type: 'nps', trigger: { event: 'x', delay: 2000 } })
    expect(survey.trigger).toEqual({ event: 'x' })
    const sampled = setPath(delayed, 'audience.sample', 0.5)
    expect(Object.keys(sampled)).toEqual(['id', 'type', 'trigger', 'audience'])
    expect(getPath(sampled, 'audience.sample')).toBe(0.5)
    expect(
      JSON.stringify(
        setPath(setPath(sampled, 'audience.sample', undefined), 'trigger.delay', undefined),
      ),
    ).toBe(JSON.stringify(survey))
    expect(Object.keys(setPath(sampled, 'id', 'b'))).toEqual(['id', 'type', 'trigger', 'audience'])
  })
})

describe('templates', () => {
  it('are valid surveys, except the blank one, which names what it needs', () => {
    for (const template of TEMPLATES.filter((t) => t.id !== 'blank'))
      expect(validateSurvey(template.survey), template.id).toMatchObject({ ok: true })
    const blank = validateSurvey(TEMPLATES.find((t) => t.id === 'blank')?.survey)
    expect(blank.ok ? [] : blank.errors.map((e) => e.field)).toEqual(['id', 'trigger.event'])
  })
})

describe('describeTrigger', () => {
  it('says when a survey is asked, in English and Japanese', () => {
    const purchase = TEMPLATES[0]?.survey.trigger
    expect(describeTrigger(purchase, 'en')).toBe('2 s after a purchase of 1,000 or more')
    expect(describeTrigger(purchase, 'ja')).toBe('購入（1,000 以上）の 2 秒後')
    expect(describeTrigger({ preset: 'cart-abandonment' }, 'en')).toBe(
      'When a full cart is abandoned',
    )
    expect(describeTrigger({ preset: 'post-purchase', url: '/thanks*', delay: 1500 }, 'en')).toBe(
      '1.5 s after a purchase (/thanks*)',
    )
    expect(describeTrigger({ pageview: { regex: '^/docs' } }, 'en')).toBe(
      'After a view of /^/docs/',
    )
    expect(describeTrigger({ timeOnPage: 30_000 }, 'ja')).toBe('ページ滞在 30 秒の時')
    expect(describeTrigger({ scrollDepth: 0.5, delay: 500 }, 'en')).toBe(
      '0.5 s after 50 % of the page is scrolled',
    )
    expect(describeTrigger({ event: 'signup', where: { plan: 'pro' } }, 'en')).toBe(
      'After the event "signup" plan = "pro"',
    )
  })
})

describe('diffSurveys', () => {
  it('lists the fields that changed, were added or removed', () => {
    const before = { id: 'a', question: { en: 'Q', ja: 'q' }, audience: { url: ['/a'] } }
    const after = {
      id: 'a',
      question: { en: 'Q2', ja: 'q' },
      audience: { url: ['/a', '/b'] },
      priority: 1,
    }
    expect(diffSurveys(before, after)).toEqual([
      { path: 'question.en', before: 'Q', after: 'Q2' },
      { path: 'audience.url', before: ['/a'], after: ['/a', '/b'] },
      { path: 'priority', before: undefined, after: 1 },
    ])
    expect(diffSurveys(before, before)).toEqual([])
  })
})

describe('validator errors in the editor', () => {
  const errorsOf = (survey: unknown) => {
    const result = validateSurvey(survey)
    return result.ok ? [] : result.errors
  }
  const invalid = {
    id: 'x',
    type: 'nps',
    question: { en: '', ja: 'ok' },
    trigger: { pageview: { regex: '(' }, delay: -1 },
    audience: { sample: 2, url: ['/ok', { regex: '[' }] },
  }

  it('are placed next to the field they belong to', () => {
    const fields = formFields(['en', 'ja'])
    expect(errorsOf(invalid).map((e) => [e.field, fieldOf(e.field, fields)])).toEqual([
      ['question.en', 'question.en'],
      ['trigger.pageview', 'trigger.pageview'],
      ['trigger.delay', 'trigger.delay'],
      ['audience.sample', 'audience.sample'],
      ['audience.url.1', 'audience.url'],
    ])
    expect(fieldOf('display.theme.radius', fields)).toBeNull()
  })

  it('read as plain words in both languages, each with its own message', () => {
    for (const lang of ['en', 'ja'] as const) {
      const texts = errorsOf(invalid).map((e) => issueText(e, lang))
      expect(new Set(texts).size).toBe(texts.length)
      for (const text of texts) expect(text).not.toMatch(/must be|got/)
    }
    expect(issueText({ field: 'trigger.delay', message: '' }, 'ja')).toBe(
      '待ち時間は 0〜3600 秒（1 時間）です。',
    )
    // A field without its own words still names the field and the validator's reason.
    expect(
      issueText({ field: 'display.theme.radius', message: 'must be a length' }, 'ja'),
    ).toContain('display.theme.radius must be a length')
  })

  it('every field has a label and a line of help in both languages', () => {
    expect(Object.keys(STRINGS.ja.fields).sort()).toEqual(Object.keys(STRINGS.en.fields).sort())
    expect(Object.keys(STRINGS.ja.errors).sort()).toEqual(Object.keys(STRINGS.en.errors).sort())
    for (const field of formFields([])) expect(STRINGS.en.fields[field], field).toBeDefined()
  })
})
