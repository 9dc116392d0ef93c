import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { guardSurvey } from '../../src/config/guard-survey'
import { partitionSurveys } from '../../src/config/partition-surveys'
import { surveyErrors } from '../../src/config/validate-survey'

// Issue 29: the script tag checks what it needs to run a survey, not every rule of the format;
// the full validator runs in the editor, the collector and the npm module.
const examples: unknown[] = JSON.parse(
  readFileSync(new URL('../../examples/surveys.json', import.meta.url), 'utf8'),
)

const valid = {
  id: 'checkout-nps',
  type: 'ces',
  scale: 5,
  question: { en: 'How easy?', ja: '簡単でしたか？' },
  followUp: { hard: { en: 'What was hard?' }, easy: 'Great!' },
  thanks: 'Thanks',
  display: { position: 'center', theme: { accent: '#0a0', colorScheme: 'dark' } },
  trigger: { preset: 'cart-abandonment', idle: 30_000, delay: 1_000 },
  audience: {
    sample: 0.5,
    url: ['/cart/*', { regex: '^/checkout' }],
    excludeUrl: ['/admin/*'],
    attributes: { plan: 'pro' },
    locale: ['ja'],
    device: ['mobile'],
  },
  recontactDays: 90,
  dismissRecontactDays: 14,
  maxDisplays: 3,
  priority: 2,
}

describe('the script tag’s survey guard', () => {
  it('runs every survey the full validator accepts: the examples and one with every field', () => {
    for (const survey of [...examples, valid]) {
      expect(surveyErrors(survey), JSON.stringify(survey)).toEqual([])
      expect(guardSurvey(survey), JSON.stringify(survey)).toEqual([])
    }
  })

  it.each([
    ['id', { id: 'has space' }],
    ['id', { id: undefined }],
    ['type', { type: 'csat' }],
    ['scale', { scale: 6 }],
    ['question', { question: { en: 5 } }],
    ['followUp', { followUp: 'yes'.length }],
    ['thanks', { thanks: '' }],
    ['display', { display: 'center' }],
    ['display.inline', { display: { inline: 42 } }],
    ['trigger', { trigger: { event: 'a', pageview: '/b' } }],
    ['trigger', { trigger: {} }],
    ['trigger.delay', { trigger: { event: 'a', delay: 7_200_000 } }],
    ['trigger.pageview', { trigger: { pageview: { regex: '^(a+)+$' } } }],
    ['trigger.idle', { trigger: { idle: '30s' } }],
    ['audience.url', { audience: { url: [{ regex: '(' }] } }],
    ['audience.sample', { audience: { sample: 2 } }],
    ['maxDisplays', { maxDisplays: 0 }],
    ['priority', { priority: Number.NaN }],
  ])('refuses what it cannot run, naming the field: %s', (field, change) => {
    const survey = { ...valid, ...change }
    const errors = guardSurvey(survey)
    expect(errors.map((e) => e.field)).toEqual([field])
    expect(errors[0]?.message).toMatch(/validateSurvey\(\) from koe/)
    // The full validator refuses it too, and says how to fix it.
    expect(surveyErrors(survey).length).toBeGreaterThan(0)
  })

  it('checks a theme as the config’s theme is checked, since it reaches the prompt’s CSS', () => {
    const survey = { ...valid, display: { theme: { colorScheme: 'sepia', accent: 1 } } }
    expect(guardSurvey(survey)).toEqual([
      { field: 'display.theme.accent', message: 'must be a string, got 1' },
      {
        field: 'display.theme.colorScheme',
        message: 'must be "auto", "light" or "dark", got "sepia"',
      },
    ])
  })

  it('leaves the finer rules to the full validator: unknown fields, a preset’s options', () => {
    const typo = { ...valid, recontactDay: 30 }
    expect(guardSurvey(typo)).toEqual([])
    expect(surveyErrors(typo).map((e) => e.field)).toEqual(['recontactDay'])
  })

  it('keeps the surveys it can run and reports each other one in one message', () => {
    const { surveys, _problems } = partitionSurveys(
      [valid, { ...valid, id: 'broken', trigger: { idle: -1 } }, { ...valid }],
      guardSurvey,
    )
    expect(surveys.map((s) => s.id)).toEqual(['checkout-nps'])
    expect(_problems).toEqual([
      'survey "broken" is ignored: "trigger.idle" must be valid (validateSurvey() from koe says how), got -1',
      'survey "checkout-nps" is ignored: its id is used by an earlier survey',
    ])
  })
})
