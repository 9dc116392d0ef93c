// A throwaway PostgreSQL in a process of its own, for the test runner's global setup: prints its
// URL as one JSON line, and stops (removing its data) when its stdin closes, which also happens
// when the runner dies, so no server outlives a run. (A process of its own also keeps database
// code out of the test runner, whose exit code must be the tests' alone.)
import { startTestPostgres } from './test-postgres.mjs'

const postgres = await startTestPostgres()
process.stdout.write(`${JSON.stringify({ url: postgres.url })}\n`)
process.stdin.resume()
process.stdin.on('end', async () => {
  await postgres.stop().catch(() => {})
  process.exit(0)
})
