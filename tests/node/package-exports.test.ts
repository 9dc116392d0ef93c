import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SDK } from '../../src/version'

const root = new URL('../../', import.meta.url)

/** Runs ESM code in a fresh Node process from the repository root, as a user of the package would. */
const runNode = (code: string) =>
  execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: root,
    encoding: 'utf8',
  })

describe('the built package (dist/, through package.json exports)', () => {
  it("resolves import('koe/scoring') by name and scores correctly", () => {
    const out = runNode(
      "const { nps } = await import('koe/scoring'); console.log(JSON.stringify(nps([10, 9, 8, 0])))",
    )
    expect(JSON.parse(out)).toMatchObject({
      n: 4,
      promoters: 2,
      passives: 1,
      detractors: 1,
      score: 25,
    })
  })

  it("imports 'koe' in plain Node without touching window (SSR-safe)", () => {
    const out = runNode(
      "const koe = await import('koe'); const k = koe.createKoe({ endpoint: 'https://c.example/koe', surveys: [] }); console.log(typeof koe.createKoe, k.explain('x').wouldShow)",
    )
    expect(out.trim()).toBe('function false')
  })

  it('ships the wire and survey JSON Schemas as koe/wire.schema.json and koe/survey.schema.json', () => {
    const out = runNode(
      "import { createRequire } from 'node:module'; const require = createRequire(process.cwd() + '/'); console.log(require('koe/wire.schema.json').title + ' | ' + require('koe/survey.schema.json').title)",
    )
    expect(out.trim()).toBe('Koe wire format v1 | Koe survey file')
  })

  it('never loads React or Vue for an app that imports koe alone', () => {
    /** dist/index.js and every module it imports, statically or lazily. */
    const reached = new Set<string>()
    const visit = (file: string) => {
      if (reached.has(file)) return
      reached.add(file)
      const code = readFileSync(new URL(`dist/${file}`, root), 'utf8')
      for (const [, spec] of code.matchAll(/(?:from|import)\s*\(?\s*['"]\.\/([^'"]+)['"]/g))
        visit(new URL(spec as string, `file:///${file}`).pathname.slice(1))
    }
    visit('index.js')
    expect(reached.size).toBeGreaterThan(10) // the entry and its language chunks
    for (const file of reached) {
      const code = readFileSync(new URL(`dist/${file}`, root), 'utf8')
      expect(code, file).not.toMatch(/['"](react|react-dom|vue)(\/[^'"]*)?['"]/)
    }
  })

  it('renders koe/react on the server: nothing starts, the slot is in the HTML', () => {
    const out = runNode(`
      const { createElement } = await import('react')
      const { renderToString } = await import('react-dom/server')
      const { KoeProvider, KoeSurvey, useSurvey, useKoe } = await import('koe/react')
      function Page() {
        useKoe().track('purchase_completed')
        const prompt = useSurvey()
        return createElement('main', null, prompt ? 'survey' : 'no survey', createElement(KoeSurvey, { id: 'nps' }))
      }
      const config = { endpoint: 'https://c.example/koe', surveys: [] }
      console.log(renderToString(createElement(KoeProvider, { config }, createElement(Page))))
    `)
    expect(out.trim()).toBe('<main>no survey<div data-koe-slot="nps"></div></main>')
  })

  it('renders koe/vue on the server: nothing starts, the slot is in the HTML', () => {
    const out = runNode(`
      const { createSSRApp, defineComponent, h } = await import('vue')
      const { renderToString } = await import('vue/server-renderer')
      const { createKoePlugin, KoeSurvey, useSurvey, useKoe } = await import('koe/vue')
      const Page = defineComponent({
        setup() {
          useKoe().track('purchase_completed')
          const prompt = useSurvey()
          return () => h('main', [prompt.value ? 'survey' : 'no survey', h(KoeSurvey, { id: 'nps' })])
        },
      })
      const app = createSSRApp(Page).use(createKoePlugin({ endpoint: 'https://c.example/koe', surveys: [] }))
      console.log(await renderToString(app))
    `)
    expect(out.trim()).toBe('<main>no survey<div data-koe-slot="nps"></div></main>')
  })

  it('sends the version of package.json in every answer', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'))
    expect(SDK).toBe(`koe@${pkg.version}`)
  })
})
