import { Component, h } from 'preact'
import type { ScoreGroup } from '../../../../src/config/survey'
import type { AlertRule, WebhookView } from '../contract/alerts'
import { followUp } from './follow-up-client'
import { groupName } from './group-name'
import { dateTime, msg, t } from './i18n/translate'
import { Moment } from './moment'
import { Wide } from './wide'

interface State {
  webhooks: WebhookView[]
  /** The secret of the endpoint just added: shown this once. */
  secret: { name: string; value: string } | null
  error: string | null
}

const GROUPS: [ScoreGroup, string][] = [
  ['detractor', msg('NPS detractors (0–6)')],
  ['passive', msg('NPS passives (7–8)')],
  ['hard', msg('CES hard')],
  ['neutral', msg('CES neutral')],
]

/** An endpoint's format in words. */
const formatName = (format: string) => (format === 'email' ? t('e-mail') : format)

/** The rule in words, for the list. */
function ruleText(rule: AlertRule): string {
  const groups = rule.groups?.map(groupName)
  const parts = [
    groups?.length ? groups.join(t(' or ')) : t('every answer'),
    rule.surveyId ? t('of {survey}', { survey: rule.surveyId }) : '',
    rule.maxScore !== undefined ? t('scoring {max} or less', { max: rule.maxScore }) : '',
    rule.withComment ? t('with a comment') : '',
    rule.locale ? t('in {locale}', { locale: rule.locale }) : '',
  ]
  return parts.filter(Boolean).join(' ')
}

/** What an endpoint is told, in words: its answers, its digest, score changes. */
function toldText(w: WebhookView): string {
  return [
    w.answers ? t('answers: {rule}', { rule: ruleText(w.rule) }) : '',
    w.digest ? (w.digest === 'week' ? t('weekly digest') : t('daily digest')) : '',
    w.changes
      ? w.rule.surveyId
        ? t('score changes of {survey}', { survey: w.rule.surveyId })
        : t('score changes')
      : '',
  ]
    .filter(Boolean)
    .join(' · ')
}

/** What one outbox row was: an answer's id, a digest or change by its key, or a test. */
const deliveryText = (d: WebhookView['recent'][number]) =>
  d.recordId ?? (d.report ? reportName(d.report) : t('test'))

/** A report's key in words: `digest:week:2026-11-30` is "digest week", `change:x:…` "change x". */
function reportName(key: string) {
  const [kind, what = ''] = key.split(':')
  if (kind === 'digest') return what === 'week' ? t('weekly digest') : t('daily digest')
  return t('change {survey}', { survey: what })
}

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
          <h2 id="alerts-heading">{t('Alerts')}</h2>
          <p class="hint">
            {t(
              'Koe POSTs each matching answer to your endpoint, signed (header Koe-Signature), at least once, retried until it answers 2xx.',
            )}
          </p>
          {error ? <p role="alert">{error}</p> : null}
          {secret ? (
            <p role="status" class="secret">
              {t('Secret of “{name}”, shown only now:', { name: secret.name })}{' '}
              <code>{secret.value}</code>
            </p>
          ) : null}
          {webhooks.length === 0 ? <p class="empty">{t('No endpoints yet.')}</p> : null}
          <ul class="inbox">
            {webhooks.map((w) => (
              <li key={w.id} class="entry" data-testid="webhook">
                <p>
                  <strong>{w.name}</strong> · {w.url} · {formatName(w.format)} · {toldText(w)}
                </p>
                <p>
                  {w.pausedAt
                    ? t('Paused since {at}: it kept failing.', { at: dateTime(w.pausedAt) })
                    : w.failingSince
                      ? t('Failing since {at}.', { at: dateTime(w.failingSince) })
                      : t('Healthy.')}{' '}
                  {t('{n} waiting.', { n: w.pending })}
                </p>
                {w.recent.length ? (
                  <Wide label={t('Recent alerts')}>
                    <table>
                      <caption>{t('Recent alerts')}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('Queued')}</th>
                          <th scope="col">{t('What')}</th>
                          <th scope="col">{t('Tries')}</th>
                          <th scope="col">{t('Result')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {w.recent.map((d) => (
                          <tr key={d.id}>
                            <td>
                              <Moment at={d.createdAt} />
                            </td>
                            <td>{deliveryText(d)}</td>
                            <td>{d.attempts}</td>
                            <td>
                              {d.deliveredAt
                                ? t('delivered ({status})', { status: String(d.lastStatus) })
                                : d.lastError
                                  ? t('failed: {error}', { error: d.lastError })
                                  : t('waiting')}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </Wide>
                ) : null}
                <p class="actions">
                  <button type="button" onClick={() => this.act(() => followUp.testWebhook(w.id))}>
                    {t('Send a test')}
                  </button>
                  {w.pausedAt ? (
                    <button
                      type="button"
                      onClick={() => this.act(() => followUp.resumeWebhook(w.id))}
                    >
                      {t('Resume')}
                    </button>
                  ) : null}
                  <button
                    type="button"
                    onClick={() => this.act(() => followUp.removeWebhook(w.id))}
                  >
                    {t('Remove')}
                  </button>
                </p>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="add-heading">
          <h2 id="add-heading">{t('Add an endpoint')}</h2>
          <form
            class="stack"
            onSubmit={(e) => {
              e.preventDefault()
              void this.add(e.currentTarget as HTMLFormElement)
            }}
          >
            <label>
              {t('Name')}
              <input name="name" required maxLength={100} />
            </label>
            <label>
              {t('URL (http or https; for e-mail, mailto:address)')}
              <input name="url" type="url" required />
            </label>
            <label>
              {t('Format')}
              <select name="format">
                <option value="json">JSON</option>
                <option value="slack">{t('Slack message')}</option>
                <option value="email">{t('E-mail (the server’s SMTP)')}</option>
              </select>
            </label>
            <label>
              {t('Survey')}
              <select name="surveyId">
                <option value="">{t('Any')}</option>
                {surveys.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <fieldset>
              <legend>{t('What it is told')}</legend>
              <label>
                <input type="checkbox" name="answers" defaultChecked />{' '}
                {t('each answer that matches below, as it comes')}
              </label>
              <label>
                {t('Digest')}
                <select name="digest">
                  <option value="">{t('None')}</option>
                  <option value="day">{t('Daily, each morning, for the day before')}</option>
                  <option value="week">{t('Weekly, each Monday, for the week before')}</option>
                </select>
              </label>
              <label>
                <input type="checkbox" name="changes" />{' '}
                {t('when the score of the survey (any survey) changes significantly')}
              </label>
            </fieldset>
            <fieldset>
              <legend>{t('Which answers (none checked: every answer)')}</legend>
              {GROUPS.map(([g, text]) => (
                <label key={g}>
                  <input type="checkbox" name={`group-${g}`} /> {t(text)}
                </label>
              ))}
              <label>
                <input type="checkbox" name="withComment" /> {t('only answers with a comment')}
              </label>
            </fieldset>
            <button type="submit">{t('Add endpoint')}</button>
          </form>
        </section>
      </div>
    )
  }
}
