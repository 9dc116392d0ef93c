// `npm test`: every stage runs, whatever failed before it, and a summary names each one's outcome
// (issue 27: the suite stopped at the first failing stage, so what came later never ran and its
// failures stayed hidden). Exits 1 when any stage failed.
import { spawnSync } from 'node:child_process'

const STAGES = ['build', 'lint', 'size', 'test:node', 'test:dom', 'test:browser']
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

const results = STAGES.map((stage) => {
  const started = performance.now()
  const { status, signal } = spawnSync(npm, ['run', '--silent', stage], { stdio: 'inherit' })
  const seconds = Math.round((performance.now() - started) / 1000)
  return { stage, ok: status === 0, seconds, why: signal ?? `exit ${status}` }
})

console.log('\nnpm test, stage by stage:')
for (const { stage, ok, seconds, why } of results)
  console.log(
    `  ${ok ? 'ok    ' : 'FAILED'} ${stage.padEnd(12)} ${seconds} s${ok ? '' : ` (${why})`}`,
  )
const failed = results.filter((r) => !r.ok).map((r) => r.stage)
if (failed.length) {
  console.log(`npm test failed in: ${failed.join(', ')}`)
  process.exit(1)
}
