// Headless mode through createKoe: the site draws the survey, Koe stores and throttles as for its
// own prompt. Storage is in memory; the collector is a scripted fetch.
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createKoe,
  type HeadlessPrompt,
  type Koe,
  type KoeConfig,
  type KoeDeps,
  type KoeEvents,
} from '../../src'
import type { Survey } from '../../src/config/survey'
import { surveyErrors } from '../../src/config/validate-survey'
import { createKoeWith } from '../../src/core/create-koe'
import { createMemoryState, type DeviceState } from '../../src/core/device-state'
import { outcomeRecord } from '../../src/core/outcome-record'
import { createPromptLifecycle } from '../../src/core/prompt-lifecycle'
import { createDelivery } from '../../src/queue/create-delivery'
import { createMemoryStorage } from '../../src/queue/memory-storage'
import type { QueueStorage } from '../../src/queue/queue-storage'
import type { WireRecord } from '../../src/scoring/wire'
import { bridgeDataLayer } from '../../src/triggers/data-layer'
import { watchPageSignals } from '../../src/triggers/page-signals'
import { LOCALES } from '../../src/ui/locales'
import { promptOf, scriptedFetch, sendComment, settle } from './helpers'

const NPS: Survey = {
  id: 'nps',
  type: 'nps',
  question: { en: 'Would you recommend us?', ja: 'おすすめしますか？' },
  followUp: { detractor: { en: 'What went wrong?', ja: '何が問題でしたか？' } },
  trigger: { event: 'purchase_completed' },
}
const CES: Survey = { id: 'ces', type: 'ces', scale: 5, trigger: { event: 'support_closed' } }

let koe: Koe | undefined
afterEach(() => {
  koe?.destroy()
  koe = undefined
  document.body.replaceChildren()
  vi.restoreAllMocks()
})

/** A Koe on memory storage that keeps every event it emits, in order. */
function start(
  config: Partial<KoeConfig> = {},
  state: DeviceState = createMemoryState(),
  deps: KoeDeps = {},
) {
  const storage: QueueStorage = createMemoryStorage()
  const net = scriptedFetch()
  const instance = createKoe(
    { endpoint: 'https://collect.example/koe', surveys: [NPS, CES], ...config },
    { fetch: net.fetch, storage, state, ...deps },
  )
  koe = instance
  const events: string[] = []
  const prompts: HeadlessPrompt[] = []
  const errors: KoeEvents['error'][] = []
  instance.on('show', (prompt) => {
    events.push(`show ${prompt.survey.id}`)
    prompts.push(prompt)
  })
  for (const name of ['shown', 'answered', 'dismissed'] as const)
    instance.on(name, (e) => events.push(`${name} ${(e as { surveyId: string }).surveyId}`))
  instance.on('error', (e) => errors.push(e))
  /** Every record this device produced, sent or still queued, at its latest version. */
  const records = async () => {
    const latest = new Map<string, WireRecord>()
    for (const r of net.batches.flatMap((b) => b.records)) latest.set(r.id, r)
    for (const { record } of await storage.list()) latest.set(record.id, record)
    return [...latest.values()].sort((a, b) => (a.id < b.id ? -1 : 1))
  }
  return { koe: instance, storage, state, events, prompts, errors, records, ...net }
}

/** A record without what differs from run to run (ids, times), to compare two runs. */
const comparable = ({
  id: _i,
  createdAt: _c,
  updatedAt: _u,
  ...rest
}: WireRecord & { updatedAt?: string }) => rest

describe('a headless survey', () => {
  it('is handed to the site with its texts resolved; Koe draws nothing', async () => {
    document.documentElement.setAttribute('lang', 'ja')
    const { koe, prompts, events } = start({ headless: true })
    koe.track('purchase_completed')
    await settle()
    expect(document.querySelector('[data-koe-survey]')).toBeNull()
    expect(events).toEqual(['show nps', 'shown nps'])
    const { survey } = prompts[0] as HeadlessPrompt
    expect(survey).toMatchObject({
      id: 'nps',
      type: 'nps',
      trigger: 'purchase_completed',
      locale: 'ja',
      dir: 'ltr',
      question: 'おすすめしますか？',
      scores: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    })
    expect(survey.low).toBe('全く勧めない')
    expect(survey.followUp(3)).toBe('何が問題でしたか？')
    expect(survey.group(3)).toBe('detractor')
    expect(survey.group(9)).toBe('promoter')
    // Groups without a text of the survey's own get Koe's built-in Japanese wording.
    expect(survey.followUp(9)).not.toBe('何が問題でしたか？')
    expect(survey.thanks(9)).toMatch(/ありがとう/)
    document.documentElement.removeAttribute('lang')
  })

  it('stores the score at once, the comment on the same record, and is answered once closed', async () => {
    const { koe, prompts, events, records, batches } = start({ headless: true })
    const answered = vi.fn()
    koe.on('answered', answered)
    koe.track('purchase_completed')
    await settle()
    const prompt = prompts[0] as HeadlessPrompt
    expect(prompt.answer(3)).toBe(true)
    await settle()
    const first = (await records()).find((r) => r.kind === 'response')
    expect(first).toMatchObject({ score: 3, surveyId: 'nps', trigger: 'purchase_completed' })
    // As with the prompt: the display at once, the answer once it is done.
    expect(batches.flatMap((b) => b.records).map((r) => r.kind)).toEqual(['display'])
    expect(prompt.answer(4)).toBe(true) // changing the score keeps the record
    expect(prompt.comment('  The parcel came late.  ')).toBe(true)
    await settle(50)
    const sent = batches.flatMap((b) => b.records).filter((r) => r.kind === 'response')
    expect(sent.at(-1)).toMatchObject({ id: first?.id, score: 4, comment: 'The parcel came late.' })
    expect(answered).toHaveBeenCalledTimes(1)
    expect(prompt.close()).toBe(true)
    expect(prompt.close()).toBe(false) // a second close does nothing
    await settle()
    expect(answered).toHaveBeenCalledTimes(1)
    expect(events).toEqual(['show nps', 'shown nps', 'answered nps'])
    // Throttled as an answered survey: it does not show again on this device soon.
    expect(koe.explain('nps').wouldShow).toBe(false)
  })

  it('records a dismissal, then refuses an answer: a typed error, nothing stored', async () => {
    const { koe, prompts, events, errors, records } = start({ headless: true })
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => {})
    koe.track('purchase_completed')
    await settle()
    const prompt = prompts[0] as HeadlessPrompt
    expect(prompt.dismiss()).toBe(true)
    await settle()
    expect(events).toContain('dismissed nps')
    expect(prompt.answer(9)).toBe(false)
    await settle()
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'misuse',
        message: expect.stringMatching(/answer\(\) after it closed/),
      }),
    ])
    expect(console).toHaveBeenCalledTimes(1)
    expect((await records()).map((r) => r.kind).sort()).toEqual(['dismiss', 'display'])
  })

  it('refuses what makes no sense and loses nothing already given', async () => {
    const { koe, prompts, errors, records } = start({ headless: true })
    vi.spyOn(console, 'error').mockImplementation(() => {})
    koe.track('support_closed')
    await settle()
    const prompt = prompts[0] as HeadlessPrompt
    expect(prompt.survey.scores).toEqual([1, 2, 3, 4, 5])
    expect(prompt.comment('first?')).toBe(false) // no score yet
    expect(prompt.answer(0)).toBe(false) // below a 1..5 scale
    expect(prompt.answer(6)).toBe(false)
    expect(prompt.answer(2.5)).toBe(false)
    expect(prompt.answer('4' as unknown as number)).toBe(false)
    expect(prompt.answer(5)).toBe(true)
    expect(prompt.comment(42 as unknown as string)).toBe(false)
    expect(prompt.dismiss()).toBe(false) // answered: close() ends it
    await settle()
    expect(errors.map((e) => e.code)).toEqual(Array(7).fill('misuse'))
    expect(errors[1]?.message).toMatch(/answer\(0\) is not a score of 1..5/)
    const response = (await records()).find((r) => r.kind === 'response')
    expect(response).toMatchObject({ score: 5, scale: 5, type: 'ces' })
    expect((await records()).some((r) => r.kind === 'dismiss')).toBe(false)
  })

  it('stores and throttles exactly as the built-in prompt does for the same answers', async () => {
    /** Answers 3 with a comment, then meets the second survey; returns what each run left. */
    const run = async (headless: boolean) => {
      const state = createMemoryState()
      // One clock and the same sequence of random bytes for both runs: only what Koe decides
      // can differ.
      let n = 0
      const { koe, prompts, events, records } = start({ headless }, state, {
        now: () => Date.parse('2026-11-30T09:00:00.000Z'),
        randomBytes: (bytes) => {
          bytes.fill(++n)
        },
      })
      koe.identify('u-7', { plan: 'pro' })
      koe.track('purchase_completed')
      koe.track('support_closed')
      await settle()
      if (headless) {
        const prompt = prompts[0] as HeadlessPrompt
        prompt.answer(3)
        await settle()
        prompt.comment('Slow delivery')
        await settle()
        prompt.close()
      } else {
        const { root } = promptOf('nps')
        root?.querySelectorAll<HTMLInputElement>('input[type=radio]')[3]?.click()
        await settle()
        sendComment(root, 'Slow delivery')
        await settle()
        root?.querySelector<HTMLButtonElement>('button.close')?.click()
      }
      await settle(50)
      // The second survey waited for the first and then met the cool-down of the answered one.
      const left = {
        records: (await records()).map(comparable),
        throttle: await state.get('throttle'),
        events: events.filter((e) => !e.startsWith('show ')),
        explain: [koe.explain('nps'), koe.explain('ces')],
      }
      koe.destroy()
      document.body.replaceChildren()
      return left
    }
    const builtIn = await run(false)
    const headless = await run(true)
    expect(builtIn.records.length).toBeGreaterThan(0)
    expect(builtIn.records.find((r) => r.kind === 'response')).toMatchObject({
      score: 3,
      comment: 'Slow delivery',
      userId: 'u-7',
    })
    expect(headless).toEqual(builtIn)
  })
})

describe('headless by survey', () => {
  it('draws the other surveys itself, and a headless survey waits its turn like any other', async () => {
    const { koe, prompts, events } = start({
      surveys: [NPS, { ...CES, display: { headless: true } }],
      cooldownDays: 0,
    })
    koe.track('support_closed')
    koe.track('purchase_completed')
    await settle()
    expect(prompts.map((p) => p.survey.id)).toEqual(['ces'])
    expect(promptOf('nps').host).toBeNull() // waits while the headless one is open
    prompts[0]?.answer(4)
    prompts[0]?.close()
    await settle(50)
    expect(promptOf('nps').host).not.toBeNull()
    expect(events.slice(0, 4)).toEqual(['show ces', 'shown ces', 'answered ces', 'shown nps'])
  })

  it('is not shown, and says why, when nothing listens to show', async () => {
    const storage = createMemoryStorage()
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    koe = createKoe(
      { endpoint: 'https://collect.example/koe', surveys: [NPS], headless: true },
      { fetch: scriptedFetch().fetch, storage, state: createMemoryState() },
    )
    const shown = vi.fn()
    koe.on('shown', shown)
    koe.track('purchase_completed')
    await settle()
    expect(shown).not.toHaveBeenCalled()
    expect(await storage.list()).toEqual([]) // no display counted for a survey nobody saw
    expect(String(logged.mock.calls[0])).toMatch(
      /"nps" is headless: not shown \(needs the npm module and a koe.on\("show"\) listener\)/,
    )
  })

  it('is closed by Koe when consent is denied: its methods then do nothing', async () => {
    const { koe, prompts, records } = start({ headless: true })
    vi.spyOn(console, 'error').mockImplementation(() => {})
    koe.track('purchase_completed')
    await settle()
    koe.setConsent('denied')
    expect(prompts[0]?.answer(10)).toBe(false)
    expect(prompts[0]?.close()).toBe(false)
    await settle()
    expect((await records()).some((r) => r.kind === 'response')).toBe(false)
  })
})

describe('the script tag', () => {
  it('leaves headless mode out, and says so instead of counting a survey nobody saw', async () => {
    const storage = createMemoryStorage()
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    // The script tag's createKoe: no headless factory.
    koe = createKoeWith({
      _locales: (tag) => LOCALES[tag],
      _prompt: () => createPromptLifecycle,
      _delivery: () => createDelivery,
      _dataLayer: () => bridgeDataLayer,
      _signals: () => watchPageSignals,
      _outcome: () => outcomeRecord,
      _check: surveyErrors,
    })(
      { endpoint: 'https://collect.example/koe', surveys: [NPS], headless: true },
      { fetch: scriptedFetch().fetch, storage, state: createMemoryState() },
    )
    const show = vi.fn()
    koe.on('show', show)
    koe.track('purchase_completed')
    await settle()
    expect(show).not.toHaveBeenCalled()
    expect(await storage.list()).toEqual([])
    expect(String(logged.mock.calls[0])).toMatch(/needs the npm module/)
  })
})

describe('headless configuration', () => {
  it('names the field when headless is not a boolean', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    createKoe({
      endpoint: 'https://collect.example/koe',
      surveys: [{ ...NPS, display: { headless: 'yes' as unknown as boolean } }],
      headless: 1 as unknown as boolean,
    })
    expect(String(logged.mock.calls[0])).toMatch(/"headless" .*true or false/)
  })
})
