import type { ComponentChildren } from 'preact'
import { h } from 'preact'

/** An object edited as rows (`trigger.where`, `audience.attributes`): its fields, in order. */
type Rows = Record<string, unknown>

/** The rows without `key`; none left clears the field. */
function without(rows: Rows, key: string) {
  const { [key]: _, ...rest } = rows
  return Object.keys(rest).length ? rest : undefined
}

/** The rows with `from` renamed `to`, keys kept in order while one is typed. */
function renameKey(rows: Rows, from: string, to: string) {
  return Object.fromEntries(Object.entries(rows).map(([k, v]) => (k === from ? [to, v] : [k, v])))
}

interface NamedRowsProps {
  /** The field's path, for `data-field` (where its errors are placed). */
  path: string
  legend?: string
  help?: string
  rows: Rows
  /** Names the name input of row n: "Property 1". */
  nameLabel: string
  removeLabel: string
  addLabel: string
  /** Applies a change to the field's latest value (`undefined` clears the field). */
  onChange: (change: (rows: Rows) => Rows | undefined) => void
  /** The controls between a row's name and its remove button; `commit` replaces its value. */
  value: (value: unknown, index: number, commit: (next: unknown) => void) => ComponentChildren
}

/**
 * Rows of name and value with a remove button each and one to add a row: the one editor of the
 * event's conditions and of the audience's attributes, which differ only in the value's controls.
 */
export function NamedRows(props: NamedRowsProps) {
  const { onChange } = props
  return (
    <fieldset class="rows" data-field={props.path}>
      <legend>{props.legend}</legend>
      {Object.entries(props.rows).map(([key, value], index) => (
        <div class="row" key={index}>
          <input
            type="text"
            aria-label={`${props.nameLabel} ${index + 1}`}
            value={key}
            onInput={(e) => {
              const name = e.currentTarget.value
              onChange((rows) => renameKey(rows, key, name))
            }}
          />
          {props.value(value, index, (next) => onChange((rows) => ({ ...rows, [key]: next })))}
          <button type="button" onClick={() => onChange((rows) => without(rows, key))}>
            {props.removeLabel}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange((rows) => ({ ...rows, '': '' }))}>
        {props.addLabel}
      </button>
      {props.help ? <p class="help">{props.help}</p> : null}
    </fieldset>
  )
}
