import { Component, h } from 'preact'
import { atLeast, type Me, type Role } from '../contract/roles'
import { accounts } from './accounts-client'
import { AlertsView } from './alerts-view'
import { surveys, token, Unauthorized } from './api'
import { initialLang, type Lang, storeLang } from './i18n/lang'
import { msg, setLang, t } from './i18n/translate'
import { InboxView } from './inbox-view'
import { JourneyView } from './journey-view'
import { LoyaltyView } from './loyalty-view'
import { PrivacyView } from './privacy-view'
import { ResultsView } from './results-view'
import { roleName } from './role-name'
import { SignIn } from './sign-in'
import { SurveysView } from './surveys-view'
import { TeamView } from './team-view'

/** The dashboard's pages, by URL hash, with the least role that may open each (route-roles.ts). */
const VIEWS = [
  ['results', msg('Results'), 'viewer'],
  ['journey', msg('Journey'), 'viewer'],
  ['loyalty', msg('Loyalty'), 'viewer'],
  ['surveys', msg('Surveys'), 'viewer'],
  ['inbox', msg('Follow-up'), 'responder'],
  ['alerts', msg('Alerts'), 'admin'],
  ['privacy', msg('Privacy'), 'admin'],
  ['team', msg('Team'), 'admin'],
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
  /** The language of every page (issue 33): the browser's, until the header's switch says. */
  lang: Lang
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
    lang: initialLang(),
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

  chooseLang(lang: Lang) {
    storeLang(lang)
    this.setState({ lang })
  }

  render(_: object, { view, route, me, surveys: list, signIn, error, lang }: State) {
    // Every page below reads the language while this renders (i18n/translate.ts).
    setLang(lang)
    const languagePicker = <LanguagePicker lang={lang} onChoose={(next) => this.chooseLang(next)} />
    if (signIn)
      return (
        <SignIn
          onSignedIn={() => void this.load()}
          tokenRefused={token.get() !== ''}
          languagePicker={languagePicker}
        />
      )
    const needed = VIEWS.find(([id]) => id === view)?.[2] ?? 'viewer'
    const allowed = me !== null && atLeast(me.role, needed)
    return (
      <main>
        <header>
          <h1>{t('Koe dashboard')}</h1>
          <nav aria-label={t('Dashboard')}>
            {VIEWS.filter(([, , role]) => me && atLeast(me.role, role)).map(([id, text]) => (
              <a key={id} href={`#${id}`} aria-current={view === id ? 'page' : undefined}>
                {t(text)}
              </a>
            ))}
          </nav>
          <div class="who">
            {me && !me.local ? (
              <p>
                {t('Signed in as')} <strong>{me.name}</strong> ({roleName(me.role)}){' '}
                <button type="button" onClick={() => void this.signOut()}>
                  {t('Sign out')}
                </button>
              </p>
            ) : null}
            {languagePicker}
          </div>
        </header>
        {error ? <p role="alert">{error}</p> : null}
        {list === null || me === null ? (
          error ? null : (
            <p class="loading" role="status">
              {t('Loading…')}
            </p>
          )
        ) : !allowed ? (
          <p role="alert">
            {t('This page needs the {needed} role; you are {role}. Ask an admin of your team.', {
              needed: roleName(needed),
              role: roleName(me.role),
            })}
          </p>
        ) : view === 'surveys' ? (
          <SurveysView route={route.slice('#surveys'.length)} me={me} lang={lang} />
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

/**
 * The language of the whole dashboard, the editor's too. Named in both languages, so that who
 * cannot read the one shown still finds it.
 */
function LanguagePicker({ lang, onChoose }: { lang: Lang; onChoose: (lang: Lang) => void }) {
  return (
    <label class="language-switch">
      {t('Language · 言語')}
      <select
        value={lang}
        onChange={(e) => onChoose((e.currentTarget as HTMLSelectElement).value as Lang)}
      >
        <option value="en" lang="en">
          English
        </option>
        <option value="ja" lang="ja">
          日本語
        </option>
      </select>
    </label>
  )
}
