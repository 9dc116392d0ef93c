// What each source module costs in the script tag and its prompt file (issue 29): builds both
// bundles in memory with source maps, gives every minified character to the module it came from,
// and prints a table of minified bytes and each module's share of the file's brotli size.
//   node scripts/module-costs.mjs [--markdown]
import { brotliCompressSync, constants } from 'node:zlib'
import { eachMapping, TraceMap } from '@jridgewell/trace-mapping'
import { rollup } from 'rollup'
import configs from '../rollup.config.mjs'

const brotli = (text) =>
  brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length

/** Minified characters per source module, read off the source map. */
function charsBySource(code, map) {
  const lines = code.split('\n')
  const traced = new TraceMap(map)
  const bySource = new Map()
  // Segments in generated order: each runs to the next one on its line.
  const segments = []
  eachMapping(traced, (m) => segments.push(m))
  segments.sort(
    (a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn,
  )
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]
    const next = segments[i + 1]
    const end =
      next && next.generatedLine === s.generatedLine
        ? next.generatedColumn
        : lines[s.generatedLine - 1].length
    const source = (s.source ?? '(bundle)').replace(/^.*?\/src\//, 'src/')
    bySource.set(source, (bySource.get(source) ?? 0) + end - s.generatedColumn)
  }
  return bySource
}

async function costs(config) {
  const bundle = await rollup({ input: config.input, plugins: config.plugins, onwarn() {} })
  const { output } = await bundle.generate({
    ...config.output,
    file: undefined,
    sourcemap: 'hidden',
  })
  const chunk = output.find((file) => file.type === 'chunk')
  const total = brotli(chunk.code)
  const chars = charsBySource(chunk.code, chunk.map)
  const all = chunk.code.length
  return {
    file: config.output.file,
    total,
    rows: [...chars]
      .sort((a, b) => b[1] - a[1])
      .map(([source, n]) => ({ source, minified: n, brotli: Math.round((total * n) / all) })),
  }
}

/** A markdown table of `rows`, its columns padded as the formatter (biome) writes them. */
function table(rows) {
  const cells = [
    ['module', 'minified B', '~brotli B'],
    ...rows.map((r) => [`\`${r.source}\``, String(r.minified), String(r.brotli)]),
  ]
  const widths = [0, 1, 2].map((i) => Math.max(...cells.map((row) => row[i].length)))
  const line = (row) =>
    `| ${row.map((cell, i) => (i ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`
  const rule = `| ${'-'.repeat(widths[0])} | ${'-'.repeat(widths[1] - 1)}: | ${'-'.repeat(widths[2] - 1)}: |`
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n')
}

const markdown = process.argv.includes('--markdown')
// The script first: the prompt file takes its property names from the script's build.
for (const config of configs.filter((c) =>
  /koe\.(iife|prompt|delivery|data-layer|page-signals|outcome)\.js$/.test(c.output?.file ?? ''),
)) {
  const { file, total, rows } = await costs(config)
  console.log(markdown ? `\n**${file}**: ${total} B brotli\n` : `\n${file}: ${total} B brotli`)
  if (markdown) console.log(table(rows))
  else
    for (const r of rows)
      console.log(`${String(r.brotli).padStart(6)}  ${String(r.minified).padStart(6)}  ${r.source}`)
}
