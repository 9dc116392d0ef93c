import { describe, expect, it } from 'vitest'
import { createMemoryState, type DeviceState } from '../../src/core/device-state'
import { DAY_MS } from '../../src/lib/day-ms'
import { createMemoryStorage } from '../../src/queue/memory-storage'
import { markWrites, QUEUE_MARKER_KEY, readQueueMarker } from '../../src/queue/queue-marker'
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

/** A page starting: reads the marker as `createKoe` does. */
const startPage = (state: DeviceState, now = NOW) => readQueueMarker(state, () => now)

/** Lets the marker writes that `put` does not wait for land. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('queue marker', () => {
  it('a device Koe never ran on looks in the queue; once drained, the next pages do not', async () => {
    const state = createMemoryState()
    const first = await startPage(state)
    expect(first.mayHoldRecords).toBe(true)
    await first.drained()
    expect((await startPage(state, NOW + 1000)).mayHoldRecords).toBe(false)
  })

  it('a write sets it, so the next page looks in the queue and clears it after draining', async () => {
    const state = createMemoryState()
    await (await startPage(state)).drained()
    await markWrites(createMemoryStorage(), state, token).put(entry)
    await settle()
    const next = await startPage(state)
    expect(next.mayHoldRecords).toBe(true)
    await next.drained()
    expect((await startPage(state)).mayHoldRecords).toBe(false)
  })

  it('a write after the marker was read keeps it set: that page did not see the record', async () => {
    const state = createMemoryState()
    await (await startPage(state)).drained()
    const durable = markWrites(createMemoryStorage(), state, token)
    await durable.put(entry)
    await settle()
    const page = await startPage(state)
    // Another tab writes while this page flushes, after its listing.
    await durable.put({ ...entry, rev: 2 })
    await settle()
    await page.drained()
    expect((await startPage(state)).mayHoldRecords).toBe(true)
  })

  it('a tab that dies right after its write still leaves the marker set', async () => {
    const state = createMemoryState()
    await (await startPage(state)).drained()
    const durable = createMemoryStorage()
    // The marker write before the record is the only one that lands.
    const dying = markWrites({ ...durable, put: () => new Promise<void>(() => {}) }, state, token)
    void dying.put(entry)
    await settle()
    expect((await startPage(state)).mayHoldRecords).toBe(true)
  })

  it('looks again after a day, and when the clock went back, whatever the marker says', async () => {
    const state = createMemoryState()
    await (await startPage(state)).drained()
    expect((await startPage(state, NOW + DAY_MS - 1)).mayHoldRecords).toBe(false)
    expect((await startPage(state, NOW + DAY_MS)).mayHoldRecords).toBe(true)
    expect((await startPage(state, NOW - 1)).mayHoldRecords).toBe(true)
  })

  it('an unreadable marker, or one that is not Koe’s, means looking', async () => {
    const broken = createMemoryState()
    broken.get = () => Promise.reject(new DOMException('gone', 'UnknownError'))
    expect((await startPage(broken)).mayHoldRecords).toBe(true)
    const foreign = createMemoryState()
    await foreign.set(QUEUE_MARKER_KEY, 'garbage')
    expect((await startPage(foreign)).mayHoldRecords).toBe(true)
  })
})
