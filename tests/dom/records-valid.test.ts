import { afterEach, describe, expect, it, vi } from 'vitest'
import { createKoe, type Koe } from '../../src'
import { createMemoryState } from '../../src/core/device-state'
import { createMemoryStorage } from '../../src/queue/memory-storage'
import { validateRecord } from '../../src/scoring'
import { promptOf, scriptedFetch, sendComment } from './helpers'

let koe: Koe | undefined

type Net = ReturnType<typeof scriptedFetch>
type WireRecord = Net['batches'][number]['records'][number]

// Each step waits for what it needs (the prompt's radios, an enabled Send, a delivered answer)
// rather than for a number of turns that a busy machine may not finish in (issue 27).
async function radiosOf(surveyId: string): Promise<HTMLInputElement[]> {
  return vi.waitFor(() => {
    const radios = [
      ...(promptOf(surveyId).root?.querySelectorAll<HTMLInputElement>('input[type=radio]') ?? []),
    ]
    expect(radios.length).toBeGreaterThan(0)
    return radios
  })
}

async function sendEnabled(surveyId: string): Promise<void> {
  await vi.waitFor(() => {
    const send = promptOf(surveyId).root?.querySelector<HTMLButtonElement>('button[type=submit]')
    expect(send?.disabled).toBe(false)
  })
}

async function deliveredWithResponse(
  net: Net,
  complete: (response: WireRecord) => boolean = () => true,
): Promise<WireRecord[]> {
  return vi.waitFor(() => {
    const records = net.batches.flatMap((b) => b.records)
    expect(records.some((r) => r.kind === 'response' && complete(r))).toBe(true)
    return records
  })
}
afterEach(() => {
  koe?.destroy()
  document.body.replaceChildren()
  history.replaceState(null, '', '/')
  vi.restoreAllMocks()
})

// The collector refuses records beyond the wire limits one by one, with a 2xx for the batch, so
// the browser would delete them: an answer lost. Whatever the page and the site's calls hold,
// every record Koe makes must pass validateRecord.
describe('records Koe makes from hostile page state', () => {
  it('stay within the wire limits: long URL, long event name, odd identify data', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const event = `e${'v'.repeat(300)}`
    history.replaceState(null, '', `/${'p'.repeat(3000)}?q=1`)
    const net = scriptedFetch()
    koe = createKoe(
      {
        endpoint: 'https://c.example/koe',
        surveys: [{ id: 's', type: 'nps', trigger: { event } }],
      },
      { fetch: net.fetch, storage: createMemoryStorage(), state: createMemoryState() },
    )
    koe.identify('u'.repeat(300)) // refused: the collector would refuse the answer
    koe.identify('u-1', {
      plan: 'pro',
      nested: { a: 1 } as never,
      big: 'x'.repeat(1000),
      list: [1, 2] as never,
      nan: Number.NaN,
      ...Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, i])),
    })
    koe.track(event)
    const radios = await radiosOf('s')
    radios[10]?.click()
    await sendEnabled('s') // Send is enabled once the chosen score has rendered
    promptOf('s')
      .root?.querySelector('form')
      ?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
    const records = await deliveredWithResponse(net)
    expect(records.map((r) => r.kind).sort()).toEqual(['display', 'response'])
    for (const record of records) {
      const result = validateRecord(record)
      expect(result.ok ? [] : result.errors).toEqual([])
    }
    const response = records.find((r) => r.kind === 'response')
    expect(response).toMatchObject({ score: 10, userId: 'u-1', attributes: { plan: 'pro', k0: 0 } })
    // plan and the first 49 of k0..k59: 50 attributes at most; nested, long, list and NaN left out.
    expect(Object.keys((response as { attributes: object }).attributes)).toHaveLength(50)
    // What was left out was said once, naming it.
    const said = error.mock.calls.map((c) => String(c[0])).join('\n')
    expect(said).toMatch(/koe\.identify\(\) needs a user id of 1\.\.256 characters/)
    expect(said).toMatch(/left out nested,big,list,nan,k49,k50,.*k59 \(/)
  })

  it('hold only text a database can store: NUL, broken emoji, a huge <html lang>, __proto__', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    // 255 units, then an emoji: clipping at 256 UTF-16 units would cut it in half.
    const event = `e${'v'.repeat(254)}😀`
    document.documentElement.lang = `ja-${'x'.repeat(297)}`
    const net = scriptedFetch()
    koe = createKoe(
      {
        endpoint: 'https://c.example/koe',
        surveys: [{ id: 's', type: 'nps', trigger: { event }, followUp: true }],
      },
      { fetch: net.fetch, storage: createMemoryStorage(), state: createMemoryState() },
    )
    koe.identify('u-\ud800') // a lone surrogate: refused like any id the collector refuses
    koe.identify('u-2', JSON.parse('{"__proto__": "x", "plan": "pro", "note": "a\\u0000b"}'))
    koe.track(event)
    const radios = await radiosOf('s')
    radios[3]?.click()
    await vi.waitFor(() => expect(promptOf('s').root?.querySelector('textarea')).toBeTruthy())
    sendComment(promptOf('s').root, 'nul \u0000 and half an emoji \ud83d')
    const records = await deliveredWithResponse(net, (r) => 'comment' in r)
    document.documentElement.lang = ''
    for (const record of records) {
      const result = validateRecord(record)
      expect(result.ok ? [] : result.errors).toEqual([])
    }
    const response = records.filter((r) => r.kind === 'response').at(-1) as unknown as Record<
      string,
      unknown
    >
    expect(response.comment).toBe('nul \ufffd and half an emoji \ufffd')
    expect(response.trigger).toBe(`e${'v'.repeat(254)}`)
    expect(response.locale).toBe('ja')
    expect(response.userId).toBe('u-2')
    expect(response.attributes).toEqual({ plan: 'pro' })
    const said = error.mock.calls.map((c) => String(c[0])).join('\n')
    expect(said).toMatch(/needs a user id .* \(no NUL\)/)
    expect(said).toMatch(/left out __proto__,note/)
  })
})
