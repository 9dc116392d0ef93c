// Order exports from the shell (issue 30): a CSV (or NDJSON) file imported with
// `koe-collector outcomes import`, idempotent as the API is, bad rows named by their row.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import {
  columnMap,
  csvToOutcomeLines,
  parseCsvRows,
} from '../../packages/koe-collector/src/server/outcome-csv'

const root = fileURLToPath(new URL('../../', import.meta.url))
const run = promisify(execFile)

describe('CSV order exports', () => {
  it('reads quoted cells, doubled quotes, line breaks in quotes and CRLF', () => {
    expect(parseCsvRows('a,b\r\n"x, y","say ""hi""\nthere"\r\n\r\n1,\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
      ['1', ''],
    ])
  })

  it('turns rows into the API’s lines, by field name or mapped column, numbers as numbers', () => {
    const csv =
      'order_id,customer,at,value,currency,note\no-1,c-7,2026-11-02T10:00:00Z,5400,EUR,gift\n'
    const map = columnMap('id=order_id,userId=customer')
    expect(typeof map).toBe('object')
    expect(csvToOutcomeLines(csv, map as object).map((l) => JSON.parse(l))).toEqual([
      { userId: 'c-7', at: '2026-11-02T10:00:00Z', value: 5400, currency: 'EUR', id: 'o-1' },
    ])
    expect(columnMap('order=order_id')).toMatch(/--columns takes field=column pairs/)
  })
})

describe('koe-collector outcomes import', () => {
  const folder = mkdtempSync(join(tmpdir(), 'koe-outcomes-cli-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))
  const importFile = (file: string, ...args: string[]) =>
    run(
      process.execPath,
      ['packages/koe-collector/dist/koe-collector.js', 'outcomes', 'import', file, ...args],
      { cwd: root, env: { ...process.env, KOE_DATA: join(folder, 'data') } },
    ).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    )

  it('imports a CSV once, however often it is run, and names bad rows', async () => {
    const file = join(folder, 'orders.csv')
    writeFileSync(
      file,
      [
        'order_id,customer_id,name,at,value,currency',
        'o-1,c-1,purchase,2026-11-02T10:00:00Z,5400,EUR',
        'o-2,c-2,purchase,2026-11-03T10:00:00Z,1200,EUR',
        'o-3,c-1,refund,2026-11-04T10:00:00Z,-5400,EUR',
      ].join('\n'),
    )
    const columns = ['--columns', 'id=order_id,userId=customer_id']
    const first = await importFile(file, ...columns)
    expect(first.stdout).toContain('3 accepted, 0 already stored')
    expect(first.code).toBe(0)
    const again = await importFile(file, ...columns)
    expect(again.stdout).toContain('0 accepted, 3 already stored')
    writeFileSync(
      file,
      'id,userId,name,at\no-4,c-3,purchase,2026-11-05T10:00:00Z\no-5,c-3,purchase,tomorrow\n',
    )
    const bad = await importFile(file)
    expect(bad.code).toBe(1)
    expect(bad.stdout).toContain('1 accepted')
    expect(bad.stderr).toContain('row 3: at must be an ISO 8601 UTC timestamp')
  }, 120_000)
})
