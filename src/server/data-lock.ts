import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
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
      `${folder} is in use by process ${owner.pid} on ${owner.host} (since ${owner.startedAt}); stop it first, or give this server its own KOE_DATA folder. Two servers on one PGlite folder lose answers and can destroy it.`,
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
 * Takes the data folder for this process, so that a second server cannot open the same PGlite
 * folder (PGlite is one process's database; two at once lose answers and corrupt it). A lock
 * left by a process that is gone (a crash, `kill -9`) is taken over. A lock from another host
 * (a shared network folder) cannot be checked, so it is respected. Returns the release.
 */
export function lockDataFolder(folder: string, pid = process.pid): () => void {
  const path = join(folder, LOCK_FILE)
  const me: LockOwner = { pid, host: hostname(), startedAt: new Date().toISOString() }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // 'wx' creates the file only if it does not exist: of two servers starting at once, one wins.
      const fd = openSync(path, 'wx', 0o600)
      writeSync(fd, JSON.stringify(me))
      closeSync(fd)
      return () => {
        if (readOwner(path)?.pid === pid) rmSync(path, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = readOwner(path)
    if (owner && (owner.host !== me.host || alive(owner.pid)) && owner.pid !== pid)
      throw new DataFolderInUse(folder, owner)
    // Stale (its process is gone) or unreadable (a crash while writing it): take it over.
    rmSync(path, { force: true })
  }
  throw new Error(`could not lock ${folder}: ${path} keeps coming back`)
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8'))
    return typeof owner?.pid === 'number' ? owner : undefined
  } catch {
    return undefined
  }
}
