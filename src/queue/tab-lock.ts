import type { DeviceState } from '../core/device-state'

/** The Web Lock every tab of the site takes to flush the shared queue. */
export const LOCK_NAME = 'koe-flush'
/**
 * How long a fallback lease lasts, and a Web Lock is held at most: a tab that dies or hangs
 * holding it blocks others no longer than this.
 */
export const LEASE_MS = 60_000

/** A lease on flushing, kept in `koe-state` where Web Locks are missing. */
interface Lease {
  owner: string
  /** Milliseconds since the epoch. */
  until: number
}

/**
 * Lets one tab at a time flush the queue that all tabs of the site share, so no record is sent
 * by two tabs at once. Resolves `true` once `run` has run, or `false` when another tab holds the
 * lock and `run` did not run (the caller retries later).
 *
 * With Web Locks, a tab waits its turn, and the browser releases the lock of a tab that closes or
 * crashes. Without them (plain-http pages, where `navigator.locks` does not exist), a lease with
 * an expiry is taken in one IndexedDB transaction. A lease ending further ahead than a lease can
 * last means the clock jumped back since it was taken; it is treated as expired.
 */
export function createTabLock(
  locks: LockManager | undefined,
  state: DeviceState,
  owner: string,
  now: () => number,
): (run: () => Promise<void>) => Promise<boolean> {
  // A flush that outlives a lease (a host's `fetch` that never settles past the request timeout, a
  // hung storage) lets go of the lock anyway: other tabs must not wait on this one for ever. What
  // it still sends may then go twice, which the collector stores once.
  if (locks)
    return (run) =>
      locks
        .request(LOCK_NAME, () => {
          let timer: ReturnType<typeof setTimeout> | undefined
          const timeout = new Promise((resolve) => {
            timer = setTimeout(resolve, LEASE_MS)
          })
          return Promise.race([run(), timeout]).finally(() => clearTimeout(timer))
        })
        .then(() => true)
  const lease = (take: boolean) =>
    state.update(LOCK_NAME, (old) => {
      const held = old as Lease | undefined
      const time = now()
      const free =
        !held?.until || held.owner === owner || held.until < time || held.until > time + LEASE_MS
      if (!free) return held
      return take ? { owner, until: time + LEASE_MS } : undefined
    })
  return async (run) => {
    try {
      await lease(true)
      if (((await state.get(LOCK_NAME)) as Lease).owner !== owner) return false
    } catch {
      // No IndexedDB, so every tab keeps its own queue in memory: nothing to share, nothing to lock.
    }
    try {
      await run()
    } finally {
      await lease(false).catch(() => {})
    }
    return true
  }
}
