// The results page's filters when choices come faster than answers (CI failure after issue 27):
// a range then a touchpoint, chosen before the range's figures arrive, must ask for both, and a
// late answer to the first request must not replace the figures of the second.
import { h, render } from 'preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ResultsView } from '../../packages/koe-collector/src/dashboard/results-view'
import type { SurveySummary } from '../../packages/koe-collector/src/server/results'
import { npsFromHistogram } from '../../src/scoring/nps'
import { type Held, holdRequests } from './held-requests'

/** A survey's summary over `n` answers, all promoters. */
function summaryOf(n: number): SurveySummary {
  const counts = new Array(11).fill(0)
  counts[10] = n
  return {
    surveyId: 's',
    type: 'nps',
    nps: npsFromHistogram(counts),
    distribution: counts,
    timeline: [],
    comments: [],
    locales: [],
    dimensions: [{ dim: 'trigger', values: ['cart_abandoned', 'exit_intent'] }],
    timeZone: 'UTC',
    displays: n,
    responses: n,
    dismissals: 0,
    responseRate: 1,
    dismissRate: 0,
  }
}

/** Answers the summary, segment and annotation requests of one load. */
function answer(load: Held[], n: number) {
  return Promise.all(
    load.map((request) =>
      request.answer(
        request.url.pathname === '/api/summary'
          ? summaryOf(n)
          : request.url.pathname === '/api/annotations'
            ? { annotations: [] }
            : { dim: 'trigger', type: 'nps', rows: [] },
      ),
    ),
  )
}

const choose = (root: Element, label: string, value: string) => {
  const select = root.querySelector<HTMLSelectElement>(`select[aria-label="${label}"]`)
  if (!select) throw new Error(`no ${label} select`)
  select.value = value
  select.dispatchEvent(new Event('change', { bubbles: true }))
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the results filters', () => {
  it('applies two quick choices together, and drops a late answer to the first', async () => {
    const held = holdRequests()
    const root = document.createElement('div')
    document.body.append(root)
    const errors: unknown[] = []
    render(
      h(ResultsView, { surveys: ['s'], canAnnotate: false, onError: (e) => errors.push(e) }),
      root,
    )
    const shownN = () => root.querySelector('[data-testid=nps] span')?.textContent ?? ''

    // Each load asks for the summary, the segments and the annotations.
    await vi.waitFor(() => expect(held).toHaveLength(3))
    void answer(held.slice(0, 3), 100)
    await vi.waitFor(() => expect(shownN()).toMatch(/n = 100$/))

    choose(root, 'Range', '30')
    await vi.waitFor(() => expect(held).toHaveLength(6))
    choose(root, 'Touchpoint', 'cart_abandoned')
    await vi.waitFor(() => expect(held).toHaveLength(9))

    const latest = held.slice(6, 9)
    for (const { url } of latest.filter((r) => r.url.pathname !== '/api/annotations')) {
      expect(url.searchParams.get('days')).toBe('30')
      expect(url.searchParams.getAll('where')).toEqual(['trigger=cart_abandoned'])
    }
    // The second choice's answer first, then the first's, late.
    void answer(latest, 7)
    await vi.waitFor(() => expect(shownN()).toMatch(/n = 7$/))
    await answer(held.slice(3, 6), 50)
    // The view has read the late answer; what it does with it runs before the next task.
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(shownN()).toMatch(/n = 7$/)
    expect(root.querySelector<HTMLSelectElement>('select[aria-label="Touchpoint"]')?.value).toBe(
      'cart_abandoned',
    )
    expect(root.querySelector<HTMLSelectElement>('select[aria-label="Range"]')?.value).toBe('30')
    expect(errors).toEqual([])
    render(null, root)
    root.remove()
  })
})
