import { Component, h } from 'preact'
import type { ErasureReport } from '../contract/erasure'
import { followUp } from './follow-up-client'
import { t, tn } from './i18n/translate'
import { Moment } from './moment'
import { Wide } from './wide'

interface State {
  log: ErasureReport[]
  last: ErasureReport | null
  error: string | null
}

/** Erasure on request: everything stored for a user id or an anonymous id, and the log. */
export class PrivacyView extends Component<object, State> {
  override state: State = { log: [], last: null, error: null }

  override componentDidMount() {
    void this.load()
  }

  async load() {
    try {
      this.setState({ log: (await followUp.erasures()).erasures })
    } catch (error) {
      this.setState({ error: String(error) })
    }
  }

  render(_: object, { log, last, error }: State) {
    return (
      <section aria-labelledby="erase-heading">
        <h2 id="erase-heading">{t('Erase a customer’s data')}</h2>
        <p class="hint">
          {t(
            'Deletes their answers, the displays and dismissals of their devices, follow-up notes and alerts, and keeps the collector from ever storing them again. The log below keeps counts, never the id.',
          )}
        </p>
        <form
          class="stack"
          onSubmit={async (e) => {
            e.preventDefault()
            const form = e.currentTarget as HTMLFormElement
            const subject = (form.elements.namedItem('subject') as HTMLSelectElement).value
            const id = (form.elements.namedItem('id') as HTMLInputElement).value.trim()
            try {
              const report = await followUp.erase(subject as ErasureReport['subject'], id)
              form.reset()
              this.setState({ last: report, error: null })
              await this.load()
            } catch (err) {
              this.setState({ error: String(err) })
            }
          }}
        >
          <label>
            {t('Kind of id')}
            <select name="subject">
              <option value="userId">{t('User id (koe.identify)')}</option>
              <option value="anonymousId">{t('Anonymous id (from the browser)')}</option>
            </select>
          </label>
          <label>
            {t('Id')}
            <input name="id" required maxLength={256} autoComplete="off" />
          </label>
          <button type="submit">{t('Erase')}</button>
        </form>
        {error ? <p role="alert">{error}</p> : null}
        {last ? (
          <p role="status">
            {t('Erased {answers}, {notes} and {alerts}.', {
              answers: tn(last.records, '{n} answer', '{n} answers'),
              notes: tn(last.notes, '{n} note', '{n} notes'),
              alerts: tn(last.deliveries, '{n} unsent alert', '{n} unsent alerts'),
            })}
          </p>
        ) : null}
        {log.length ? (
          <Wide label={t('Erasure log')}>
            <table>
              <caption>{t('Erasure log')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('When')}</th>
                  <th scope="col">{t('By')}</th>
                  <th scope="col">{t('Answers')}</th>
                  <th scope="col">{t('Notes')}</th>
                  <th scope="col">{t('Alerts')}</th>
                </tr>
              </thead>
              <tbody>
                {log.map((entry) => (
                  <tr key={entry.at}>
                    <td>
                      <Moment at={entry.at} />
                    </td>
                    <td>{entry.subject === 'userId' ? t('User id') : t('Anonymous id')}</td>
                    <td>{entry.records}</td>
                    <td>{entry.notes}</td>
                    <td>{entry.deliveries}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Wide>
        ) : null}
      </section>
    )
  }
}
