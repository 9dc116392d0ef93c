import { Component, h } from 'preact'
import type { SurveySummary } from '../server/results'
import { AlertsView } from './alerts-view'
import { download, type Filters, summary, surveys, token, Unauthorized } from './api'
import { Distribution, Timeline } from './charts'
import { InboxView } from './inbox-view'
import { PrivacyView } from './privacy-view'

/** The dashboard's pages, by URL hash. */
const VIEWS = [
  ['results', 'Results'],
  ['inbox', 'Follow-up'],
  ['alerts', 'Alerts'],
  ['privacy', 'Privacy'],
] as const
type View = (typeof VIEWS)[number][0]
const viewOf = (hash: string): View => VIEWS.find(([id]) => `#${id}` === hash)?.[0] ?? 'results'

interface State {
  view: View
  surveys: string[]
  filters: Filters
  summary: SurveySummary | null
  needsToken: boolean
  error: string | null
}

const pct = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)} %`)
const fixed = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined ? '–' : value.toFixed(digits)
const npsGroup = (score: number) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor')

/** The dashboard: pick a survey, period and locale; see its score, distribution, rates and comments. */
export class App extends Component<object, State> {
  override state: State = {
    view: viewOf(location.hash),
    surveys: [],
    filters: { surveyId: '', period: 'day', locale: '', days: 0 },
    summary: null,
    needsToken: false,
    error: null,
  }

  override componentDidMount() {
    void this.load()
    addEventListener('hashchange', () => this.setState({ view: viewOf(location.hash) }))
  }

  async load(filters: Partial<Filters> = {}) {
    try {
      const list = this.state.surveys.length ? this.state.surveys : await surveys()
      const next = { ...this.state.filters, ...filters }
      if (!next.surveyId || !list.includes(next.surveyId)) next.surveyId = list[0] ?? ''
      const data = next.surveyId ? await summary(next) : null
      this.setState({ surveys: list, filters: next, summary: data, needsToken: false, error: null })
    } catch (error) {
      if (error instanceof Unauthorized) this.setState({ needsToken: true })
      else this.setState({ error: String(error) })
    }
  }

  render(_: object, { view, surveys: list, filters, summary: s, needsToken, error }: State) {
    if (needsToken) return <TokenForm onToken={() => this.load()} />
    const nav = (
      <nav aria-label="Dashboard">
        {VIEWS.map(([id, text]) => (
          <a key={id} href={`#${id}`} aria-current={view === id ? 'page' : undefined}>
            {text}
          </a>
        ))}
      </nav>
    )
    if (view !== 'results')
      return (
        <main>
          <header>
            <h1>Koe dashboard</h1>
            {nav}
          </header>
          {view === 'inbox' ? (
            <InboxView surveys={list} />
          ) : view === 'alerts' ? (
            <AlertsView surveys={list} />
          ) : (
            <PrivacyView />
          )}
        </main>
      )
    return (
      <main>
        <header>
          <h1>Koe dashboard</h1>
          {nav}
          <form class="filters" onSubmit={(e) => e.preventDefault()}>
            <Choice
              label="Survey"
              value={filters.surveyId}
              options={list.map((id) => [id, id])}
              onChoose={(surveyId) => this.load({ surveyId })}
            />
            <Choice
              label="Group by"
              value={filters.period}
              options={[
                ['day', 'Day'],
                ['week', 'Week'],
              ]}
              onChoose={(period) => this.load({ period: period as Filters['period'] })}
            />
            <Choice
              label="Range"
              value={String(filters.days)}
              options={[
                ['0', 'All time'],
                ['7', 'Last 7 days'],
                ['30', 'Last 30 days'],
                ['90', 'Last 90 days'],
              ]}
              onChoose={(days) => this.load({ days: Number(days) })}
            />
            <Choice
              label="Locale"
              value={filters.locale}
              options={[['', 'All'], ...(s?.locales ?? []).map((l): [string, string] => [l, l])]}
              onChoose={(locale) => this.load({ locale })}
            />
            <button type="button" onClick={() => download('csv', filters)} disabled={!s}>
              Export CSV
            </button>
            <button type="button" onClick={() => download('ndjson', filters)} disabled={!s}>
              Export NDJSON
            </button>
          </form>
        </header>
        {error ? <p role="alert">{error}</p> : null}
        {!s ? (
          <p>No answers yet. Answer a survey in the demo shop, then reload.</p>
        ) : (
          <SurveyView s={s} />
        )}
      </main>
    )
  }
}

/** A labelled filter: options as [value, text] pairs. */
function Choice(props: {
  label: string
  value: string
  options: [string, string][]
  onChoose: (value: string) => void
}) {
  return (
    <label>
      {props.label}
      <select
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

function SurveyView({ s }: { s: SurveySummary }) {
  const isNps = s.type !== 'ces'
  const scale = s.distribution.length
  return (
    <div>
      <section class="cards" aria-label="Key figures">
        {isNps ? (
          <figure class="card" data-testid="nps">
            <figcaption>NPS</figcaption>
            <strong>{fixed(s.nps?.score)}</strong>
            <span>
              95 %: {fixed(s.nps?.interval?.[0])} … {fixed(s.nps?.interval?.[1])} · n = {s.nps?.n}
            </span>
          </figure>
        ) : (
          <figure class="card" data-testid="ces">
            <figcaption>CES mean (1–{scale})</figcaption>
            <strong>{fixed(s.ces?.mean, 2)}</strong>
            <span>
              easy {pct(s.ces?.easyShare ?? null)} · 95 %: {fixed(s.ces?.interval?.[0], 2)} …{' '}
              {fixed(s.ces?.interval?.[1], 2)} · n = {s.ces?.n}
            </span>
          </figure>
        )}
        <figure class="card">
          <figcaption>Response rate</figcaption>
          <strong>{pct(s.responseRate)}</strong>
          <span>
            {s.responses} answers / {s.displays} displays
          </span>
        </figure>
        <figure class="card">
          <figcaption>Dismiss rate</figcaption>
          <strong>{pct(s.dismissRate)}</strong>
          <span>{s.dismissals} dismissed</span>
        </figure>
      </section>
      <section>
        <h2>{isNps ? 'NPS' : 'CES mean'} over time, with its 95 % interval</h2>
        <Timeline
          points={s.timeline}
          min={isNps ? -100 : 1}
          max={isNps ? 100 : scale}
          label="Score over time"
        />
      </section>
      <section>
        <h2>Distribution{isNps ? ': detractors 0–6, passives 7–8, promoters 9–10' : ''}</h2>
        <Distribution
          counts={s.distribution}
          first={isNps ? 0 : 1}
          groupOf={
            isNps ? npsGroup : (score) => (score >= (scale === 5 ? 4 : 5) ? 'promoter' : 'neutral')
          }
          label="Answers per score"
        />
      </section>
      <section>
        <h2>Latest comments</h2>
        {s.comments.length === 0 ? (
          <p>No comments yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Score</th>
                <th scope="col">Comment</th>
                <th scope="col">Locale</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {s.comments.map((c) => (
                <tr key={c.id}>
                  <td class={isNps ? npsGroup(c.score) : ''}>{c.score}</td>
                  <td>{c.comment}</td>
                  <td>{c.locale ?? ''}</td>
                  <td>{new Date(c.createdAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}

function TokenForm({ onToken }: { onToken: () => void }) {
  return (
    <main>
      <h1>Koe dashboard</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          token.set(
            ((e.currentTarget as HTMLFormElement).elements.namedItem('token') as HTMLInputElement)
              .value,
          )
          onToken()
        }}
      >
        <label>
          Dashboard token (KOE_DASHBOARD_TOKEN)
          <input name="token" type="password" autoComplete="off" />
        </label>
        <button type="submit">Open</button>
      </form>
    </main>
  )
}
