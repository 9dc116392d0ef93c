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

  it('sends the version of package.json in every answer', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'))
    expect(SDK).toBe(`koe@${pkg.version}`)
  })
})
