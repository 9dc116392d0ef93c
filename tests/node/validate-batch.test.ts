import { describe, expect, it } from 'vitest'
import { utf8Length, validateBatch, validateRecord, WIRE_LIMITS } from '../../src/scoring'
import { batch as batchOf, display, response } from '../fixtures/wire-records'

const batch = (records: unknown[]) => batchOf(...records)

describe('validateBatch', () => {
  it('accepts the example of docs/wire-format.md and returns the records unchanged', () => {
    const result = validateBatch(batch([response, display, { ...display, kind: 'dismiss' }]))
    expect(result.ok).toBe(true)
    if (result.ok)
      expect(result.value.records).toEqual([response, display, { ...display, kind: 'dismiss' }])
  })

  it('drops unknown fields from the clean copy', () => {
    const result = validateBatch(batch([{ ...display, extra: 'x' }]))
    expect(result.ok && result.value.records[0]).toEqual(display)
  })

  it('keeps the context of the ask on displays and dismissals, and checks it as on responses (issue 15)', () => {
    const context = {
      trigger: 'cart_abandoned',
      locale: 'ja',
      url: 'https://shop.example/cart',
      device: 'mobile',
      attributes: { plan: 'pro' },
      sdk: 'koe@0.1.0',
    }
    for (const kind of ['display', 'dismiss']) {
      const record = { ...display, kind, ...context }
      expect(validateRecord(record)).toEqual({ ok: true, value: record })
      // A person's ids belong to responses only.
      expect(validateRecord({ ...record, userId: 'u-1' })).toEqual({ ok: true, value: record })
      const bad = validateRecord({ ...record, device: 'watch', url: 'ftp://x' })
      expect(!bad.ok && bad.errors.map((e) => e.path)).toEqual(['record.device', 'record.url'])
    }
    expect(validateRecord({ ...response, device: 'tablet' })).toMatchObject({
      ok: true,
      value: { device: 'tablet' },
    })
  })

  it('accepts a CES answer within its scale and refuses one beyond it', () => {
    const ces = { ...response, type: 'ces', score: 7 }
    expect(validateBatch(batch([ces])).ok).toBe(true)
    expect(validateBatch(batch([{ ...ces, scale: 5, score: 5 }])).ok).toBe(true)
    const bad = validateBatch(batch([{ ...ces, scale: 5, score: 6 }]))
    expect(bad).toEqual({
      ok: false,
      errors: [{ path: 'records[0].score', message: 'must be an integer 1..5 for CES' }],
    })
  })

  it.each([
    ['v', { ...batch([response]), v: 2 }, 'v'],
    ['sentAt', { ...batch([response]), sentAt: 'yesterday' }, 'sentAt'],
    ['empty records', batch([]), 'records'],
    ['id', batch([{ ...response, id: 'not-a-uuid' }]), 'records[0].id'],
    ['kind', batch([{ ...response, kind: 'answer' }]), 'records[0].kind'],
    ['surveyId', batch([{ ...response, surveyId: '<script>' }]), 'records[0].surveyId'],
    ['score above 10', batch([{ ...response, score: 11 }]), 'records[0].score'],
    ['fractional score', batch([{ ...response, score: 8.5 }]), 'records[0].score'],
    ['createdAt', batch([{ ...display, createdAt: '2026-11-22 10:00' }]), 'records[0].createdAt'],
    ['comment type', batch([{ ...response, comment: 42 }]), 'records[0].comment'],
    ['url scheme', batch([{ ...response, url: 'javascript:alert(1)' }]), 'records[0].url'],
    [
      'attribute value',
      batch([{ ...response, attributes: { nested: { a: 1 } } }]),
      'records[0].attributes.nested',
    ],
    ['type', batch([{ ...response, type: 'csat' }]), 'records[0].type'],
  ])('rejects a bad %s with its path', (_name, input, path) => {
    const result = validateBatch(input)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain(path)
  })

  it('rejects non-objects without throwing', () => {
    for (const input of [null, undefined, 42, 'x', []]) expect(validateBatch(input).ok).toBe(false)
  })

  it('enforces the comment limit in UTF-8 bytes, not characters', () => {
    // 'あ' is 3 bytes: 1333 of them and one 'a' make exactly 4000 bytes in 1334 characters.
    const limitInJapanese = `${'あ'.repeat(Math.floor(WIRE_LIMITS.commentBytes / 3))}a`
    expect(utf8Length(limitInJapanese)).toBe(WIRE_LIMITS.commentBytes)
    expect(validateBatch(batch([{ ...response, comment: limitInJapanese }])).ok).toBe(true)
    expect(validateBatch(batch([{ ...response, comment: `${limitInJapanese}a` }])).ok).toBe(false)
  })

  it('enforces the record count limit', () => {
    const many = Array.from({ length: WIRE_LIMITS.records + 1 }, () => display)
    expect(validateBatch(batch(many))).toMatchObject({ ok: false, errors: [{ path: 'records' }] })
  })

  it('reports every invalid record of a batch, so valid ones can be kept with validateRecord', () => {
    const result = validateBatch(
      batch([response, { ...response, score: -1 }, { ...display, id: 'x' }]),
    )
    expect(result.ok).toBe(false)
    if (!result.ok)
      expect(result.errors.map((e) => e.path)).toEqual(['records[1].score', 'records[2].id'])
    expect(validateRecord(response).ok).toBe(true)
  })
})

describe('utf8Length', () => {
  it('counts bytes as TextEncoder does, surrogate pairs included', () => {
    for (const text of ['', 'abc', 'é', '速くて丁寧', '👍🏽', 'a\uD800b']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length)
    }
  })
})
