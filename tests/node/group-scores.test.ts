import { describe, expect, it } from 'vitest'
import { createNpsAccumulator, groupScores, nps, periodKey } from '../../src/scoring'

describe('periodKey', () => {
  it('uses the wall calendar of the time zone: Tokyo midnight is Tokyo midnight', () => {
    const instant = '2026-11-22T15:30:00.000Z' // 00:30 on the 23rd in Tokyo
    expect(periodKey(instant, 'day', 'Asia/Tokyo')).toBe('2026-11-23')
    expect(periodKey(instant, 'day')).toBe('2026-11-22')
    expect(periodKey('2026-11-22T14:59:59.999Z', 'day', 'Asia/Tokyo')).toBe('2026-11-22')
    expect(periodKey('2026-10-31T23:30:00Z', 'month', 'Asia/Tokyo')).toBe('2026-11')
    expect(periodKey('2026-11-01T03:00:00Z', 'month', 'America/Los_Angeles')).toBe('2026-10')
  })

  it.each([
    ['2026-01-01T12:00:00Z', '2026-W01'], // a Thursday: week 1 of 2026
    ['2025-12-29T12:00:00Z', '2026-W01'], // Monday of that week belongs to 2026
    ['2027-01-01T12:00:00Z', '2026-W53'], // a Friday: 2026 has 53 ISO weeks
    ['2026-11-23T12:00:00Z', '2026-W48'],
    ['2021-01-03T12:00:00Z', '2020-W53'], // Sunday
  ])('puts %s in ISO week %s', (at, week) => {
    expect(periodKey(at, 'week')).toBe(week)
  })

  it('rejects bad dates, periods and time zones', () => {
    expect(() => periodKey('not a date', 'day')).toThrow(RangeError)
    expect(() => periodKey(0, 'year' as 'day')).toThrow(RangeError)
    expect(() => periodKey(0, 'day', 'Mars/Olympus')).toThrow(RangeError)
  })
})

describe('groupScores', () => {
  const answers = [
    { score: 10, createdAt: '2026-11-22T15:30:00Z', locale: 'ja' }, // Tokyo: 23rd
    { score: 0, createdAt: '2026-11-22T14:00:00Z', locale: 'ja' }, // Tokyo: 22nd
    { score: 9, createdAt: '2026-11-23T01:00:00Z', locale: 'en' }, // Tokyo: 23rd
    { score: 7, createdAt: '2026-11-23T02:00:00Z', locale: 'ja' }, // Tokyo: 23rd
  ]

  it('groups by day in a time zone and by segment, one accumulator per group', () => {
    const groups = groupScores(answers, {
      create: createNpsAccumulator,
      score: (a) => a.score,
      period: 'day',
      timeZone: 'Asia/Tokyo',
      segment: (a) => a.locale,
    })
    expect(groups.map((g) => [g.period, g.segment, g.accumulator.result().n])).toEqual([
      ['2026-11-22', 'ja', 1],
      ['2026-11-23', 'en', 1],
      ['2026-11-23', 'ja', 2],
    ])
    expect(groups[2]?.accumulator.result()).toEqual(nps([10, 7]))
  })

  it('groups by segment alone, and merging the groups gives the whole', () => {
    const groups = groupScores(answers, {
      create: createNpsAccumulator,
      score: (a) => a.score,
      segment: (a) => a.locale,
    })
    expect(groups.map((g) => g.segment)).toEqual(['en', 'ja'])
    expect(groups[0]?.period).toBeUndefined()
    const total = createNpsAccumulator()
    for (const g of groups) total.merge(g.accumulator)
    expect(total.result()).toEqual(nps(answers.map((a) => a.score)))
  })
})
