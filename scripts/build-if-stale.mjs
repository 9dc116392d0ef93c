// `npm start` builds only when something the build reads has changed since the last build, so a
// second start takes a second, not the 25 s of a full build. `npm run build` records a stamp: a
// hash of every input's path and content. Run with `--stamp` to record it (the build does).
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const STAMP = join(root, 'dist/.build-stamp')
/** What the build reads besides node_modules (whose changes show in package-lock.json). */
const INPUTS = [
  'src',
  'packages/koe-collector/src',
  'rollup.config.mjs',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
  'examples/react',
  'examples/vue',
  'scripts/build-examples.mjs',
]
/** What `npm start` serves, from the SDK's dist/ and the collector's. */
const OUTPUTS = [
  'dist/koe.iife.js',
  'dist/koe.prompt.js',
  'dist/koe.ja.js',
  'dist/index.js',
  'dist/examples/react.js',
  'dist/examples/vue.js',
  'packages/koe-collector/dist/koe-collector.js',
  'packages/koe-collector/dist/koe.iife.js',
  'packages/koe-collector/dist/koe.prompt.js',
  'packages/koe-collector/dist/dashboard.js',
]

function files(path) {
  const full = join(root, path)
  if (!existsSync(full)) return []
  try {
    return readdirSync(full, { withFileTypes: true })
      .flatMap((entry) => files(join(path, entry.name)))
      .sort()
  } catch {
    return [path]
  }
}

/** A hash of the build's inputs: paths and contents. */
export function inputsHash() {
  const hash = createHash('sha256')
  for (const file of INPUTS.flatMap(files)) {
    hash.update(relative(root, join(root, file)))
    hash.update('\0')
    hash.update(readFileSync(join(root, file)))
    hash.update('\0')
  }
  return hash.digest('hex')
}

/** True when dist/ holds a build of exactly the current inputs. */
export function buildIsCurrent() {
  if (!OUTPUTS.every((file) => existsSync(join(root, file)))) return false
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8') === inputsHash()
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--stamp')) {
    writeFileSync(STAMP, inputsHash())
  } else if (buildIsCurrent()) {
    console.log('[koe] dist/ is current; not rebuilding (npm run build forces it)')
  } else {
    console.log('[koe] building dist/ (sources changed since the last build)')
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  }
}
