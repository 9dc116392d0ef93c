// The PGlite data folder's lock (issue 27): a lock from another host that stopped touching it
// (a container that restarted under a new host name) is taken over; a live one is respected.
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  DataFolderInUse,
  LOCK_FILE,
  LOCK_STALE_MS,
  lockDataFolder,
} from '../../packages/koe-collector/src/server/data-lock'

let folder: string
const lockPath = () => join(folder, LOCK_FILE)
/** A lock another host wrote, last touched `ago` ms before `now`. */
const foreignLock = (now: number, ago: number, pid = 1) => {
  writeFileSync(
    lockPath(),
    JSON.stringify({ pid, host: 'koe-7f3a2c', startedAt: new Date(now - ago).toISOString() }),
  )
  const at = new Date(now - ago)
  utimesSync(lockPath(), at, at)
}

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'koe-lock-'))
})
afterEach(() => {
  vi.useRealTimers()
  rmSync(folder, { recursive: true, force: true })
})

describe('the data folder lock', () => {
  it('takes over a lock from another host that nobody touched for a minute', () => {
    const now = Date.now()
    foreignLock(now, LOCK_STALE_MS + 1_000)
    const release = lockDataFolder(folder, { host: 'koe-9b1d0e', pid: 1, now: () => now })
    expect(JSON.parse(readFileSync(lockPath(), 'utf8')).host).toBe('koe-9b1d0e')
    release()
  })

  it('respects a lock another host still touches, naming it and how a dead one is taken over', () => {
    const now = Date.now()
    foreignLock(now, 5_000)
    let thrown: unknown
    try {
      lockDataFolder(folder, { host: 'koe-9b1d0e', pid: 1, now: () => now })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(DataFolderInUse)
    expect(String(thrown)).toMatch(
      /process 1 on koe-7f3a2c.*taken over once nobody touched it for 60 s/,
    )
  })

  it('a host whose stale lock was taken over does not remove the new owner’s, though both are pid 1', () => {
    const start = Date.now()
    let clock = start
    const releaseOld = lockDataFolder(folder, { host: 'koe-old', pid: 1, now: () => clock })
    const at = new Date(start - LOCK_STALE_MS - 1_000)
    utimesSync(lockPath(), at, at) // the old host stopped touching it
    clock = start
    const releaseNew = lockDataFolder(folder, { host: 'koe-new', pid: 1, now: () => clock })
    releaseOld()
    expect(JSON.parse(readFileSync(lockPath(), 'utf8')).host).toBe('koe-new')
    releaseNew()
    expect(() => readFileSync(lockPath())).toThrow()
  })

  it('keeps its own lock touched while it runs, so another host does not take it over', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    const start = Date.now()
    const release = lockDataFolder(folder, { host: 'a', heartbeatMs: 1_000 })
    const at = new Date(start - 10 * 60_000)
    utimesSync(lockPath(), at, at) // as if written long ago
    vi.advanceTimersByTime(1_000)
    expect(Math.abs(statSync(lockPath()).mtimeMs - Date.now())).toBeLessThan(1_000)
    // Another host starting now finds it fresh.
    expect(() => lockDataFolder(folder, { host: 'b', pid: process.pid + 1 })).toThrow(
      DataFolderInUse,
    )
    release()
    expect(() => readFileSync(lockPath())).toThrow()
  })
})
