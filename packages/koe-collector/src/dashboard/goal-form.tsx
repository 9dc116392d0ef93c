import { Component, h } from 'preact'
import { call } from './api-call'
import { t } from './i18n/translate'

interface Props {
  surveyId: string
  goal: number | null
  /** NPS or CES: what the goal is a score of. */
  measure: string
  canEdit: boolean
  onChange: () => void
  onError: (error: unknown) => void
}

interface State {
  /** The goal being typed; `null` until the editor types. */
  draft: string | null
}

/** A survey's goal (issue 33), drawn on its timeline; editors set or clear it here. */
export class GoalForm extends Component<Props, State> {
  override state: State = { draft: null }

  async save(target: number | null) {
    try {
      await call('PUT', `/api/goals/${encodeURIComponent(this.props.surveyId)}`, { target })
      this.setState({ draft: null })
      this.props.onChange()
    } catch (error) {
      this.props.onError(error)
    }
  }

  render({ goal, measure, canEdit }: Props, { draft }: State) {
    const shown = goal === null ? t('none yet') : `${measure} ${goal}`
    if (!canEdit)
      return (
        <p class="hint" data-testid="goal">
          {t('Goal')}: {shown}
        </p>
      )
    const value = draft ?? (goal === null ? '' : String(goal))
    return (
      <form
        class="filters"
        data-testid="goal"
        onSubmit={(e) => {
          e.preventDefault()
          const target = Number(value)
          if (value.trim() !== '' && Number.isFinite(target)) void this.save(target)
        }}
      >
        <label>
          {t('Goal ({measure})', { measure })}
          <input
            type="number"
            step="any"
            min={-100}
            max={100}
            value={value}
            onInput={(e) => this.setState({ draft: (e.target as HTMLInputElement).value })}
          />
        </label>
        <button type="submit">{t('Set goal')}</button>
        {goal === null ? null : (
          <button type="button" onClick={() => void this.save(null)}>
            {t('Clear goal')}
          </button>
        )}
      </form>
    )
  }
}
