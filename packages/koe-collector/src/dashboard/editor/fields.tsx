import { Component, type ComponentChildren, h } from 'preact'
import type { ConfigIssue } from '../../../../../src/config/config-error'
import type { Lang } from './describe-trigger'
import { issueText, STRINGS } from './editor-strings'

/** What a control needs to be labelled, described and marked invalid. */
export interface ControlProps {
  id: string
  'aria-describedby': string
  'aria-invalid'?: 'true'
}

/** The field's DOM id: `trigger.delay` → `f-trigger-delay`. */
export const fieldId = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}`

/**
 * One field of the form: its label, the control, a line of plain words, and the validator's
 * errors for it in the editor's language, next to it (`data-field` names it for tests and for
 * focusing the first error).
 */
export function Field(props: {
  name: string
  lang: Lang
  errors: ConfigIssue[]
  /** Overrides the label of `name` (a text per language). */
  label?: string
  help?: string | null
  control: (props: ControlProps) => ComponentChildren
}) {
  const { name, lang, errors } = props
  const text = STRINGS[lang].fields[name]
  const id = fieldId(name)
  const help = props.help === null ? null : (props.help ?? text?.help)
  const described = [help ? `${id}-help` : '', errors.length ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ')
  return (
    <div class="field" data-field={name}>
      <label for={id}>{props.label ?? text?.label ?? name}</label>
      {props.control({
        id,
        'aria-describedby': described,
        ...(errors.length ? { 'aria-invalid': 'true' as const } : {}),
      })}
      {help ? (
        <p class="help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
      {errors.length ? (
        <p class="field-error" id={`${id}-error`}>
          {errors.map((issue) => issueText(issue, lang)).join(' ')}
        </p>
      ) : null}
    </div>
  )
}

/** A number as the form shows it, in its unit (`1000` ms shown as seconds: `1`). */
export const shown = (value: unknown, unit = 1) =>
  typeof value === 'number' ? String(value / unit) : value === undefined ? '' : String(value)

/** A number typed in the form, back in the JSON's unit; empty clears the field. */
export const typed = (text: string, unit = 1): number | undefined =>
  text.trim() === '' ? undefined : Number(text) * unit

/** A path pattern as one line of text: `re:` before a regular expression. */
export const patternText = (value: unknown) =>
  typeof value === 'object' && value !== null && 'regex' in value
    ? `re:${(value as { regex: unknown }).regex}`
    : typeof value === 'string'
      ? value
      : ''

/** A line of text as a path pattern. */
export const patternOf = (text: string) =>
  text.startsWith('re:') ? { regex: text.slice(3) } : text

/** A value typed in a condition row: a number, true/false, or text. */
export function typedValue(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true'
  return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text
}

interface DraftInputProps {
  /** The field's value in the draft. */
  value: unknown
  /** The value as the text the person edits. */
  format: (value: unknown) => string
  /** The text back as the draft's value (`undefined` clears the field). */
  parse: (text: string) => unknown
  /** Called on every keystroke with the parsed value. */
  onCommit: (value: unknown) => void
  multiline?: boolean
  [attribute: string]: unknown
}

interface DraftInputState {
  text: string
  /** The draft's value this text was last checked against. */
  seen: string
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * A text control whose value is parsed into the draft on every keystroke, while the text itself
 * stays as typed: "1." on the way to "1.5", a new empty line in a list of paths. When the draft
 * changes from elsewhere (the JSON view, a reload), the text follows it. Committing on each
 * keystroke, not on blur, means a click on Save always sees what was typed.
 */
export class DraftInput extends Component<DraftInputProps, DraftInputState> {
  constructor(props: DraftInputProps) {
    super(props)
    this.state = { text: props.format(props.value), seen: JSON.stringify(props.value ?? null) }
  }

  static override getDerivedStateFromProps(props: DraftInputProps, state: DraftInputState) {
    const seen = JSON.stringify(props.value ?? null)
    if (seen === state.seen) return null
    return {
      seen,
      text: same(props.parse(state.text), props.value) ? state.text : props.format(props.value),
    }
  }

  override render() {
    const { value: _, format: _f, parse, onCommit, multiline, ...attributes } = this.props
    const onInput = (e: { currentTarget: { value: string } }) => {
      const text = e.currentTarget.value
      this.setState({ text })
      onCommit(parse(text))
    }
    return multiline ? (
      <textarea {...attributes} value={this.state.text} onInput={onInput} />
    ) : (
      <input type="text" {...attributes} value={this.state.text} onInput={onInput} />
    )
  }
}
