import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** `npm start`'s server (packages/koe-collector/dist/koe-collector.js) in its own process, as an operator runs it. */
export interface ServerProcess {
  child: ChildProcess
  /** Everything it printed so far, stdout and stderr. */
  output(): string
  /** Resolves the exit code once it has exited. */
  exited: Promise<number | null>
  stop(): Promise<number | null>
}

/**
 * Starts the collector (packages/koe-collector/dist/koe-collector.js --demo) with `env` added to this process's environment; resolves once it says
 * it listens, or once it exits (start-up refused), whichever comes first.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['packages/koe-collector/dist/koe-collector.js', '--demo', '.'],
    {
      cwd: root,
      env: { ...process.env, HOST: '127.0.0.1', KOE_RATE_LIMIT_PER_SECOND: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const listening = new Promise<void>((resolve) => {
    const read = (chunk: Buffer) => {
      output += String(chunk)
      if (output.includes('koe-collector ready at ')) resolve()
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
  })
  await Promise.race([listening, exited])
  return {
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}
