import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

// The package as users get it (npm pack), type-checked the ways their projects resolve modules.
const root = fileURLToPath(new URL('../../', import.meta.url))
const work = join(root, 'test-results/consumer')
const bin = (name: string) => join(root, 'node_modules/.bin', name)
let tarball: string

/** The README and the guides it links to: every snippet a user would paste into their app. */
const DOCUMENTS = [
  'README.md',
  ...readdirSync(join(root, 'docs/guide'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/guide/${file}`),
]

/** Each fenced ts/tsx/js block of the README and the guides. */
function readmeSnippets(): { code: string; tsx: boolean }[] {
  return DOCUMENTS.flatMap((document) =>
    [...readFileSync(join(root, document), 'utf8').matchAll(/```(ts|tsx|js)\n([\s\S]*?)```/g)].map(
      (m) => ({ code: m[2] as string, tsx: m[1] === 'tsx' }),
    ),
  )
}

/**
 * A consumer project in `test-results/consumer/<name>`: the packed koe in node_modules (nothing
 * else of this repository), the other packages linked from ours, and `files`.
 */
function consumer(name: string, pkg: object, tsconfig: object, files: Record<string, string>) {
  const dir = join(work, name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'node_modules/koe'), { recursive: true })
  execFileSync('tar', [
    '-xzf',
    tarball,
    '-C',
    join(dir, 'node_modules/koe'),
    '--strip-components=1',
  ])
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry.startsWith('.')) continue
    symlinkSync(join(root, 'node_modules', entry), join(dir, 'node_modules', entry))
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, ...pkg }))
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig))
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text)
  return dir
}

/** tsc's complaints, one per line; empty when the project compiles. */
function typeErrors(dir: string): string {
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], {
      encoding: 'utf8',
    })
    return ''
  } catch (error) {
    return String((error as { stdout?: string }).stdout)
  }
}

/** The README's snippets as modules; the script-tag ones see the global `koe` of the bundle. */
function snippetFiles(): Record<string, string> {
  const files: Record<string, string> = {}
  readmeSnippets().forEach(({ code, tsx }, i) => {
    const usesGlobal = /^koe\(/m.test(code) && !/createKoe/.test(code)
    files[`readme-${i}.${tsx ? 'tsx' : 'ts'}`] =
      `${usesGlobal ? "import 'koe/koe.iife.js'\n" : ''}${code}\nexport {}\n`
  })
  return files
}

const strict = {
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  types: ['node'],
  lib: ['ES2022', 'DOM'],
}

beforeAll(() => {
  mkdirSync(work, { recursive: true })
  const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
    cwd: root,
    encoding: 'utf8',
  })
  tarball = join(work, out.trim().split('\n').at(-1) as string)
}, 60_000)

describe('the published package', () => {
  it('passes publint', () => {
    expect(() =>
      execFileSync(bin('publint'), [tarball, '--strict'], { encoding: 'utf8' }),
    ).not.toThrow()
  })

  it('has types that resolve for every entry (Are the Types Wrong?, ESM-only profile)', () => {
    // ESM-only: CommonJS consumers reach it with import(), which the fixture below checks.
    const run = () =>
      execFileSync(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii'], {
        encoding: 'utf8',
      })
    expect(run).not.toThrow()
  }, 60_000)

  for (const [name, module, moduleResolution] of [
    ['nodenext', 'nodenext', 'nodenext'],
    ['node16', 'node16', 'node16'],
    ['bundler', 'esnext', 'bundler'],
  ] as const) {
    it(`compiles every snippet of the README and the guides (koe, koe/react, koe/vue, koe-collector) under tsc --strict with moduleResolution ${name}`, () => {
      const dir = consumer(
        name,
        { type: 'module' },
        {
          // React's JSX runtime, as a React app compiles the koe/react snippets.
          compilerOptions: {
            ...strict,
            module,
            moduleResolution,
            target: 'ES2022',
            jsx: 'react-jsx',
          },
          include: ['*.ts', '*.tsx'],
        },
        snippetFiles(),
      )
      expect(typeErrors(dir)).toBe('')
    }, 60_000)
  }

  it('gives a CommonJS project the same types through import()', () => {
    const dir = consumer(
      'commonjs',
      { type: 'commonjs' },
      {
        compilerOptions: {
          ...strict,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'ES2022',
        },
        include: ['*.cts', '*.ts'],
      },
      {
        'main.ts': `async function main(): Promise<void> {
  const { createKoe } = await import('koe')
  const { nps } = await import('koe/scoring')
  const { createCollector } = await import('koe-collector')
  const koe = createKoe({ endpoint: 'https://collect.example.com/koe', surveys: [] })
  koe.on('answered', ({ surveyId, score }) => console.log(surveyId, score.toFixed(0)))
  const score: number | null = nps([10, 9, 3]).score
  const collect: (request: Request) => Promise<Response> = createCollector({
    store: { upsert: async () => ({ accepted: 0, duplicates: 0, rejected: [] }), records: async () => [], surveyIds: async () => [] },
    allowedOrigins: '*',
  })
  console.log(score, collect)
}
void main()
`,
      },
    )
    expect(typeErrors(dir)).toBe('')
  }, 60_000)
})
