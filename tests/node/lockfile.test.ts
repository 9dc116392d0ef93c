import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// Issue 28: `npm ci` installs this machine's binaries only. A lock entry for a platform package
// that names no `os` or `cpu` is installed on every machine: biome's nine other builds alone were
// 800 MB of node_modules. `npm run lockfile` completes such entries from the registry.
interface Entry {
  version?: string
  optional?: boolean
  os?: string[]
  cpu?: string[]
  integrity?: string
  link?: boolean
  optionalDependencies?: Record<string, string>
}
const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8'))
const packages = lock.packages as Record<string, Entry>

describe('the lock file', () => {
  const platformPackages = Object.entries(packages).flatMap(([location, entry]) =>
    Object.keys(entry.optionalDependencies ?? {}).map((name) => {
      const nested = `${location ? `${location}/` : ''}node_modules/${name}`
      return packages[nested] ? nested : `node_modules/${name}`
    }),
  )

  it('lists the optional platform packages of rollup, biome and esbuild', () => {
    expect(platformPackages).toContain('node_modules/@biomejs/cli-darwin-arm64')
    expect(platformPackages).toContain('node_modules/@rollup/rollup-win32-x64-msvc')
    expect(platformPackages.length).toBeGreaterThan(30)
  })

  it('names the platform and integrity of each, so npm installs only the machine’s own', () => {
    const bare = platformPackages.filter((key) => {
      const entry = packages[key]
      // An optional package for every platform (pg-cloudflare) has no `os`; a build for one has.
      const forOnePlatform = /darwin|win32|android|freebsd|linux-/.test(key)
      return !entry?.integrity || (forOnePlatform && !(entry.os && entry.cpu))
    })
    expect(bare).toEqual([])
  })
})
