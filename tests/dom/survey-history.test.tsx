// The editor's history after a save (issue 27): it compares the new version with the one before,
// not the two versions of when the editor opened.
import { h, render } from 'preact'
import { describe, expect, it } from 'vitest'
import { SurveyHistory } from '../../packages/koe-collector/src/dashboard/editor/survey-history'
import type { SurveyDetail } from '../../packages/koe-collector/src/dashboard/library-client'
import type { Survey } from '../../src/config/survey'

const survey = (priority: number): Survey => ({
  id: 's',
  type: 'nps',
  trigger: { event: 'go' },
  priority,
})

/** The detail the editor has after `versions` saves, each changing the priority. */
const detail = (versions: number): SurveyDetail => ({
  id: 's',
  status: 'draft',
  latestVersion: versions,
  publishedVersion: null,
  updatedAt: '2026-12-04T09:00:00.000Z',
  definition: survey(versions),
  versions: Array.from({ length: versions }, (_, i) => ({
    version: i + 1,
    definition: survey(i + 1),
    author: 'Ana',
    note: '',
    createdAt: '2026-12-04T09:00:00.000Z',
  })),
  log: [],
})

describe('the survey history', () => {
  it('compares the newest save with the one before it, again after each save', () => {
    const root = document.createElement('div')
    const show = (versions: number) =>
      render(h(SurveyHistory, { detail: detail(versions), lang: 'en', onRollBack: () => {} }), root)
    const compared = () =>
      [...root.querySelectorAll<HTMLSelectElement>('.compare select')].map((s) => s.value)
    const diff = () => root.querySelector('[data-testid=diff]')?.textContent
    show(2)
    expect(compared()).toEqual(['1', '2'])
    expect(diff()).toContain('12')
    show(3) // saved: version 3
    expect(compared()).toEqual(['2', '3'])
    expect(diff()).toContain('23')
  })
})
