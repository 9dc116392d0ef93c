import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDeviceStorage } from '../../src/queue/device-storage'
import { createMemoryStorage } from '../../src/queue/memory-storage'
import type { QueueEntry, QueueStorage } from '../../src/queue/queue-storage'

const entry = (n: number): QueueEntry => ({
  record: {
    id: `0193a1b2-0000-7000-8000-00000000000${n}`,
    kind: 'display',
    surveyId: 's',
    createdAt: '2026-11-22T10:00:00.000Z',
  },
  rev: 1,
})

/** A durable storage whose every call fails, as IndexedDB does in some private modes. */
const failing = (): QueueStorage => {
  const fail = () => Promise.reject(new DOMException('The operation failed', 'UnknownError'))
  return { put: fail, list: fail, remove: fail, clear: fail }
}

afterEach(() => vi.restoreAllMocks())

describe('device storage', () => {
  it('keeps answers in memory and lists none while consent is pending, then moves them on grant', async () => {
    const durable = createMemoryStorage()
    const device = createDeviceStorage(durable, false)
    await device.storage.put(entry(1))
    expect(await device.storage.list()).toEqual([]) // nothing to send
    expect(await durable.list()).toEqual([]) // nothing written
    await device.grant()
    expect(await durable.list()).toEqual([entry(1)])
    expect(await device.storage.list()).toEqual([entry(1)])
  })

  it('drops the waiting answers when consent is denied', async () => {
    const durable = createMemoryStorage()
    const device = createDeviceStorage(durable, false)
    await device.storage.put(entry(1))
    await device.deny()
    await device.grant()
    expect(await durable.list()).toEqual([])
  })

  it('falls back to memory when durable storage fails, warns once, and still delivers', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const device = createDeviceStorage(failing(), true)
    await device.storage.put(entry(1))
    await device.storage.put(entry(2))
    expect((await device.storage.list()).map((e) => e.record.id)).toEqual([
      entry(1).record.id,
      entry(2).record.id,
    ])
    await device.storage.remove([entry(1)])
    expect(await device.storage.list()).toEqual([entry(2)])
    expect(warn).toHaveBeenCalledTimes(1)
  })
})
