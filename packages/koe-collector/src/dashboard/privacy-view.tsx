import { Component, h } from 'preact'
import type { ErasureReport } from '../contract/erasure'
import { count } from '../contract/plural'
import { followUp } from './follow-up-client'

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
        <h2 id="erase-heading">Erase a customer’s data</h2>
        <p class="hint">
          Deletes their answers, the displays and dismissals of their devices, follow-up notes and
          alerts, and keeps the collector from ever storing them again. The log below keeps counts,
          never the id.
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
            Kind of id
            <select name="subject">
              <option value="userId">User id (koe.identify)</option>
              <option value="anonymousId">Anonymous id (from the browser)</option>
            </select>
          </label>
          <label>
            Id
            <input name="id" required maxLength={256} autoComplete="off" />
          </label>
          <button type="submit">Erase</button>
        </form>
        {error ? <p role="alert">{error}</p> : null}
        {last ? (
          <p role="status">
            Erased {count(last.records, 'answer', 'answers')}, {count(last.notes, 'note', 'notes')}{' '}
            and {count(last.deliveries, 'unsent alert', 'unsent alerts')}.
          </p>
        ) : null}
        {log.length ? (
          <table>
            <caption>Erasure log</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">By</th>
                <th scope="col">Answers</th>
                <th scope="col">Notes</th>
                <th scope="col">Alerts</th>
              </tr>
            </thead>
            <tbody>
              {log.map((entry) => (
                <tr key={entry.at}>
                  <td>{new Date(entry.at).toLocaleString()}</td>
                  <td>{entry.subject}</td>
                  <td>{entry.records}</td>
                  <td>{entry.notes}</td>
                  <td>{entry.deliveries}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    )
  }
}
