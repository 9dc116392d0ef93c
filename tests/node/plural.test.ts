// "1 answers" in a digest (issue 33): counts say their noun in the singular for one.
import { describe, expect, it } from 'vitest'
import { count } from '../../packages/koe-collector/src/server/alerts/plural'

describe('count', () => {
  it('says one in the singular, anything else in the plural, with thousands separated', () => {
    expect(count(1, 'answer', 'answers')).toBe('1 answer')
    expect(count(0, 'answer', 'answers')).toBe('0 answers')
    expect(count(2, 'unsent alert', 'unsent alerts')).toBe('2 unsent alerts')
    expect(count(1200, 'answer', 'answers')).toBe('1,200 answers')
  })
})
