import { fsyncSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { NodeFS } from '@electric-sql/pglite/nodefs'

/** Emscripten's file system object for Node, as PGlite's `Module.NODEFS` exposes it. */
interface EmscriptenNodeFs {
  stream_ops: { fsync?: (stream: { nfd: number }) => number }
}

/**
 * PGlite's Node file system with a working `fsync`. PGlite starts PostgreSQL with `-F`
 * (fsync off), and Emscripten's NODEFS has no `fsync` (its `fdatasync` is a no-op stub), so a
 * committed answer could sit in the OS cache and vanish with a power cut. Here `fsync` reaches
 * the disk, and the server below starts with fsync on and `wal_sync_method=fsync`: PostgreSQL's
 * own rules then decide what is flushed when, so a commit returns only once its WAL is on disk.
 */
class SyncingNodeFS extends NodeFS {
  constructor(
    dataDir: string,
    private readonly fsync: (fd: number) => void,
  ) {
    super(dataDir)
  }

  override async init(...args: Parameters<NodeFS['init']>) {
    const { emscriptenOpts } = await super.init(...args)
    const preRun = [emscriptenOpts.preRun ?? []].flat()
    return {
      emscriptenOpts: {
        ...emscriptenOpts,
        preRun: [
          ...preRun,
          (module: { NODEFS: EmscriptenNodeFs }) => {
            module.NODEFS.stream_ops.fsync = (stream) => {
              this.fsync(stream.nfd)
              return 0
            }
          },
        ],
      },
    } as Awaited<ReturnType<NodeFS['init']>>
  }
}

/**
 * Opens PGlite in `dataDir` so that what it commits is on disk when the commit returns.
 * `fsync` is the system call (replaceable so a test can see it happen).
 */
export function openDurablePglite(dataDir: string, fsync: (fd: number) => void = fsyncSync) {
  return PGlite.create({
    fs: new SyncingNodeFS(dataDir, fsync),
    startParams: [
      ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
      '-c',
      'wal_sync_method=fsync',
    ],
  })
}
