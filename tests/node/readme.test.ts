import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SqlClient } from '../../packages/koe-collector/src/collector'
import { ces, createNpsAccumulator, groupScores, nps } from '../../src/scoring'
import { freshSchema } from './stores'

const root = new URL('../../', import.meta.url)
// The README links to the guides in docs/guide/, where the worked examples and tables live.
const guide = (name: string) => readFileSync(new URL(`docs/guide/${name}.md`, root), 'utf8')
const section = (text: string, heading: string) => {
  const start = text.indexOf(heading)
  expect(start, heading).toBeGreaterThanOrEqual(0)
  const end = text.indexOf('\n## ', start + 1)
  return text.slice(start, end < 0 ? undefined : end)
}
const blocks = (text: string, lang: string) =>
  [...text.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(
    (m) => m[1] as string,
  )

/** 240 NPS answers over three weeks around a Tokyo midnight, the same on every run. */
const answers = (() => {
  let seed = 42
  const next = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
    return seed
  }
  return Array.from({ length: 240 }, (_, i) => ({
    id: `0193a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`,
    kind: 'response',
    surveyId: 'post-purchase-nps',
    type: 'nps',
    score: next() % 11,
    // Spread over 21 days from Sunday 2026-11-08 14:00 UTC (23:00 in Tokyo), hour by hour.
    createdAt: new Date(Date.UTC(2026, 10, 8, 14) + (next() % (21 * 24)) * 3_600_000).toISOString(),
  }))
})()

describe('docs/guide/scoring.md: score on your server', () => {
  const server = section(guide('scoring'), '## Score on your server')

  it('quotes what nps() and ces() really return', () => {
    const result = nps([10, 9, 9, 10, 9, 8, 7, 7, 3, 0])
    expect(server).toContain(`score: ${result.score}`)
    expect(server).toContain(`marginOfError: ${result.marginOfError?.toFixed(3)}…`)
    const c = ces([1, 4, 5, 6, 7, 7])
    expect(server).toContain(`easyShare: ${c.easyShare?.toFixed(3)}`)
    expect(server).toContain(`interval: [${c.interval?.map((x) => x.toFixed(2)).join(', ')}]`)
  })

  /** Runs the worked example on `data` as answers.ndjson; resolves what it printed. */
  const runExample = (name: string, data: typeof answers) => {
    const dir = new URL(`test-results/readme-example-${name}/`, root)
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      new URL('answers.ndjson', dir),
      `${data.map((a) => JSON.stringify(a)).join('\n')}\n`,
    )
    const script = blocks(server, 'js').find((code) => code.includes("'answers.ndjson'")) as string
    writeFileSync(new URL('example.mjs', dir), script)
    // Inside the repository, `koe/scoring` resolves through package.json exports (self-reference).
    return execFileSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8' })
  }

  it('runs the worked Node example on answers of a single week, as right after the demo', () => {
    const oneWeek = answers.map((a) => ({ ...a, createdAt: '2026-11-25T03:00:00.000Z' }))
    const out = runExample('one-week', oneWeek)
    expect(out).toContain('2026-W48')
    expect(out).toContain('one week so far')
  })

  it('runs the worked Node example on an answers.ndjson file', () => {
    const out = runExample('weeks', answers)
    const weeks = groupScores(answers, {
      create: createNpsAccumulator,
      score: (a) => a.score,
      period: 'week',
      timeZone: 'Asia/Tokyo',
    })
    for (const { period, accumulator } of weeks) {
      const r = accumulator.result()
      expect(out).toContain(
        `${period} ${r.score?.toFixed(1)} ± ${r.marginOfError?.toFixed(1)} (n = ${r.n})`,
      )
    }
    expect(out).toMatch(/difference: -?\d/)
  })

  describe.each([
    [
      'PostgreSQL',
      async () => {
        const { pool, drop } = await freshSchema(1)
        return { db: pool as SqlClient, close: drop }
      },
    ],
    [
      'PGlite',
      async () => {
        const pglite = await PGlite.create()
        return { db: pglite as SqlClient, close: () => pglite.close() }
      },
    ],
  ])('the SQL, on %s', (_name, open) => {
    let db: SqlClient
    let close: () => Promise<void>
    beforeAll(async () => {
      ;({ db, close } = await open())
      const [createTable] = blocks(server, 'sql')
      await db.query(createTable as string)
      for (const a of answers) {
        await db.query(
          'INSERT INTO koe_responses (id, survey_id, type, score, created_at) VALUES ($1, $2, $3, $4, $5)',
          [a.id, a.surveyId, a.type, a.score, a.createdAt],
        )
      }
    }, 60_000)
    afterAll(async () => {
      await close?.()
    })

    it('gives the weekly NPS and margin of error that groupScores gives', async () => {
      const query = blocks(server, 'sql')[1] as string
      const { rows } = await db.query<{
        week: string
        n: number
        nps: number
        margin_of_error: number
      }>(query)
      const weeks = groupScores(answers, {
        create: createNpsAccumulator,
        score: (a) => a.score,
        period: 'week',
        timeZone: 'Asia/Tokyo',
      })
      expect(weeks.length).toBeGreaterThanOrEqual(3)
      expect(rows.map((r) => r.week)).toEqual(weeks.map((w) => w.period))
      rows.forEach((row, i) => {
        const r = weeks[i]?.accumulator.result()
        expect(row.n).toBe(r?.n)
        expect(row.nps).toBeCloseTo(r?.score as number, 9)
        expect(row.margin_of_error).toBeCloseTo(r?.marginOfError as number, 9)
      })
    })
  })
})

describe('docs/guide/surveys.md: triggers', () => {
  const triggers = section(guide('surveys'), '## Triggers: when to ask')
  /** The first code span of each table row: the trigger, or the audience field's example. */
  const rows = (text: string) =>
    [...text.matchAll(/^\| `([^`]+)`\s*\|/gm)].map((m) => m[1] as string)

  it('every trigger in the table is valid survey JSON, and every kind of trigger is in it', async () => {
    const { validateSurvey } = await import('../../src/config/validate-survey')
    const table = rows(triggers).filter((code) => code.startsWith('{'))
    const kinds = new Set<string>()
    for (const code of table) {
      const trigger = JSON.parse(code)
      const result = validateSurvey({ id: 's', type: 'nps', trigger })
      expect(result, code).toMatchObject({ ok: true })
      kinds.add(Object.keys(trigger).includes('preset') ? trigger.preset : Object.keys(trigger)[0])
    }
    expect([...kinds].sort()).toEqual(
      [
        'cart-abandonment',
        'event',
        'exitIntent',
        'idle',
        'pageview',
        'post-purchase',
        'scrollDepth',
        'timeOnPage',
      ].sort(),
    )
  })

  it('every audience example is valid, and names every audience field', async () => {
    const { validateSurvey } = await import('../../src/config/validate-survey')
    const audience = triggers.slice(triggers.indexOf('### Who is asked'))
    const fields = [...audience.matchAll(/^\| `(\w+)`\s*\| `([^`]+)`/gm)]
    expect(fields.map((m) => m[1]).sort()).toEqual(
      ['attributes', 'device', 'excludeUrl', 'locale', 'sample', 'url'].sort(),
    )
    for (const [, field, example] of fields) {
      const result = validateSurvey({
        id: 's',
        type: 'nps',
        trigger: { event: 'x' },
        audience: { [field as string]: JSON.parse(example as string) },
      })
      expect(result, `${field}: ${example}`).toMatchObject({ ok: true })
    }
  })
})
