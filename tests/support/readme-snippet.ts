import { readFileSync } from 'node:fs'

/**
 * The inline snippet exactly as the README shows it (its first `html` block): the stub line and
 * the init call. Tests run this text, so the README cannot drift from what works.
 */
export function readmeSnippet(): { stub: string; init: string } {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const block = /```html\n<script>\n([\s\S]*?)<\/script>/.exec(readme)?.[1] ?? ''
  const lines = block.split('\n').map((line) => line.trim())
  const stub = lines.find((line) => line.startsWith('window.koe')) ?? ''
  const init = lines.find((line) => line.startsWith("koe('init'")) ?? ''
  if (!stub || !init) throw new Error('README: no inline snippet found in the first html block')
  return { stub, init }
}
