// Small samples in the dashboard (issue 27): below MIN_INTERVAL_N answers no band and no numbers
// that read as a bug ("NPS 100 · 95 %: −48.5 … 98.5"), but words saying why.
import { h, render } from 'preact'
import { describe, expect, it } from 'vitest'
import { Timeline } from '../../packages/koe-collector/src/dashboard/charts'
import {
  intervalText,
  MIN_INTERVAL_N,
} from '../../packages/koe-collector/src/dashboard/interval-text'
import type { TimelinePoint } from '../../packages/koe-collector/src/server/results'

describe('intervals of few answers', () => {
  it('are said in words below the minimum n, and as a range from it on', () => {
    expect(intervalText([-48.5, 98.5], 1)).toBe('too few answers for an interval (n = 1 of 10)')
    expect(intervalText(null, 0)).toBe('too few answers for an interval (n = 0 of 10)')
    expect(intervalText([12, 48.46], MIN_INTERVAL_N)).toBe('95 %: 12.0 … 48.5')
    expect(intervalText([3.1, 3.92], 40, 2)).toBe('95 %: 3.10 … 3.92')
  })

  it('draw no band on the timeline for a period under the minimum n', () => {
    const point = (period: string, n: number): TimelinePoint =>
      ({ period, value: 100, n, interval: [-48.5, 98.5] }) as TimelinePoint
    const draw = (points: TimelinePoint[]) => {
      const root = document.createElement('div')
      render(h(Timeline, { points, min: -100, max: 100, label: 'NPS', width: 400 }), root)
      return root
    }
    expect(draw([point('2026-12-01', 1)]).querySelector('.band')).toBeNull()
    expect(draw([point('2026-12-01', 1)]).querySelectorAll('.dot')).toHaveLength(1)
    expect(draw([point('2026-12-01', 12)]).querySelector('rect.band')).not.toBeNull()
    // Over several periods the band joins only those with enough answers.
    const mixed = draw([point('2026-12-01', 30), point('2026-12-02', 2), point('2026-12-03', 30)])
    expect(mixed.querySelector('polygon.band')?.getAttribute('points')?.split(' ')).toHaveLength(4)
  })
})
