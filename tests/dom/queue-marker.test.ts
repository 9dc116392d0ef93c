import { describe, expect, it } from 'vitest'
import { createMemoryState, type DeviceState } from '../../src/core/device-state'
import { DAY_MS } from '../../src/lib/day-ms'
import { createMemoryStorage } from '../../src/queue/memory-storage'
import { createQueueMarker, QUEUE_MARKER_KEY } from '../../src/queue/queue-marker'
import type { QueueEntry } from '../../src/queue/queue-storage'

const NOW = 1_800_000_000_000
const entry: QueueEntry = {
  record: {
    id: '0193a1b2-0000-7000-8000-000000000001',
    kind: 'display',
    surveyId: 's',
    createdAt: '2026-11-22T10:00:00.000Z',
  },
  rev: 1,
}
let tokens = 0
const token = () => `t${++tokens}`

/** Lets the marker writes nobody waits for land. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

/** A page (or tab) starting: reads the marker as `createKoe` does. */
async function startPage(state: DeviceState, now = NOW) {
  const marker = createQueueMarker(state, token, () => now)
  const may = await marker._mayHoldRecords()
  const durable = marker.wrap(createMemoryStorage())
  /** What the queue does when a flush empties it: list, send, then report drained. */
  const drainAfterListing = async () => {
    await durable.list()
    marker.drained()
    await settle()
  }
  return { may, marker, durable, drainAfterListing }
}

describe('queue marker', () => {
  it('a device Koe never ran on looks in the queue; once drained, the next pages do not', async () => {
    const state = createMemoryState()
    const first = await startPage(state)
    expect(first.may).toBe(true)
    await first.drainAfterListing()
    expect((await startPage(state, NOW + 1000)).may).toBe(false)
  })

  it('a write sets it; the next page looks and clears it after draining', async () => {
    const state = createMemoryState()
    await (await startPage(state)).drainAfterListing()
    const writer = await startPage(state)
    await writer.durable.put(entry)
    await settle()
    // The tab that wrote closed before any flush.
    const next = await startPage(state)
    expect(next.may).toBe(true)
    await next.drainAfterListing()
    expect((await startPage(state)).may).toBe(false)
  })

  it('the tab that wrote clears it when its own flush drains, so the next page need not look', async () => {
    const state = createMemoryState()
    await (await startPage(state)).drainAfterListing()
    const page = await startPage(state)
    expect(page.may).toBe(false)
    await page.durable.put(entry)
    await settle()
    await page.drainAfterListing()
    expect((await startPage(state)).may).toBe(false)
  })

  it('a write after this page read the marker and after its own writes keeps it set', async () => {
    const state = createMemoryState()
    await (await startPage(state)).drainAfterListing()
    const page = await startPage(state)
    await page.durable.put(entry)
    await settle()
    await page.durable.list()
    // Another tab writes while this page's flush sends what it listed.
    const other = await startPage(state)
    await other.durable.put({ ...entry, rev: 2 })
    await settle()
    page.marker.drained()
    await settle()
    expect((await startPage(state)).may).toBe(true)
  })

  it('a write under way while this tab drains the queue is marked once it is done', async () => {
    const state = createMemoryState()
    await (await startPage(state)).drainAfterListing()
    const marker = createQueueMarker(state, token, () => NOW)
    await marker._mayHoldRecords()
    let finish = () => {}
    const slow = marker.wrap({
      ...createMemoryStorage(),
      put: () =>
        new Promise<void>((resolve) => {
          finish = resolve
        }),
    })
    const writing = slow.put(entry)
    // The listing cannot have seen the record, so it does not count as this tab's.
    await slow.list()
    marker.drained()
    await settle()
    finish()
    await writing
    await settle()
    expect((await startPage(state)).may).toBe(true)
  })

  it('a record whose tab died before marking it is found within a day', async () => {
    const state = createMemoryState()
    await (await startPage(state)).drainAfterListing()
    const marker = createQueueMarker(state, token, () => NOW)
    // Written, but the tab is gone before the task that marks it.
    const unmarked = marker.wrap(createMemoryStorage())
    await unmarked.put(entry)
    expect((await state.get(QUEUE_MARKER_KEY)) as object).toEqual({ drained: NOW })
    expect((await startPage(state, NOW + 1000)).may).toBe(false)
    expect((await startPage(state, NOW + DAY_MS)).may).toBe(true)
    await settle()
  })

  it('looks again after a day, and when the clock went back, whatever the marker says', async () => {
    const state = createMemoryState()
    await (await startPage(state)).drainAfterListing()
    expect((await startPage(state, NOW + DAY_MS - 1)).may).toBe(false)
    expect((await startPage(state, NOW + DAY_MS)).may).toBe(true)
    expect((await startPage(state, NOW - 1)).may).toBe(true)
  })

  it('an unreadable marker, or one that is not Koe’s, means looking', async () => {
    const broken = createMemoryState()
    broken.get = () => Promise.reject(new DOMException('gone', 'UnknownError'))
    expect((await startPage(broken)).may).toBe(true)
    const foreign = createMemoryState()
    await foreign.set(QUEUE_MARKER_KEY, 'garbage')
    expect((await startPage(foreign)).may).toBe(true)
  })
})
