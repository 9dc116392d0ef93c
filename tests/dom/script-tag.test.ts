import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { installGlobal } from '../../src/script-tag/install-global'

type Win = Window & { koe?: ((...args: unknown[]) => unknown) & { q?: unknown[][] } }
const win = window as Win

/** The inline snippet of docs/api.md, as a page runs it before the bundle arrives. */
function runSnippet() {
  const stub = (...args: unknown[]) => {
    stub.q.push(args)
  }
  stub.q = [] as unknown[][]
  win.koe = win.koe || stub
}

// Koe captures fetch when it starts; these tests never reach a network.
beforeEach(() => {
  vi.spyOn(window, 'fetch').mockImplementation(async () => new Response('{}', { status: 200 }))
})

afterEach(() => {
  win.koe?.('destroy')
  win.koe = undefined
  document.body.replaceChildren()
  vi.restoreAllMocks()
})

describe('the script-tag global', () => {
  it('replays the calls queued before the bundle loaded, in order', async () => {
    runSnippet()
    win.koe?.('init', {
      endpoint: 'https://c.example/koe',
      surveys: [{ id: 's', type: 'nps', trigger: { event: 'go' } }],
    })
    win.koe?.('identify', 'u-1')
    win.koe?.('track', 'go')
    expect(win.koe?.q).toHaveLength(3)
    // The prompt and delivery are files beside the script (issue 29): here, their sources.
    const imported: string[] = []
    installGlobal(win, 'https://shop.example/static/koe.iife.js', async (url) => {
      imported.push(url)
      return url.endsWith('/koe.prompt.js')
        ? import('../../src/script-tag/prompt-file')
        : import('../../src/script-tag/delivery-file')
    })
    await vi.waitFor(() => expect(document.querySelector('[data-koe-survey="s"]')).not.toBeNull())
    expect(imported.sort()).toEqual([
      'https://shop.example/static/koe.delivery.js',
      'https://shop.example/static/koe.prompt.js',
    ])
  })

  it('returns what the method returns once loaded', () => {
    runSnippet()
    win.koe?.('init', { endpoint: 'https://c.example/koe', surveys: [] })
    installGlobal(win)
    expect(win.koe?.('explain', 'missing')).toMatchObject({ surveyId: 'missing', wouldShow: false })
    expect(win.koe?.('flush')).toBeInstanceOf(Promise)
  })

  it('leaves the first instance running when the bundle loads twice', () => {
    runSnippet()
    win.koe?.('init', { endpoint: 'https://c.example/koe', surveys: [] })
    installGlobal(win)
    const first = win.koe
    installGlobal(win)
    expect(win.koe).toBe(first)
  })

  it('logs, never throws, for an unknown method', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    runSnippet()
    win.koe?.('init', { endpoint: 'https://c.example/koe', surveys: [] })
    installGlobal(win)
    expect(() => win.koe?.('explode')).not.toThrow()
    expect(error.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(
      /koe\("explode"\) is not a Koe method/,
    )
  })

  it('logs one error for a bad config, then answers every call quietly (Koe is off)', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    runSnippet()
    win.koe?.('init', { endpoint: 'nope' })
    installGlobal(win)
    expect(() => win.koe?.('track', 'purchase_completed')).not.toThrow()
    expect(win.koe?.('explain', 's')).toMatchObject({ wouldShow: false })
    expect(error).toHaveBeenCalledTimes(1)
    expect(String(error.mock.calls[0]?.[0])).toMatch(/"endpoint"/)
  })
})
