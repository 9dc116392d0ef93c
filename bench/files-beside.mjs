import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * The files a script-tag build loads from beside itself, by name (issue 29: its prompt,
 * `koe.prompt.js`), read from the folder of `script`; none for a build from before issue 29.
 * The benches serve them next to the script, as a site does.
 */
export function filesBeside(script) {
  const prompt = join(dirname(script), 'koe.prompt.js')
  return existsSync(prompt) ? { 'koe.prompt.js': readFileSync(prompt, 'utf8') } : {}
}
