import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The folder tree is the architecture (issue 28): the SDK (`src/`) is a browser product with no
// runtime dependencies; the collector package holds the server, and the dashboard's browser code
// meets the server only through the contract modules.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const collector = join(root, 'packages/koe-collector/src')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
}

/** Every module a file imports (static, re-exports and `import()`), resolved when relative. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const found = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1] as string)
  return found.map((spec) => (spec.startsWith('.') ? resolve(dirname(file), spec) : spec))
}

/** `file: import` for each import of the files under `dir` that `forbidden` refuses. */
function offending(dir: string, forbidden: (target: string) => boolean): string[] {
  return sources(dir).flatMap((file) =>
    importsOf(file)
      .filter(forbidden)
      .map((target) => `${relative(root, file)}: ${relative(root, target) || target}`),
  )
}

const under = (folder: string) => (target: string) => target.startsWith(`${folder}/`)

describe('the repository layout', () => {
  it('finds the imports it checks (the check can fail)', () => {
    const dashboard = sources(join(collector, 'dashboard')).flatMap(importsOf)
    expect(dashboard.some(under(join(collector, 'contract')))).toBe(true)
    expect(
      offending(join(collector, 'server'), under(join(collector, 'collector'))).length,
    ).toBeGreaterThan(0)
  })

  it("the dashboard's browser code imports no server or collector file, and no Node module", () => {
    const dir = join(collector, 'dashboard')
    expect(offending(dir, under(join(collector, 'server')))).toEqual([])
    expect(offending(dir, under(join(collector, 'collector')))).toEqual([])
    expect(offending(dir, (target) => target.startsWith('node:'))).toEqual([])
  })

  it('the contract modules import only each other and the SDK’s shared code', () => {
    const allowed = (target: string) =>
      under(join(collector, 'contract'))(target) || under(join(root, 'src'))(target)
    expect(offending(join(collector, 'contract'), (target) => !allowed(target))).toEqual([])
  })

  it('the server and the ingest library never import the dashboard', () => {
    for (const dir of ['server', 'collector']) {
      expect(offending(join(collector, dir), under(join(collector, 'dashboard')))).toEqual([])
    }
  })

  it('the SDK imports nothing from the collector package, and no Node module', () => {
    expect(offending(join(root, 'src'), under(join(root, 'packages')))).toEqual([])
    expect(offending(join(root, 'src'), (target) => target.startsWith('node:'))).toEqual([])
  })

  it('the SDK has no runtime dependencies; the collector declares its own', () => {
    const sdk = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    const server = JSON.parse(
      readFileSync(join(root, 'packages/koe-collector/package.json'), 'utf8'),
    )
    expect(sdk.dependencies ?? {}).toEqual({})
    expect(Object.keys(server.dependencies)).toEqual(
      expect.arrayContaining(['@electric-sql/pglite', 'pg']),
    )
  })
})
