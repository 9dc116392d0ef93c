/**
 * An order export as CSV (RFC 4180: a header row, quoted fields with `""` and line breaks) turned
 * into the NDJSON lines `POST /api/outcomes` takes (issue 30). Columns are named as the NDJSON
 * fields (`userId`, `anonymousId`, `name`, `at`, `value`, `currency`, `id`) or mapped to them
 * (`id=order_id`); others are ignored. One pass over the text: linear in its length.
 */

/** The NDJSON fields a column can fill. */
const FIELDS = ['userId', 'anonymousId', 'name', 'at', 'value', 'currency', 'id'] as const
type Field = (typeof FIELDS)[number]

/** The rows of a CSV text, each a list of cells. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"' && cell === '') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += c
  }
  if (cell !== '' || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows.filter((r) => r.some((value) => value !== ''))
}

/**
 * `id=order_id,userId=customer_id`: which CSV column fills which field; a string says what is
 * wrong with the mapping.
 */
export function columnMap(spec: string | undefined): Partial<Record<Field, string>> | string {
  const map: Partial<Record<Field, string>> = {}
  for (const pair of (spec ?? '').split(',').filter(Boolean)) {
    const [field, column] = pair.split('=')
    if (!FIELDS.includes(field as Field) || !column)
      return `--columns takes field=column pairs, the fields ${FIELDS.join(', ')}; got "${pair}"`
    map[field as Field] = column
  }
  return map
}

/** The NDJSON lines of a CSV order export, one per data row; empty cells are left out. */
export function csvToOutcomeLines(
  text: string,
  map: Partial<Record<Field, string>> = {},
): string[] {
  const [header, ...rows] = parseCsvRows(text)
  if (!header) return []
  const index = (field: Field) => header.indexOf(map[field] ?? field)
  const columns = FIELDS.map((field) => [field, index(field)] as const).filter(([, at]) => at >= 0)
  return rows.map((row) => {
    const line: Record<string, string | number> = {}
    for (const [field, at] of columns) {
      const cell = (row[at] ?? '').trim()
      if (cell === '') continue
      // A value is a number; anything else is left as text for the import to refuse by line.
      line[field] = field === 'value' && /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell
    }
    return JSON.stringify(line)
  })
}
