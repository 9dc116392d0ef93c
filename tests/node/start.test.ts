import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildIsCurrent } from '../../scripts/build-if-stale.mjs'

// `npm start` rebuilds only when an input changed. `npm test` builds first, so dist/ is current.
describe('npm start', () => {
  it('does not rebuild a current dist/', () => {
    expect(buildIsCurrent()).toBe(true)
    const out = execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { encoding: 'utf8' })
    expect(out).toContain('not rebuilding')
  })

  it('sees a change to any file under src/', () => {
    const probe = new URL('../../src/.start-test-probe', import.meta.url)
    writeFileSync(probe, 'changed')
    try {
      expect(buildIsCurrent()).toBe(false)
    } finally {
      rmSync(probe)
    }
    expect(buildIsCurrent()).toBe(true)
  })
})
