import { Component, h } from 'preact'
import type { JourneyResult, JourneySurvey } from '../contract/journey'
import { count } from '../contract/plural'
import { Choice, RANGES } from './choice'
import { fixed, intervalText } from './interval-text'
import { journey } from './journey-client'
import { touchpointName } from './touchpoint-name'

interface State {
  days: number
  result: JourneyResult | null
  error: string | null
}

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
        <h2 id="journey-heading">Journey</h2>
        <p class="hint">
          Every survey beside the others, by the touchpoint it asks at, and one relationship NPS in
          which each customer counts once, by their latest answer.
        </p>
        <form class="filters" onSubmit={(e) => e.preventDefault()}>
          <Choice
            label="Range"
            value={String(days)}
            options={RANGES}
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
          Relationship NPS: <strong>{fixed(relationship.score, 0)}</strong> (
          {intervalText(relationship.interval, relationship.n, 0)}),{' '}
          {count(relationship.n, 'customer', 'customers')} by their latest of{' '}
          {count(relationship.answers, 'answer', 'answers')}
        </p>
        {touchpoints.length === 0 ? (
          <p role="status">No surveys yet: publish one in Surveys.</p>
        ) : (
          touchpoints.map(({ touchpoint, surveys }) => (
            <table key={touchpoint} data-testid={`touchpoint-${touchpoint || 'other'}`}>
              <caption>
                {touchpointName(touchpoint)}
                {touchpoint ? <code class="code-name">{touchpoint}</code> : null}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Survey</th>
                  <th scope="col">Score</th>
                  <th scope="col">Interval</th>
                  <th scope="col">Answers</th>
                  <th scope="col">Response rate</th>
                  <th scope="col">Since the period before</th>
                </tr>
              </thead>
              <tbody>{surveys.map((survey) => this.row(survey))}</tbody>
            </table>
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
          {survey.status && survey.status !== 'live' ? ` (${survey.status})` : ''}
          {survey.question ? <span class="question">{survey.question}</span> : null}
        </th>
        <td>
          {survey.type === null
            ? '–'
            : `${survey.type.toUpperCase()} ${fixed(survey.value, digits)}`}
        </td>
        <td>{intervalText(survey.interval, survey.n, digits)}</td>
        <td>{survey.responses.toLocaleString('en')}</td>
        <td>{percent(survey.responseRate)}</td>
        <td>{survey.trend ? survey.trend.verdict : 'choose a range to compare'}</td>
      </tr>
    )
  }
}
