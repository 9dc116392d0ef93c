// identify lasts beyond its page (issue 27): the person is kept in koe-state with consent, until
// identify(null) or forget(), so answers on later pages (and erasure by user id) find them.
import { afterEach, describe, expect, it } from 'vitest'
import { createKoe, type Koe, type KoeConfig } from '../../src'
import type { Survey } from '../../src/config/survey'
import { createMemoryState, type DeviceState } from '../../src/core/device-state'
import { createMemoryStorage } from '../../src/queue/memory-storage'
import type { QueueStorage } from '../../src/queue/queue-storage'
import type { ResponseRecord } from '../../src/scoring/wire'
import { promptOf, scriptedFetch, settle } from './helpers'

const SURVEYS: Survey[] = [
  { id: 's', type: 'nps', trigger: { event: 'go' }, recontactDays: 0, dismissRecontactDays: 0 },
]
let koe: Koe | undefined

afterEach(() => {
  koe?.destroy()
  koe = undefined
  document.body.replaceChildren()
})

/** One device: its koe-state and queue outlive each page. */
function device() {
  const state: DeviceState = createMemoryState()
  const storage: QueueStorage = createMemoryStorage()
  const net = scriptedFetch()
  /** Opens a page of the site, as the same device. */
  const page = (config: Partial<KoeConfig> = {}) => {
    koe?.destroy()
    document.body.replaceChildren()
    koe = createKoe(
      {
        endpoint: 'https://collect.example/koe',
        surveys: SURVEYS,
        cooldownDays: 0,
        ...config,
      },
      { fetch: net.fetch, storage, state },
    )
    return koe
  }
  /** Answers the survey on this page (shown again if it was); resolves the response record that reached the collector. */
  const answer = async (): Promise<ResponseRecord | undefined> => {
    koe?.show('s')
    await settle()
    const root = promptOf('s').root
    root?.querySelectorAll<HTMLInputElement>('input[type=radio]')[9]?.click()
    root?.querySelector<HTMLButtonElement>('button.close')?.click()
    await settle()
    await koe?.flush()
    const responses = net.batches.flatMap((b) => b.records).filter((r) => r.kind === 'response')
    return responses.at(-1) as ResponseRecord | undefined
  }
  return { page, answer, state }
}

describe('identify', () => {
  it('names the person on later pages of the device, until identify(null)', async () => {
    const { page, answer } = device()
    page().identify('user-42', { plan: 'pro' })
    expect(await answer()).toMatchObject({ userId: 'user-42', attributes: { plan: 'pro' } })
    page() // the next page calls nothing
    await settle()
    expect(await answer()).toMatchObject({ userId: 'user-42', attributes: { plan: 'pro' } })
    page().identify(null) // signed out
    const anonymous = await answer()
    expect(anonymous?.userId).toBeUndefined()
    expect(anonymous?.attributes).toBeUndefined()
    page()
    await settle()
    expect((await answer())?.userId).toBeUndefined()
  })

  it('on a page that calls identify itself, that call wins over what was kept', async () => {
    const { page, answer } = device()
    page().identify('first')
    await answer()
    page().identify('second', { plan: 'team' })
    expect(await answer()).toMatchObject({ userId: 'second', attributes: { plan: 'team' } })
  })

  it('is erased by forget(), on this page and the next', async () => {
    const { page, answer } = device()
    page().identify('user-42')
    await answer()
    await koe?.forget()
    expect((await answer())?.userId).toBeUndefined()
    page()
    await settle()
    expect((await answer())?.userId).toBeUndefined()
  })

  it('is not kept while consent is pending, and is once consent is granted', async () => {
    const { page, answer, state } = device()
    page({ consent: 'pending' }).identify('user-42')
    await settle()
    expect(await state.get('user')).toBeUndefined()
    koe?.setConsent('granted')
    await settle()
    expect(await state.get('user')).toEqual(['user-42', undefined])
    page()
    await settle()
    expect((await answer())?.userId).toBe('user-42')
  })
})
