import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/**
 * The files a script-tag build loads from beside itself, by name (issue 29: its prompt,
 * `koe.prompt.js`, delivery, `koe.delivery.js`, and languages, `koe.ja.js`, …), read from the
 * folder of `script`; none for a build from before issue 29. The benches serve them next to the
 * script, as a site does.
 */
export function filesBeside(script) {
  const folder = dirname(script)
  const files = {}
  for (const name of readdirSync(folder))
    if (/^koe\.[\w-]+\.js$/.test(name) && name !== basename(script))
      files[name] = readFileSync(join(folder, name), 'utf8')
  return files
}
