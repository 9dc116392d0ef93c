import { h } from 'preact'

/** The ranges of whole days the pages offer, as `days` values (0: all time). */
export const RANGES: [string, string][] = [
  ['0', 'All time'],
  ['7', 'Last 7 days'],
  ['30', 'Last 30 days'],
  ['90', 'Last 90 days'],
  ['365', 'Last 12 months'],
]

/** A labelled filter: options as [value, text] pairs. */
export function Choice(props: {
  label: string
  value: string
  options: [string, string][]
  onChoose: (value: string) => void
}) {
  return (
    <label>
      {props.label}
      {/* Named by its label alone: the label element's name would include the chosen option. */}
      <select
        aria-label={props.label}
        value={props.value}
        onChange={(e) => props.onChoose((e.currentTarget as HTMLSelectElement).value)}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  )
}
