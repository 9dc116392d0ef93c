import { Component, h } from 'preact'
import type { ScoreGroup } from '../../../../src/config/survey'
import type { AlertRule, WebhookView } from '../contract/alerts'
import { followUp } from './follow-up-client'

interface State {
  webhooks: WebhookView[]
  /** The secret of the endpoint just added: shown this once. */
  secret: { name: string; value: string } | null
  error: string | null
}

const GROUPS: [ScoreGroup, string][] = [
  ['detractor', 'NPS detractors (0–6)'],
  ['passive', 'NPS passives (7–8)'],
  ['hard', 'CES hard'],
  ['neutral', 'CES neutral'],
]

/** The rule in words, for the list. */
function ruleText(rule: AlertRule): string {
  const parts = [
    rule.groups?.length ? rule.groups.join(' or ') : 'every answer',
    rule.surveyId ? `of ${rule.surveyId}` : '',
    rule.maxScore !== undefined ? `scoring ${rule.maxScore} or less` : '',
    rule.withComment ? 'with a comment' : '',
    rule.locale ? `in ${rule.locale}` : '',
  ]
  return parts.filter(Boolean).join(' ')
}

/** What an endpoint is told, in words: its answers, its digest, score changes. */
function toldText(w: WebhookView): string {
  return [
    w.answers ? `answers: ${ruleText(w.rule)}` : '',
    w.digest ? `${w.digest === 'week' ? 'weekly' : 'daily'} digest` : '',
    w.changes ? `score changes${w.rule.surveyId ? ` of ${w.rule.surveyId}` : ''}` : '',
  ]
    .filter(Boolean)
    .join(' · ')
}

/** What one outbox row was: an answer's id, a digest or change by its key, or a test. */
const deliveryText = (d: WebhookView['recent'][number]) =>
  d.recordId ?? (d.report ? d.report.split(':').slice(0, 2).join(' ') : 'test')

/** Alert endpoints: add one (its secret shown once), see deliveries and failures, test, resume, remove. */
export class AlertsView extends Component<{ surveys: string[] }, State> {
  override state: State = { webhooks: [], secret: null, error: null }

  override componentDidMount() {
    void this.load()
  }

  async load() {
    try {
      this.setState({ webhooks: (await followUp.webhooks()).webhooks, error: null })
    } catch (error) {
      this.setState({ error: String(error) })
    }
  }

  async act(run: () => Promise<unknown>) {
    try {
      await run()
      await this.load()
    } catch (error) {
      this.setState({ error: String(error) })
    }
  }

  async add(form: HTMLFormElement) {
    const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement
    const groups = GROUPS.map(([g]) => g).filter((g) => field(`group-${g}`).checked)
    const rule: AlertRule = {
      ...(groups.length ? { groups } : {}),
      ...(field('withComment').checked ? { withComment: true } : {}),
      ...(field('surveyId').value ? { surveyId: field('surveyId').value } : {}),
    }
    try {
      const created = await followUp.addWebhook({
        name: field('name').value,
        url: field('url').value,
        format: field('format').value,
        rule,
        answers: field('answers').checked,
        digest: field('digest').value || null,
        changes: field('changes').checked,
      })
      form.reset()
      this.setState({ secret: { name: created.webhook.name, value: created.secret } })
      await this.load()
    } catch (error) {
      this.setState({ error: String(error) })
    }
  }

  render({ surveys }: { surveys: string[] }, { webhooks, secret, error }: State) {
    return (
      <div>
        <section aria-labelledby="alerts-heading">
          <h2 id="alerts-heading">Alerts</h2>
          <p class="hint">
            Koe POSTs each matching answer to your endpoint, signed (header Koe-Signature), at least
            once, retried until it answers 2xx.
          </p>
          {error ? <p role="alert">{error}</p> : null}
          {secret ? (
            <p role="status" class="secret">
              Secret of “{secret.name}”, shown only now: <code>{secret.value}</code>
            </p>
          ) : null}
          {webhooks.length === 0 ? <p>No endpoints yet.</p> : null}
          <ul class="inbox">
            {webhooks.map((w) => (
              <li key={w.id} class="entry" data-testid="webhook">
                <p>
                  <strong>{w.name}</strong> · {w.url} · {w.format} · {toldText(w)}
                </p>
                <p>
                  {w.pausedAt
                    ? `Paused since ${new Date(w.pausedAt).toLocaleString()}: it kept failing.`
                    : w.failingSince
                      ? `Failing since ${new Date(w.failingSince).toLocaleString()}.`
                      : 'Healthy.'}{' '}
                  {w.pending} waiting.
                </p>
                {w.recent.length ? (
                  <table>
                    <caption>Recent alerts</caption>
                    <thead>
                      <tr>
                        <th scope="col">Queued</th>
                        <th scope="col">What</th>
                        <th scope="col">Tries</th>
                        <th scope="col">Result</th>
                      </tr>
                    </thead>
                    <tbody>
                      {w.recent.map((d) => (
                        <tr key={d.id}>
                          <td>{new Date(d.createdAt).toLocaleString()}</td>
                          <td>{deliveryText(d)}</td>
                          <td>{d.attempts}</td>
                          <td>
                            {d.deliveredAt
                              ? `delivered (${d.lastStatus})`
                              : d.lastError
                                ? `failed: ${d.lastError}`
                                : 'waiting'}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
                <p class="actions">
                  <button type="button" onClick={() => this.act(() => followUp.testWebhook(w.id))}>
                    Send a test
                  </button>
                  {w.pausedAt ? (
                    <button
                      type="button"
                      onClick={() => this.act(() => followUp.resumeWebhook(w.id))}
                    >
                      Resume
                    </button>
                  ) : null}
                  <button
                    type="button"
                    onClick={() => this.act(() => followUp.removeWebhook(w.id))}
                  >
                    Remove
                  </button>
                </p>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="add-heading">
          <h2 id="add-heading">Add an endpoint</h2>
          <form
            class="stack"
            onSubmit={(e) => {
              e.preventDefault()
              void this.add(e.currentTarget as HTMLFormElement)
            }}
          >
            <label>
              Name
              <input name="name" required maxLength={100} />
            </label>
            <label>
              URL (http or https; for e-mail, mailto:address)
              <input name="url" type="url" required />
            </label>
            <label>
              Format
              <select name="format">
                <option value="json">JSON</option>
                <option value="slack">Slack message</option>
                <option value="email">E-mail (the server's SMTP)</option>
              </select>
            </label>
            <label>
              Survey
              <select name="surveyId">
                <option value="">Any</option>
                {surveys.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <fieldset>
              <legend>What it is told</legend>
              <label>
                <input type="checkbox" name="answers" defaultChecked /> each answer that matches
                below, as it comes
              </label>
              <label>
                Digest
                <select name="digest">
                  <option value="">None</option>
                  <option value="day">Daily, each morning, for the day before</option>
                  <option value="week">Weekly, each Monday, for the week before</option>
                </select>
              </label>
              <label>
                <input type="checkbox" name="changes" /> when the score of the survey (any survey)
                changes significantly
              </label>
            </fieldset>
            <fieldset>
              <legend>Which answers (none checked: every answer)</legend>
              {GROUPS.map(([g, text]) => (
                <label key={g}>
                  <input type="checkbox" name={`group-${g}`} /> {text}
                </label>
              ))}
              <label>
                <input type="checkbox" name="withComment" /> only answers with a comment
              </label>
            </fieldset>
            <button type="submit">Add endpoint</button>
          </form>
        </section>
      </div>
    )
  }
}
