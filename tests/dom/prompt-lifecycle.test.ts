import { afterEach, describe, expect, it, vi } from 'vitest'
import { shownLocale } from '../../src/config/resolve-locale'
import type { Survey } from '../../src/config/survey'
import type { Blockers } from '../../src/core/eligibility'
import { createEmitter } from '../../src/core/emitter'
import { createPromptLifecycle } from '../../src/core/prompt-lifecycle'
import type { SurveyRecord } from '../../src/scoring/wire'
import { LOCALES } from '../../src/ui/locales'
import { promptOf, sendComment, settle } from './helpers'

const nps = (id: string, priority?: number): Survey => ({
  id,
  type: 'nps',
  priority,
  trigger: { event: 'e' },
})

/** A lifecycle wired to fakes: records and notes land in arrays, rules come from `blocked`. */
function lifecycle(blocked: Record<string, string[]> = {}) {
  const records: SurveyRecord[] = []
  const notes: string[] = []
  const emitter = createEmitter()
  const events: string[] = []
  for (const name of ['shown', 'answered', 'dismissed'] as const)
    emitter.on(name, (e) => events.push(`${name} ${(e as { surveyId: string }).surveyId}`))
  let n = 0
  const prompts = createPromptLifecycle({
    _win: window,
    _shown: (survey) => shownLocale(survey, 'de'),
    _strings: (tag) => LOCALES[tag],
    _device: () => 'desktop',
    _blockers: ((survey: Survey) => blocked[survey.id] ?? []) as Blockers,
    _shownHere: new Set(),
    _emitter: emitter,
    _now: () => Date.UTC(2026, 10, 30),
    _makeId: () => `id-${++n}`,
    _enqueue: async (record) => {
      records.push(record as SurveyRecord)
    },
    _flush: async () => {},
    _note: (surveyId, what) => notes.push(`${what} ${surveyId}`),
    _later: (run) => setTimeout(run, 0),
    _debug: () => {},
    _misuse: () => {},
    _userId: () => null,
    _attributes: () => undefined,
    _stopped: () => false,
  })
  return { prompts, records, notes, events }
}

const radio = (id: string, score: number) =>
  promptOf(id).root?.querySelectorAll<HTMLInputElement>('input[type=radio]')[
    score
  ] as HTMLInputElement

afterEach(() => {
  document.body.replaceChildren()
  vi.useRealTimers()
})

describe('the prompt lifecycle', () => {
  it('shows one prompt; the others wait by priority and show when it closes', async () => {
    const { prompts, events } = lifecycle()
    prompts.present(nps('first'), 'e')
    prompts.present(nps('low', 1), 'e')
    prompts.present(nps('high', 5), 'e')
    expect(prompts._openSurvey()).toBe('first')
    expect(promptOf('low').host).toBeNull()
    prompts.close()
    await settle()
    expect(prompts._openSurvey()).toBe('high')
    prompts.close()
    await settle()
    expect(prompts._openSurvey()).toBe('low')
    expect(events.filter((e) => e.startsWith('shown'))).toEqual([
      'shown first',
      'shown high',
      'shown low',
    ])
  })

  it('checks a waiting survey again when its turn comes, and drops it if it may not show', async () => {
    const blocked: Record<string, string[]> = {}
    const { prompts } = lifecycle(blocked)
    prompts.present(nps('first'), 'e')
    prompts.present(nps('second'), 'e')
    blocked.second = ['path /cart no longer matches trigger.pageview']
    prompts.close()
    await settle()
    expect(prompts._openSurvey()).toBeUndefined()
  })

  it('records a dismiss for a prompt closed unanswered, and the score of one answered', async () => {
    const { prompts, records, notes, events } = lifecycle()
    prompts.present(nps('a'), 'purchase')
    prompts.close()
    await settle()
    prompts.present(nps('b'), 'purchase')
    radio('b', 7).click()
    prompts.close()
    await settle()
    expect(records.map((r) => `${r.kind} ${r.surveyId}`)).toEqual([
      'display a',
      'dismiss a',
      'display b',
      'response b',
    ])
    // The answer records the locale the prompt was shown in.
    expect(records[3]).toMatchObject({ score: 7, trigger: 'purchase', locale: 'de' })
    expect(notes).toEqual(['shown a', 'dismissed a', 'shown b', 'answered b'])
    expect(events).toEqual(['shown a', 'dismissed a', 'shown b', 'answered b'])
  })

  it('keeps an inline thanks on the page but lets the next survey show', async () => {
    document.body.innerHTML = '<section id="slot"></section>'
    const { prompts } = lifecycle()
    prompts.present({ ...nps('inline'), display: { inline: '#slot' } }, 'e')
    prompts.present(nps('next'), 'e')
    const { host, root } = promptOf('inline')
    expect(host?.parentElement?.id).toBe('slot')
    // In the page's flow it is a region named by its question, not a dialog.
    expect(root?.querySelector('[role=region]')?.getAttribute('aria-labelledby')).toBe(
      'koe-q-inline',
    )
    radio('inline', 10).click()
    sendComment(root, 'great')
    await settle()
    expect(prompts._openSurvey()).toBe('next')
    expect(host?.isConnected).toBe(true)
    expect(root?.querySelector('.thanks')?.textContent).toBe('Vielen Dank für Ihr Feedback!')
    // Its close button still removes it; remove() takes everything away.
    prompts.remove()
    expect(host?.isConnected).toBe(false)
    expect(promptOf('next').host).toBeNull()
  })

  it('floats an inline survey on a page without its element, whatever the selector', () => {
    const { prompts } = lifecycle()
    prompts.present({ ...nps('a'), display: { inline: '#missing' } }, 'e')
    expect(promptOf('a').host?.parentElement).toBe(document.body)
    expect(promptOf('a').host?.hasAttribute('data-inline')).toBe(false)
    prompts.close()
    // A selector that does not parse matches nothing; it never throws into the page.
    prompts.present({ ...nps('b'), display: { inline: '##' } }, 'e')
    expect(promptOf('b').root?.querySelector('[role=dialog]')).not.toBeNull()
  })

  it('closes a floating prompt by itself three seconds after the thanks', async () => {
    vi.useFakeTimers()
    const { prompts } = lifecycle()
    prompts.present(nps('a'), 'e')
    radio('a', 3).click()
    sendComment(promptOf('a').root, '')
    expect(promptOf('a').host).not.toBeNull()
    await vi.advanceTimersByTimeAsync(3_000)
    expect(promptOf('a').host).toBeNull()
    expect(prompts._openSurvey()).toBeUndefined()
  })
})
