import type { TestProject } from 'vitest/node'
import { startTestPostgres } from '../support/test-postgres.mjs'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL the store tests use: KOE_TEST_DATABASE_URL or a throwaway one. */
    databaseUrl: string
  }
}

/** One PostgreSQL for the whole Node run; each test file makes its own schema in it. */
export default async function setup(project: TestProject) {
  const postgres = await startTestPostgres()
  project.provide('databaseUrl', postgres.url)
  return () => postgres.stop()
}
