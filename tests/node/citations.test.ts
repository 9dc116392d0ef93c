import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The repository is self-contained: what its files cite, a reader of the repository can open.
const root = fileURLToPath(new URL('../../', import.meta.url))
const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((file) => /\.(ts|tsx|mjs|js|json|md|html|css)$/.test(file) || file.startsWith('.ci/'))
  .filter((file) => existsSync(join(root, file)))
const text = (file: string) => readFileSync(join(root, file), 'utf8')

describe('citations', () => {
  it('no file cites the product page outside the repository', () => {
    const citing = tracked.filter((file) => /PRODUCT\.md/.test(text(file)))
    expect(citing).toEqual([])
  })

  it('every docs/… file a file names exists', () => {
    const missing: string[] = []
    for (const file of tracked) {
      for (const [, cited] of text(file).matchAll(/\bdocs\/([\w.-]+\.md)/g))
        if (!existsSync(join(root, 'docs', cited as string))) missing.push(`${file}: docs/${cited}`)
    }
    expect(missing).toEqual([])
  })

  it('every relative link in the README and docs/ points at a file that exists', () => {
    const missing: string[] = []
    for (const file of tracked.filter((f) => f.endsWith('.md'))) {
      for (const [, target] of text(file).matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)/g))
        if (!existsSync(join(root, dirname(file), target as string)))
          missing.push(`${file}: ${target}`)
    }
    expect(missing).toEqual([])
  })
})
