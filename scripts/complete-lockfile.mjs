// Completes the lock's entries for optional platform packages (rollup, biome, esbuild, …).
// A registry mirror that serves only this machine's builds makes npm leave the others out of
// package-lock.json, and `npm ci` then refuses the lock as out of sync. An entry written with
// name and version only is worse: npm cannot tell its platform and installs every one of them
// (biome alone is 800 MB of other platforms' binaries). So each missing or bare entry gets its
// `os`, `cpu`, `libc` and integrity from the registry; npm then installs only this machine's.
// Run after `npm install` changes dependencies:
//   npm run lockfile
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'

const path = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(path, 'utf8'))

/** What the registry says about one version, or `null` when it cannot be asked. */
function registryEntry(name, version) {
  try {
    const out = execFileSync(
      'npm',
      ['view', `${name}@${version}`, 'os', 'cpu', 'libc', 'license', 'dist.integrity', '--json'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    )
    const view = JSON.parse(out)
    return {
      integrity: view['dist.integrity'],
      cpu: view.cpu,
      libc: view.libc,
      license: view.license,
      os: view.os,
    }
  } catch {
    return null
  }
}

const added = []
const bare = []
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    // npm resolves a dependency next to its parent first, then in the top-level node_modules.
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`
    const key = lock.packages[nested] ? nested : `node_modules/${name}`
    const known = lock.packages[key]
    if (known?.os || known?.cpu || known?.integrity) continue
    const facts = registryEntry(name, known?.version ?? version)
    if (!facts) bare.push(`${name}@${version}`)
    lock.packages[key] = {
      version: known?.version ?? version,
      ...(facts?.integrity ? { integrity: facts.integrity } : {}),
      ...(facts?.cpu ? { cpu: facts.cpu } : {}),
      dev: entry.dev,
      ...(facts?.libc ? { libc: facts.libc } : {}),
      ...(facts?.license ? { license: facts.license } : {}),
      optional: true,
      ...(facts?.os ? { os: facts.os } : {}),
    }
    added.push(`${name}@${version}`)
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`)
console.log(
  added.length ? `completed ${added.length} optional platform entries` : 'lock file complete',
)
if (bare.length)
  console.warn(
    `the registry did not answer for ${bare.join(', ')}: their entries have no platform, and npm will install them everywhere`,
  )
