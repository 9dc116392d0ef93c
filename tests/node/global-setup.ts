import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL the store tests use: KOE_TEST_DATABASE_URL or a throwaway one. */
    databaseUrl: string
  }
}

/** One PostgreSQL for the whole Node run; each test file makes its own schema in it. */
export default async function setup(project: TestProject) {
  if (process.env.KOE_TEST_DATABASE_URL) {
    project.provide('databaseUrl', process.env.KOE_TEST_DATABASE_URL)
    return
  }
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('../support/postgres-process.mjs', import.meta.url))],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += String(chunk)
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0] as string).url)
    })
    child.once('exit', (code) => reject(new Error(`the test PostgreSQL exited with ${code}`)))
  })
  project.provide('databaseUrl', url)
  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.stdin.end()
    await exited
  }
}
