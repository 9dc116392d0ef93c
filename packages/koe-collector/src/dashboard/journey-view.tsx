import { Component, h } from 'preact'
import type { JourneyResult, JourneySurvey } from '../contract/journey'
import { Choice, ranges } from './choice'
import { STRINGS } from './editor/editor-strings'
import { pageLang, t, tn, verdictText } from './i18n/translate'
import { fixed, intervalText } from './interval-text'
import { journey } from './journey-client'
import { touchpointName } from './touchpoint-name'
import { Wide } from './wide'

interface State {
  days: number
  result: JourneyResult | null
  error: string | null
}

const statusName = (status: NonNullable<JourneySurvey['status']>) =>
  STRINGS[pageLang()].ui[status].toLowerCase()

const percent = (share: number | null) => (share === null ? '–' : `${(100 * share).toFixed(0)} %`)

/**
 * The customer journey (issue 31): every survey side by side, grouped by the touchpoint it asks at,
 * with its score, interval, answers, response rate and change since the period before; and the
 * relationship NPS, each person once across every NPS survey.
 */
export class JourneyView extends Component<object, State> {
  override state: State = { days: 90, result: null, error: null }

  override componentDidMount() {
    void this.load(this.state.days)
  }

  async load(days: number) {
    this.setState({ days })
    try {
      this.setState({ result: await journey(days), error: null })
    } catch (error) {
      this.setState({ result: null, error: String(error instanceof Error ? error.message : error) })
    }
  }

  render(_: object, { days, result, error }: State) {
    return (
      <section aria-labelledby="journey-heading">
        <h2 id="journey-heading">{t('Journey')}</h2>
        <p class="hint">
          {t(
            'Every survey beside the others, by the touchpoint it asks at, and one relationship NPS in which each customer counts once, by their latest answer.',
          )}
        </p>
        <form class="filters" onSubmit={(e) => e.preventDefault()}>
          <Choice
            label={t('Range')}
            value={String(days)}
            options={ranges()}
            onChoose={(value) => void this.load(Number(value))}
          />
        </form>
        {error ? <p role="alert">{error}</p> : null}
        {result ? this.report(result) : null}
      </section>
    )
  }

  report({ relationship, touchpoints }: JourneyResult) {
    return (
      <div class="stack">
        <p role="status" data-testid="relationship-nps">
          {t('Relationship NPS')}: <strong>{fixed(relationship.score, 0)}</strong> (
          {intervalText(relationship.interval, relationship.n, 0)}),{' '}
          {t('{customers} by their latest of {answers}', {
            customers: tn(relationship.n, '{n} customer', '{n} customers'),
            answers: tn(relationship.answers, '{n} answer', '{n} answers'),
          })}
        </p>
        {touchpoints.length === 0 ? (
          <p role="status" class="empty">
            {t('No surveys yet: publish one in Surveys.')}
          </p>
        ) : (
          touchpoints.map(({ touchpoint, surveys }) => (
            <Wide key={touchpoint} label={touchpointName(touchpoint)}>
              <table data-testid={`touchpoint-${touchpoint || 'other'}`}>
                <caption>
                  {touchpointName(touchpoint)}
                  {touchpoint ? <code class="code-name">{touchpoint}</code> : null}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('Survey')}</th>
                    <th scope="col">{t('Score')}</th>
                    <th scope="col">{t('Interval')}</th>
                    <th scope="col">{t('Answers')}</th>
                    <th scope="col">{t('Response rate')}</th>
                    <th scope="col">{t('Since the period before')}</th>
                  </tr>
                </thead>
                <tbody>{surveys.map((survey) => this.row(survey))}</tbody>
              </table>
            </Wide>
          ))
        )}
      </div>
    )
  }

  row(survey: JourneySurvey) {
    const digits = survey.type === 'ces' ? 2 : 0
    return (
      <tr key={survey.surveyId}>
        <th scope="row">
          {survey.surveyId}
          {survey.status && survey.status !== 'live' ? ` (${statusName(survey.status)})` : ''}
          {survey.question ? <span class="question">{survey.question}</span> : null}
        </th>
        <td>
          {survey.type === null
            ? '–'
            : `${survey.type.toUpperCase()} ${fixed(survey.value, digits)}`}
        </td>
        <td>{intervalText(survey.interval, survey.n, digits)}</td>
        <td>{survey.responses.toLocaleString(pageLang())}</td>
        <td>{percent(survey.responseRate)}</td>
        <td>{survey.trend ? verdictText(survey.trend.verdict) : t('choose a range to compare')}</td>
      </tr>
    )
  }
}
