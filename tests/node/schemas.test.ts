import { readFileSync } from 'node:fs'
import Ajv2020 from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { validateSurvey } from '../../src/config/validate-survey'
import { validateBatch } from '../../src/scoring'
import {
  CURRENCY,
  ISO_UTC,
  OUTCOME_NAME,
  SURVEY_ID,
  TEXT_PATTERN,
  URL_START,
  UUID,
} from '../../src/scoring/validate-batch'
import { canBacktrack } from '../../src/triggers/url-pattern'
import { batch, display, outcome, response } from '../fixtures/wire-records'

const load = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'))
// strictTypes and strictRequired off: the schemas use `required` inside if/then/not without
// repeating `type` and `properties`, which is valid
// JSON Schema that Ajv's own strict mode merely flags.
const ajv = new Ajv2020({
  strict: true,
  strictTypes: false,
  strictRequired: false,
  allErrors: true,
})
// The survey schema marks `{ "regex": … }` with JSON Schema's `regex` format; Ajv leaves formats
// to a plugin, so the test defines it as the browser checks it: the pattern must compile and
// must not be able to backtrack catastrophically (issue 27).
ajv.addFormat('regex', (text: string) => {
  try {
    new RegExp(text)
    return !canBacktrack(text)
  } catch {
    return false
  }
})
const wireSchema = load('src/scoring/wire.schema.json')
const surveySchema = load('src/config/survey.schema.json')
const schemaAcceptsBatch = ajv.compile(wireSchema)
const schemaAcceptsSurveys = ajv.compile(surveySchema)

const ces = { ...response, type: 'ces', score: 6 }

/** [name, batch, valid?] — run through both the schema and validateBatch. */
const batches: [string, unknown, boolean][] = [
  ['the docs example', batch(response, display, { ...display, kind: 'dismiss' }), true],
  [
    'a minimal response',
    batch({ ...display, kind: 'response', type: 'nps', score: 0, updatedAt: display.createdAt }),
    true,
  ],
  ['CES on 7 points', batch(ces), true],
  ['CES on 5 points', batch({ ...ces, scale: 5, score: 5 }), true],
  ['unknown fields (ignored)', batch({ ...display, extra: 1 }), true],
  [
    'emoji attribute at the length limit',
    batch({ ...response, attributes: { e: '👍'.repeat(256) } }),
    true,
  ],
  ['500 records', batch(...Array(500).fill(display)), true],
  ['an outcome', batch(outcome), true],
  [
    'an outcome with its name only',
    batch({ ...display, kind: 'outcome', name: 'cancel', surveyId: undefined }),
    true,
  ],
  ['an outcome with a refund (negative value)', batch({ ...outcome, value: -4980 }), true],
  ['an outcome without a name', batch({ ...outcome, name: undefined }), false],
  ['an outcome named in capitals', batch({ ...outcome, name: 'Purchase' }), false],
  ['an outcome name of 65 characters', batch({ ...outcome, name: 'a'.repeat(65) }), false],
  ['an outcome value as a string', batch({ ...outcome, value: '49.80' }), false],
  ['a currency in lower case', batch({ ...outcome, currency: 'eur' }), false],
  ['a currency as a list', batch({ ...outcome, currency: ['EUR'] }), false],
  ['an empty external id', batch({ ...outcome, externalId: '' }), false],
  ['an outcome with NUL in its userId', batch({ ...outcome, userId: 'u\u0000' }), false],
  ['a display without surveyId', batch({ ...display, surveyId: undefined }), false],
  ['not an object', 'hello', false],
  ['v 2', { ...batch(display), v: 2 }, false],
  ['no records', batch(), false],
  ['501 records', batch(...Array(501).fill(display)), false],
  ['sentAt not UTC', { ...batch(display), sentAt: '2026-11-22T10:00:06+09:00' }, false],
  ['month 13', batch({ ...display, createdAt: '2026-13-01T00:00:00Z' }), false],
  ['uppercase id', batch({ ...display, id: display.id.toUpperCase() }), false],
  ['unknown kind', batch({ ...display, kind: 'click' }), false],
  ['surveyId with a space', batch({ ...display, surveyId: 'a b' }), false],
  ['surveyId of 129 characters', batch({ ...display, surveyId: 'a'.repeat(129) }), false],
  ['NPS score 11', batch({ ...response, score: 11 }), false],
  ['NPS score 8.5', batch({ ...response, score: 8.5 }), false],
  ['NPS with a scale', batch({ ...response, scale: 7 }), false],
  ['CES score 0', batch({ ...ces, score: 0 }), false],
  ['CES 5 score 6', batch({ ...ces, scale: 5, score: 6 }), false],
  ['CES scale 10', batch({ ...ces, scale: 10 }), false],
  ['response without updatedAt', batch({ ...response, updatedAt: undefined }), false],
  ['comment of 4001 characters', batch({ ...response, comment: 'a'.repeat(4001) }), false],
  ['empty userId', batch({ ...response, userId: '' }), false],
  ['locale of 257 characters', batch({ ...response, locale: 'x'.repeat(257) }), false],
  ['javascript: url', batch({ ...response, url: 'javascript:alert(1)' }), false],
  [
    '51 attributes',
    batch({
      ...response,
      attributes: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])),
    }),
    false,
  ],
  [
    'attribute key of 65 characters',
    batch({ ...response, attributes: { ['k'.repeat(65)]: 1 } }),
    false,
  ],
  [
    'attribute value of 257 characters',
    batch({ ...response, attributes: { a: 'x'.repeat(257) } }),
    false,
  ],
  ['nested attribute', batch({ ...response, attributes: { a: { b: 1 } } }), false],
  // What PostgreSQL cannot store in text or jsonb (issue 11): refused here, not at INSERT.
  ['NUL in a comment', batch({ ...response, comment: 'a\u0000b' }), false],
  ['lone surrogate in a comment', batch({ ...response, comment: 'broken \ud83d' }), false],
  ['emoji pair in a comment', batch({ ...response, comment: 'ok 😀' }), true],
  ['NUL in the locale', batch({ ...response, locale: 'ja\u0000' }), false],
  ['lone surrogate in a url', batch({ ...response, url: 'https://a.example/\udc00' }), false],
  [
    'lone surrogate in an attribute value',
    batch({ ...response, attributes: { plan: '\udc00' } }),
    false,
  ],
  ['NUL in an attribute key', batch({ ...response, attributes: { 'a\u0000': 1 } }), false],
  ['attribute named __proto__', batch({ ...response, attributes: { ['__proto__']: 'x' } }), false],
]

describe('wire.schema.json equals validateBatch', () => {
  it.each(batches)('%s', (_name, input, valid) => {
    const json = JSON.parse(JSON.stringify(input)) // what travels: undefined fields vanish
    expect(validateBatch(json).ok).toBe(valid)
    expect(schemaAcceptsBatch(json)).toBe(valid)
  })

  it('uses the same patterns as the validator', () => {
    const defs = wireSchema.$defs
    expect(defs.timestamp.pattern).toBe(ISO_UTC.source)
    expect(defs.record.properties.id.pattern).toBe(UUID.source)
    expect(defs.surveyId.pattern).toBe(SURVEY_ID.source)
    // The schema's pattern needs no escaped slash; the literal's source has one.
    expect(defs.record.properties.url.pattern).toBe(URL_START.source.replaceAll('\\/', '/'))
    expect(defs.outcome.properties.name.pattern).toBe(OUTCOME_NAME.source)
    expect(defs.outcome.properties.currency.pattern).toBe(CURRENCY.source)
    expect(defs.text.pattern).toBe(TEXT_PATTERN)
  })

  it('differs where JSON Schema cannot see the calendar: 30 February', () => {
    const json = batch({ ...display, createdAt: '2026-02-30T00:00:00.000Z' })
    expect(validateBatch(json).ok).toBe(false)
    expect(schemaAcceptsBatch(json)).toBe(true)
    // 29 February exists in leap years only; year 0 does not exist in PostgreSQL.
    expect(validateBatch(batch({ ...display, createdAt: '2028-02-29T00:00:00Z' })).ok).toBe(true)
    expect(validateBatch(batch({ ...display, createdAt: '2026-02-29T00:00:00Z' })).ok).toBe(false)
    expect(validateBatch(batch({ ...display, createdAt: '0000-01-01T00:00:00Z' })).ok).toBe(false)
    expect(validateBatch({ ...batch(display), sentAt: '2026-04-31T00:00:00Z' }).ok).toBe(false)
  })

  it('differs only where JSON Schema cannot count UTF-8 bytes: the comment limit', () => {
    // 1400 × 'あ' = 4200 bytes but 1400 characters: the validator refuses, the schema cannot.
    const json = batch({ ...response, comment: 'あ'.repeat(1400) })
    expect(validateBatch(json).ok).toBe(false)
    expect(schemaAcceptsBatch(json)).toBe(true)
  })
})

const survey = { id: 'post-purchase-nps', type: 'nps', trigger: { event: 'purchase_completed' } }

/** [name, survey, valid?] — run through both the schema and validateSurvey. */
const surveys: [string, unknown, boolean][] = [
  ['the minimal survey', survey, true],
  [
    'the docs example',
    {
      ...survey,
      question: { en: 'How likely…?', ja: 'どのくらい…?' },
      followUp: true,
      trigger: { event: 'purchase_completed', delay: 2000, where: { total: { gte: 1000 } } },
      audience: { sample: 0.5, url: ['/checkout/*'], attributes: { plan: 'pro' } },
      recontactDays: 90,
      dismissRecontactDays: 14,
    },
    true,
  ],
  ['CES on 5 points', { ...survey, type: 'ces', scale: 5 }, true],
  ['own follow-up wording', { ...survey, followUp: { en: 'Why?' } }, true],
  ['follow-up off', { ...survey, followUp: false }, true],
  [
    'follow-up and thanks by group',
    {
      ...survey,
      followUp: {
        detractor: { en: 'What went wrong?', 'pt-BR': 'O que deu errado?' },
        promoter: 'Why?',
      },
      thanks: { detractor: 'We will do better.' },
    },
    true,
  ],
  ['thanks by locale', { ...survey, thanks: { en: 'Thanks!', ja: 'ありがとう！' } }, true],
  ['CES groups', { ...survey, type: 'ces', followUp: { hard: 'What got in the way?' } }, true],
  ['a CES group on an NPS survey', { ...survey, followUp: { hard: 'Why?' } }, false],
  ['an NPS group on a CES survey', { ...survey, type: 'ces', thanks: { promoter: 'x' } }, false],
  ['groups mixed with a locale', { ...survey, followUp: { detractor: 'x', en: 'y' } }, false],
  ['a group with an empty text', { ...survey, followUp: { passive: '' } }, false],
  ['a locale that is no language tag', { ...survey, question: { en_US: 'Hi?' } }, false],
  ['empty thanks', { ...survey, thanks: '' }, false],
  [
    'display: position, inline, theme',
    {
      ...survey,
      display: {
        position: 'center',
        inline: '#koe-feedback',
        theme: { accent: '#7b1fa2', colorScheme: 'dark', shadow: 'none' },
      },
    },
    true,
  ],
  ['display position top-left', { ...survey, display: { position: 'top-left' } }, false],
  ['display inline empty', { ...survey, display: { inline: '' } }, false],
  ['display with an unknown key', { ...survey, display: { modal: true } }, false],
  ['theme with an unknown key', { ...survey, display: { theme: { color: 'red' } } }, false],
  ['theme colorScheme dim', { ...survey, display: { theme: { colorScheme: 'dim' } } }, false],
  ['not an object', [], false],
  ['no id', { type: 'nps', trigger: survey.trigger }, false],
  ['id with a slash', { ...survey, id: 'a/b' }, false],
  ['id of 129 characters', { ...survey, id: 'a'.repeat(129) }, false],
  ['type csat', { ...survey, type: 'csat' }, false],
  ['NPS with a scale', { ...survey, scale: 7 }, false],
  ['CES scale 10', { ...survey, type: 'ces', scale: 10 }, false],
  ['empty question', { ...survey, question: '' }, false],
  ['question without locales', { ...survey, question: {} }, false],
  ['question with an empty locale', { ...survey, question: { en: '' } }, false],
  ['follow-up as a number', { ...survey, followUp: 1 }, false],
  ['no trigger', { id: 'a', type: 'nps' }, false],
  ['trigger without event', { ...survey, trigger: { delay: 5 } }, false],
  ['negative delay', { ...survey, trigger: { event: 'e', delay: -1 } }, false],
  ['delay over an hour', { ...survey, trigger: { event: 'e', delay: 3_600_001 } }, false],
  ['two kinds of trigger at once', { ...survey, trigger: { event: 'e', exitIntent: true } }, false],
  ['unknown trigger key', { ...survey, trigger: { event: 'e', when: 'now' } }, false],
  ['pageview glob', { ...survey, trigger: { pageview: '/checkout/*', delay: 500 } }, true],
  ['pageview regex', { ...survey, trigger: { pageview: { regex: '^/(en|ja)/thanks$' } } }, true],
  [
    'pageview regex that does not compile',
    { ...survey, trigger: { pageview: { regex: '(' } } },
    false,
  ],
  ['pageview empty', { ...survey, trigger: { pageview: '' } }, false],
  [
    'pageview regex that can backtrack',
    { ...survey, trigger: { pageview: { regex: '^(a+)+$' } } },
    false,
  ],
  ['the preview mark the collector sets', { ...survey, preview: true }, true],
  ['a preview mark that is not true', { ...survey, preview: 'yes' }, false],
  ['exit intent', { ...survey, trigger: { exitIntent: true } }, true],
  ['exit intent false', { ...survey, trigger: { exitIntent: false } }, false],
  ['idle', { ...survey, trigger: { idle: 30_000 } }, true],
  ['idle 0', { ...survey, trigger: { idle: 0 } }, false],
  ['time on page', { ...survey, trigger: { timeOnPage: 10_000 } }, true],
  ['time on page over a day', { ...survey, trigger: { timeOnPage: 86_400_001 } }, false],
  ['scroll depth', { ...survey, trigger: { scrollDepth: 0.75 } }, true],
  ['scroll depth 75 (percent typed)', { ...survey, trigger: { scrollDepth: 75 } }, false],
  ['post-purchase preset', { ...survey, trigger: { preset: 'post-purchase' } }, true],
  [
    'post-purchase with a thank-you url',
    { ...survey, trigger: { preset: 'post-purchase', url: '/thanks*' } },
    true,
  ],
  [
    'cart-abandonment with idle',
    { ...survey, trigger: { preset: 'cart-abandonment', idle: 45_000 } },
    true,
  ],
  [
    'cart-abandonment with a url',
    { ...survey, trigger: { preset: 'cart-abandonment', url: '/x' } },
    false,
  ],
  ['post-purchase with idle', { ...survey, trigger: { preset: 'post-purchase', idle: 5 } }, false],
  ['unknown preset', { ...survey, trigger: { preset: 'black-friday' } }, false],
  [
    'audience with every condition',
    {
      ...survey,
      audience: {
        sample: 0.1,
        url: ['/shop/*', { regex: '^/jp' }],
        excludeUrl: ['/shop/admin*'],
        attributes: { plan: 'pro' },
        locale: ['ja'],
        device: ['mobile', 'tablet'],
      },
    },
    true,
  ],
  ['audience device "phone"', { ...survey, audience: { device: ['phone'] } }, false],
  ['audience locale as a string', { ...survey, audience: { locale: 'ja' } }, false],
  ['excludeUrl with a bad regex', { ...survey, audience: { excludeUrl: [{ regex: '[' }] } }, false],
  ['maxDisplays and priority', { ...survey, maxDisplays: 2, priority: 5 }, true],
  ['maxDisplays 0', { ...survey, maxDisplays: 0 }, false],
  ['maxDisplays 1.5', { ...survey, maxDisplays: 1.5 }, false],
  ['where as a string', { ...survey, trigger: { event: 'e', where: 'x' } }, false],
  ['sample 1.5', { ...survey, audience: { sample: 1.5 } }, false],
  ['url not an array', { ...survey, audience: { url: '/checkout/*' } }, false],
  ['unknown audience key', { ...survey, audience: { sampel: 0.5 } }, false],
  ['recontactDays as text', { ...survey, recontactDays: '90' }, false],
  ['recontactDays over ten years', { ...survey, recontactDays: 3651 }, false],
  ['a typo in a field name', { ...survey, recontactDay: 30 }, false],
]

describe('survey.schema.json equals validateSurvey', () => {
  it.each(surveys)('%s', (_name, input, valid) => {
    expect(validateSurvey(input).ok).toBe(valid)
    expect(schemaAcceptsSurveys([input])).toBe(valid)
  })

  it('validates a whole survey file as an array', () => {
    expect(schemaAcceptsSurveys([survey, { ...survey, id: 'other' }])).toBe(true)
    expect(schemaAcceptsSurveys(survey)).toBe(false)
  })
})
