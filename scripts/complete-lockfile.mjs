// Adds lock entries for optional platform packages that the registry this lock was made from
// does not carry (this workplace's mirror serves only the linux-x64 builds of rollup, biome and
// esbuild). npm leaves them out of package-lock.json, and `npm ci` then refuses the lock as out
// of sync. The entries carry name and version only; on a machine of that platform npm fetches
// them from its registry as usual. Run after `npm install` changes dependencies:
//   npm run lockfile
import { readFileSync, writeFileSync } from 'node:fs'

const path = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(path, 'utf8'))
const added = []
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    // npm resolves a dependency next to its parent first, then in the top-level node_modules.
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue
    lock.packages[`node_modules/${name}`] = { version, dev: entry.dev, optional: true }
    added.push(`${name}@${version}`)
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`)
console.log(added.length ? `added ${added.length} optional platform entries` : 'lock file complete')
