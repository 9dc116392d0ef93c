import { Component, Fragment, h } from 'preact'
import type { Annotation } from '../contract/annotations'
import { addAnnotation, editAnnotation, removeAnnotation } from './annotations-client'
import { t } from './i18n/translate'
import { Moment } from './moment'

interface Props {
  surveyId: string
  annotations: Annotation[]
  /** Whether the user may add, edit and remove them (an editor or more). */
  canEdit: boolean
  /** Something changed: the page reads the list again. */
  onChange: () => void
  onError: (error: unknown) => void
}

interface State {
  at: string
  label: string
  onlyThis: boolean
  /** The annotation whose label is being edited, and the text so far. */
  editing: { id: string; label: string } | null
}

/** `2026-11-20T09:00:00.000Z` as the browser's `datetime-local` shows it, in the viewer's zone. */
const localInput = (iso: string) => {
  const date = new Date(iso)
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}
const nowLocal = () => localInput(new Date().toISOString())

/**
 * The annotations drawn on the timeline (issue 33): releases, incidents, campaigns, each for this
 * survey or every survey. Editors add, rename and remove them here.
 */
export class AnnotationsPanel extends Component<Props, State> {
  override state: State = { at: nowLocal(), label: '', onlyThis: false, editing: null }

  async run(task: () => Promise<unknown>) {
    try {
      await task()
      this.props.onChange()
    } catch (error) {
      this.props.onError(error)
    }
  }

  add() {
    const { at, label, onlyThis } = this.state
    if (!label.trim() || !at) return
    void this.run(async () => {
      await addAnnotation({
        at: new Date(at).toISOString(),
        label,
        surveyId: onlyThis ? this.props.surveyId : null,
      })
      this.setState({ label: '' })
    })
  }

  render({ annotations, canEdit }: Props, { at, label, onlyThis, editing }: State) {
    return (
      <section aria-labelledby="annotations-heading">
        <h2 id="annotations-heading">{t('Annotations')}</h2>
        {annotations.length === 0 ? (
          <p class="hint empty">
            {t(
              'None yet. A release, an incident or a campaign marked here is drawn on the timeline.',
            )}
          </p>
        ) : (
          <ul class="annotations" data-testid="annotations">
            {annotations.map((a) => (
              <li key={a.id}>
                <Moment at={a.at} />{' '}
                {editing?.id === a.id ? (
                  <form
                    class="inline"
                    onSubmit={(e) => {
                      e.preventDefault()
                      void this.run(async () => {
                        await editAnnotation(a.id, { label: editing.label })
                        this.setState({ editing: null })
                      })
                    }}
                  >
                    <input
                      aria-label={t('New label of “{label}”', { label: a.label })}
                      value={editing.label}
                      maxLength={200}
                      onInput={(e) =>
                        this.setState({
                          editing: { id: a.id, label: (e.target as HTMLInputElement).value },
                        })
                      }
                    />
                    <button type="submit">{t('Save')}</button>
                  </form>
                ) : (
                  <strong>{a.label}</strong>
                )}{' '}
                <span class="hint">{a.surveyId ? t('this survey') : t('every survey')}</span>
                {canEdit && editing?.id !== a.id ? (
                  <>
                    {' '}
                    <button
                      type="button"
                      aria-label={t('Rename “{label}”', { label: a.label })}
                      onClick={() => this.setState({ editing: { id: a.id, label: a.label } })}
                    >
                      {t('Rename')}
                    </button>{' '}
                    <button
                      type="button"
                      aria-label={t('Remove “{label}”', { label: a.label })}
                      onClick={() => void this.run(() => removeAnnotation(a.id))}
                    >
                      {t('Remove')}
                    </button>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canEdit ? (
          <form
            class="filters"
            onSubmit={(e) => {
              e.preventDefault()
              this.add()
            }}
          >
            <label>
              {t('When')}
              <input
                type="datetime-local"
                value={at}
                onInput={(e) => this.setState({ at: (e.target as HTMLInputElement).value })}
              />
            </label>
            <label>
              {t('Label')}
              <input
                value={label}
                maxLength={200}
                placeholder={t('Release 4.2')}
                onInput={(e) => this.setState({ label: (e.target as HTMLInputElement).value })}
              />
            </label>
            <label>
              <input
                type="checkbox"
                checked={onlyThis}
                onChange={(e) =>
                  this.setState({ onlyThis: (e.target as HTMLInputElement).checked })
                }
              />{' '}
              {t('This survey only')}
            </label>
            <button type="submit">{t('Add annotation')}</button>
          </form>
        ) : null}
      </section>
    )
  }
}
