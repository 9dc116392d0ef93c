/**
 * JSON text for wire records, written by Koe itself rather than by `JSON.stringify`, so nothing a
 * host page does to built-ins changes the bytes: `Array.prototype.toJSON` (old Prototype.js) or
 * `Object.prototype.toJSON` are never called, and a `JSON.stringify` replaced before Koe loaded is
 * never used. Handles exactly what records hold: strings, numbers, booleans, null, arrays and
 * plain objects; `undefined` fields are left out, as JSON.stringify does. A value of another kind
 * (a function, a BigInt, a cycle) throws a `TypeError`, so the queue refuses the record at once.
 */
export function toWireJson(value: unknown, builtIns: BuiltIns, depth = 0): string | undefined {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'undefined':
      return undefined
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      // String() of a number primitive is the language's own conversion, untouched by prototypes.
      return Number.isFinite(value) ? String(value) : 'null'
    case 'string':
      return quote(value)
  }
  // Records are two levels deep (attributes); anything deeper is a cycle or a mistake.
  if (typeof value !== 'object' || depth > 8) throw new TypeError('not wire JSON')
  if (Array.isArray(value)) {
    let out = ''
    for (let i = 0; i < value.length; i++)
      out += `${i ? ',' : ''}${toWireJson(value[i], builtIns, depth + 1) ?? 'null'}`
    return `[${out}]`
  }
  let out = ''
  for (const key in value) {
    // Own fields only: an enumerable property added to Object.prototype is not the record's.
    if (!builtIns._hasOwn(value, key)) continue
    const field = toWireJson((value as Record<string, unknown>)[key], builtIns, depth + 1)
    if (field !== undefined) out += `${out ? ',' : ''}${quote(key)}:${field}`
  }
  return `{${out}}`
}

/** A JSON string literal: quotes, backslashes and control characters escaped. */
function quote(text: string): string {
  let out = '"'
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    out +=
      c === 34 || c === 92
        ? `\\${text[i]}`
        : c < 32
          ? `\\u${(c + 0x10000).toString(16).slice(1)}`
          : text[i]
  }
  return `${out}"`
}

/**
 * The built-ins Koe's wire JSON relies on, captured when the script runs. The script tag loads
 * delivery later, from a file of its own (issue 29), and hands it this object: by then a host page
 * may have replaced `JSON.parse` or `Object.prototype.hasOwnProperty`.
 */
export interface BuiltIns {
  _hasOwn: (object: object, key: string) => boolean
  /** `JSON.parse`, for the collector's answers. */
  // biome-ignore lint/suspicious/noExplicitAny: whatever the collector answered
  _parse: (text: string) => any
}

export const builtIns: BuiltIns = {
  _hasOwn: {}.hasOwnProperty.call.bind({}.hasOwnProperty) as BuiltIns['_hasOwn'],
  _parse: JSON.parse,
}
