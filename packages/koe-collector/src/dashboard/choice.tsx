import { h } from 'preact'
import { t } from './i18n/translate'

/** The ranges of whole days the pages offer, as `days` values (0: all time), in words. */
export const ranges = (): [string, string][] => [
  ['0', t('All time')],
  ['7', t('Last 7 days')],
  ['30', t('Last 30 days')],
  ['90', t('Last 90 days')],
  ['365', t('Last 12 months')],
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
