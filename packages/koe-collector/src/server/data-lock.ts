import { closeSync, openSync, readFileSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'

/** The file that says which process has a data folder open. */
export const LOCK_FILE = 'koe.lock'

/** What the lock file holds. */
interface LockOwner {
  pid: number
  host: string
  startedAt: string
}

/** A second server on the same folder, named in the message. */
export class DataFolderInUse extends Error {
  constructor(
    readonly folder: string,
    readonly owner: LockOwner,
  ) {
    super(
      `${folder} is in use by process ${owner.pid} on ${owner.host} (since ${owner.startedAt}); stop it first, or give this server its own KOE_DATA folder. Two servers on one PGlite folder lose answers and can destroy it. A lock from another host that is gone (a container restarted) is taken over once nobody touched it for ${LOCK_STALE_MS / 1000} s.`,
    )
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * How often the owner touches its lock file, and how old a touch must be before a lock from
 * another host counts as left behind. A container that restarts gets a new host name, so its old
 * lock names a host that no longer exists (issue 27: the restarted collector refused to start);
 * a live owner on another host touches its lock every few seconds.
 */
export const LOCK_HEARTBEAT_MS = 10_000
export const LOCK_STALE_MS = 60_000

/** Options of {@link lockDataFolder}; tests set the clock and the host. */
export interface LockOptions {
  pid?: number
  host?: string
  now?: () => number
  heartbeatMs?: number
  staleMs?: number
}

/**
 * Takes the data folder for this process, so that a second server cannot open the same PGlite
 * folder (PGlite is one process's database; two at once lose answers and corrupt it). A lock
 * left by a process that is gone (a crash, `kill -9`) is taken over. A lock from another host
 * (a shared network folder, a container before its restart) cannot be checked by its process:
 * it is respected while its owner keeps touching it, and taken over once it is
 * {@link LOCK_STALE_MS} old. Returns the release.
 */
export function lockDataFolder(folder: string, options: LockOptions = {}): () => void {
  const { pid = process.pid, now = Date.now } = options
  const path = join(folder, LOCK_FILE)
  const me: LockOwner = {
    pid,
    host: options.host ?? hostname(),
    startedAt: new Date(now()).toISOString(),
  }
  // Containers all run as pid 1: a lock is this process's only with its pid on its host.
  const mine = (owner: LockOwner | undefined) => owner?.pid === pid && owner.host === me.host
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // 'wx' creates the file only if it does not exist: of two servers starting at once, one wins.
      const fd = openSync(path, 'wx', 0o600)
      writeSync(fd, JSON.stringify(me))
      closeSync(fd)
      const heartbeat = setInterval(() => {
        try {
          const at = new Date(now())
          if (mine(readOwner(path))) utimesSync(path, at, at)
        } catch {
          /* the folder went away: the next start finds out */
        }
      }, options.heartbeatMs ?? LOCK_HEARTBEAT_MS)
      heartbeat.unref()
      return () => {
        clearInterval(heartbeat)
        if (mine(readOwner(path))) rmSync(path, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = readOwner(path)
    const elsewhere = owner && owner.host !== me.host
    const touchedAgo = now() - touchedAt(path)
    // Our own pid on our host is a lock this process's earlier life left.
    if (
      owner &&
      (elsewhere
        ? touchedAgo < (options.staleMs ?? LOCK_STALE_MS)
        : !mine(owner) && alive(owner.pid))
    )
      throw new DataFolderInUse(folder, owner)
    // Stale (its process is gone, or its host stopped touching it) or unreadable (a crash while
    // writing it): take it over.
    rmSync(path, { force: true })
  }
  throw new Error(`could not lock ${folder}: ${path} keeps coming back`)
}

/** When the lock file was last touched, in milliseconds since the epoch; 0 when it is gone. */
function touchedAt(path: string): number {
  try {
    return statSync(path).mtimeMs
  } catch {
    return 0
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8'))
    return typeof owner?.pid === 'number' ? owner : undefined
  } catch {
    return undefined
  }
}
