import { Component, h } from 'preact'
import { atLeast, type Me, type Role } from '../contract/roles'
import { accounts } from './accounts-client'
import { AlertsView } from './alerts-view'
import { surveys, token, Unauthorized } from './api'
import { InboxView } from './inbox-view'
import { JourneyView } from './journey-view'
import { LoyaltyView } from './loyalty-view'
import { PrivacyView } from './privacy-view'
import { ResultsView } from './results-view'
import { SignIn } from './sign-in'
import { SurveysView } from './surveys-view'
import { TeamView } from './team-view'

/** The dashboard's pages, by URL hash, with the least role that may open each (route-roles.ts). */
const VIEWS = [
  ['results', 'Results', 'viewer'],
  ['journey', 'Journey', 'viewer'],
  ['loyalty', 'Loyalty', 'viewer'],
  ['surveys', 'Surveys', 'viewer'],
  ['inbox', 'Follow-up', 'responder'],
  ['alerts', 'Alerts', 'admin'],
  ['privacy', 'Privacy', 'admin'],
  ['team', 'Team', 'admin'],
] as const satisfies readonly (readonly [string, string, Role])[]
type View = (typeof VIEWS)[number][0]
/** The page of an address: `#surveys/edit/x` is the Surveys page. */
const viewOf = (hash: string): View =>
  VIEWS.find(([id]) => hash === `#${id}` || hash.startsWith(`#${id}/`))?.[0] ?? 'results'

interface State {
  view: View
  /** The whole address after `#`, for pages with pages of their own. */
  route: string
  me: Me | null
  surveys: string[] | null
  signIn: boolean
  error: string | null
}

/**
 * The dashboard: results, journey, loyalty, surveys, follow-up, alerts, privacy and team, one page each, for the
 * signed-in user's role. The server checks every call; the pages a role cannot use are not shown.
 */
export class App extends Component<object, State> {
  override state: State = {
    view: viewOf(location.hash),
    route: location.hash,
    me: null,
    surveys: null,
    signIn: false,
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
      const me = await accounts.me()
      this.setState({ me, surveys: await surveys(), signIn: false, error: null })
    } catch (error) {
      this.failed(error)
    }
  }

  failed(error: unknown) {
    if (error instanceof Unauthorized) this.setState({ signIn: true, me: null })
    else this.setState({ error: String(error) })
  }

  async signOut() {
    await accounts.signOut().catch(() => {})
    this.setState({ signIn: true, me: null, surveys: null })
  }

  render(_: object, { view, route, me, surveys: list, signIn, error }: State) {
    if (signIn)
      return <SignIn onSignedIn={() => void this.load()} tokenRefused={token.get() !== ''} />
    const needed = VIEWS.find(([id]) => id === view)?.[2] ?? 'viewer'
    const allowed = me !== null && atLeast(me.role, needed)
    return (
      <main>
        <header>
          <h1>Koe dashboard</h1>
          <nav aria-label="Dashboard">
            {VIEWS.filter(([, , role]) => me && atLeast(me.role, role)).map(([id, text]) => (
              <a key={id} href={`#${id}`} aria-current={view === id ? 'page' : undefined}>
                {text}
              </a>
            ))}
          </nav>
          {me && !me.local ? (
            <p class="who">
              Signed in as <strong>{me.name}</strong> ({me.role}){' '}
              <button type="button" onClick={() => void this.signOut()}>
                Sign out
              </button>
            </p>
          ) : null}
        </header>
        {error ? <p role="alert">{error}</p> : null}
        {list === null || me === null ? null : !allowed ? (
          <p role="alert">
            This page needs the {needed} role; you are {me.role}. Ask an admin of your team.
          </p>
        ) : view === 'surveys' ? (
          <SurveysView route={route.slice('#surveys'.length)} me={me} />
        ) : view === 'journey' ? (
          <JourneyView />
        ) : view === 'loyalty' ? (
          <LoyaltyView surveys={list} canListPeople={atLeast(me.role, 'responder')} />
        ) : view === 'inbox' ? (
          <InboxView surveys={list} />
        ) : view === 'alerts' ? (
          <AlertsView surveys={list} />
        ) : view === 'privacy' ? (
          <PrivacyView />
        ) : view === 'team' ? (
          <TeamView />
        ) : (
          <ResultsView
            surveys={list}
            canAnnotate={atLeast(me.role, 'editor')}
            onError={(e) => this.failed(e)}
          />
        )}
      </main>
    )
  }
}
