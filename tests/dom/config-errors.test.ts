import { afterEach, describe, expect, it, vi } from 'vitest'
import { createKoe } from '../../src'
import { createMemoryState } from '../../src/core/device-state'
import { createMemoryStorage } from '../../src/queue/memory-storage'
import { scriptedFetch, settle } from './helpers'

const validSurvey = { id: 'nps', type: 'nps', trigger: { event: 'purchase_completed' } }

afterEach(() => {
  vi.restoreAllMocks()
  document.body.replaceChildren()
})

describe('config validation', () => {
  it.each([
    ['endpoint', { surveys: [] }],
    ['endpoint', { endpoint: 'collect.example.com', surveys: [] }],
    ['endpoint', { endpoint: 'http://collect.example.com/koe', surveys: [] }],
    ['surveys', { endpoint: 'https://c.example/koe', surveys: 42 }],
    ['consent', { endpoint: 'https://c.example/koe', surveys: [], consent: 'maybe' }],
    ['theme.color', { endpoint: 'https://c.example/koe', surveys: [], theme: { color: 'red' } }],
    [
      'theme.colorScheme',
      { endpoint: 'https://c.example/koe', surveys: [], theme: { colorScheme: 'dim' } },
    ],
  ])('logs one console error naming "%s" and never throws', (field, config) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const koe = createKoe(config as never)
    expect(error).toHaveBeenCalledTimes(1)
    expect(String(error.mock.calls[0]?.[0])).toContain(`"${field}"`)
    // The inert instance keeps every method callable.
    expect(() => {
      koe.track('purchase_completed')
      koe.show('nps')
      koe.identify('u')
      koe.destroy()
    }).not.toThrow()
    expect(koe.explain('nps')).toMatchObject({ wouldShow: false })
  })

  it('returns an inert instance that can even be awaited without hanging', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const koe = createKoe({ endpoint: 'nope', surveys: [] } as never)
    const awaited = await Promise.race([
      Promise.resolve(koe),
      new Promise((r) => setTimeout(() => r('hung'), 100)),
    ])
    expect(awaited).toBe(koe)
    await expect(koe.flush()).resolves.toBeUndefined()
    expect(typeof koe.on('shown', () => {})).toBe('function')
    expect(koe.explain('x').reasons[0]).toMatch(/"endpoint"/)
  })

  it('accepts http: for localhost collectors during development', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    createKoe(
      { endpoint: 'http://localhost:8787/collect', surveys: [] },
      { storage: createMemoryStorage(), state: createMemoryState() },
    ).destroy()
    expect(error).not.toHaveBeenCalled()
  })

  it('warns about an unknown option but still runs', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const koe = createKoe(
      { endpoint: 'https://c.example/koe', surveys: [], loacle: 'ja' } as never,
      {
        storage: createMemoryStorage(),
        state: createMemoryState(),
      },
    )
    expect(String(warn.mock.calls[0]?.[0])).toContain('"loacle"')
    expect(koe.explain('x').reasons).not.toContain('the config is invalid')
    koe.destroy()
  })
})

describe('survey validation', () => {
  it('reports each invalid survey by id and field, and still runs the valid ones', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { fetch } = scriptedFetch()
    const koe = createKoe(
      {
        endpoint: 'https://c.example/koe',
        surveys: [
          { id: 'bad-delay', type: 'nps', trigger: { event: 'x', delay: -5 } },
          { id: 'bad-type', type: 'csat', trigger: { event: 'x' } },
          { id: 'typo', type: 'nps', trigger: { event: 'x' }, recontactDay: 30 },
          validSurvey,
        ] as never,
      },
      { fetch, storage: createMemoryStorage(), state: createMemoryState() },
    )
    await settle()
    const messages = error.mock.calls.map((call) => String(call[0]))
    expect(messages).toHaveLength(3)
    expect(messages[0]).toMatch(
      /survey "bad-delay" .*"trigger\.delay" must be milliseconds .* got -5/,
    )
    expect(messages[1]).toMatch(/survey "bad-type" .*"type" must be "nps" or "ces", got "csat"/)
    expect(messages[2]).toMatch(/survey "typo" .*"recontactDay"/)
    expect(koe.explain('nps').wouldShow).toBe(true)
    expect(koe.explain('bad-type').reasons.join()).toMatch(/no valid survey/)
    koe.destroy()
  })
})
