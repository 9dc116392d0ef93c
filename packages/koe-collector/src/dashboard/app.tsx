import { Component, h } from 'preact'
import { AlertsView } from './alerts-view'
import { surveys, token, Unauthorized } from './api'
import { InboxView } from './inbox-view'
import { PrivacyView } from './privacy-view'
import { ResultsView } from './results-view'
import { SurveysView } from './surveys-view'

/** The dashboard's pages, by URL hash. */
const VIEWS = [
  ['results', 'Results'],
  ['surveys', 'Surveys'],
  ['inbox', 'Follow-up'],
  ['alerts', 'Alerts'],
  ['privacy', 'Privacy'],
] as const
type View = (typeof VIEWS)[number][0]
/** The page of an address: `#surveys/edit/x` is the Surveys page. */
const viewOf = (hash: string): View =>
  VIEWS.find(([id]) => hash === `#${id}` || hash.startsWith(`#${id}/`))?.[0] ?? 'results'

interface State {
  view: View
  /** The whole address after `#`, for pages with pages of their own. */
  route: string
  surveys: string[] | null
  needsToken: boolean
  error: string | null
}

/** The dashboard: results, follow-up, alerts and privacy, one page each, behind the token. */
export class App extends Component<object, State> {
  override state: State = {
    view: viewOf(location.hash),
    route: location.hash,
    surveys: null,
    needsToken: false,
    error: null,
  }

  override componentDidMount() {
    void this.load()
    addEventListener('hashchange', () =>
      this.setState({ view: viewOf(location.hash), route: location.hash }),
    )
  }

  async load() {
    try {
      this.setState({ surveys: await surveys(), needsToken: false, error: null })
    } catch (error) {
      this.failed(error)
    }
  }

  failed(error: unknown) {
    if (error instanceof Unauthorized) this.setState({ needsToken: true })
    else this.setState({ error: String(error) })
  }

  render(_: object, { view, route, surveys: list, needsToken, error }: State) {
    if (needsToken) return <TokenForm onToken={() => this.load()} />
    return (
      <main>
        <header>
          <h1>Koe dashboard</h1>
          <nav aria-label="Dashboard">
            {VIEWS.map(([id, text]) => (
              <a key={id} href={`#${id}`} aria-current={view === id ? 'page' : undefined}>
                {text}
              </a>
            ))}
          </nav>
        </header>
        {error ? <p role="alert">{error}</p> : null}
        {list === null ? null : view === 'surveys' ? (
          <SurveysView route={route.slice('#surveys'.length)} />
        ) : view === 'inbox' ? (
          <InboxView surveys={list} />
        ) : view === 'alerts' ? (
          <AlertsView surveys={list} />
        ) : view === 'privacy' ? (
          <PrivacyView />
        ) : (
          <ResultsView surveys={list} onError={(e) => this.failed(e)} />
        )}
      </main>
    )
  }
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
