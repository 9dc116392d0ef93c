import { Component, type ComponentChildren, h } from 'preact'
import { accounts } from './accounts-client'
import { token, Unauthorized } from './api'
import { t } from './i18n/translate'

interface Props {
  /** Called once the server knows who this is. */
  onSignedIn: () => void
  /** A token typed before was not accepted (wrong, or revoked). */
  tokenRefused: boolean
  /** The dashboard's language switch: sign-in reads in the chosen language too. */
  languagePicker: ComponentChildren
}

interface State {
  error: string
}

const field = (form: HTMLFormElement, name: string) =>
  (form.elements.namedItem(name) as HTMLInputElement).value

/**
 * Sign in with a name and password (a session cookie), or with an API token (the bootstrap
 * admin's KOE_DASHBOARD_TOKEN, or a user's), kept for this tab only.
 */
export class SignIn extends Component<Props, State> {
  override state: State = { error: '' }

  async signIn(form: HTMLFormElement) {
    try {
      await accounts.signIn(field(form, 'name').trim(), field(form, 'password'))
      this.props.onSignedIn()
    } catch (error) {
      this.setState({
        error:
          error instanceof Unauthorized
            ? t('Wrong name or password.')
            : String((error as Error).message),
      })
    }
  }

  render({ tokenRefused, languagePicker }: Props, { error }: State) {
    return (
      <main class="sign-in">
        <header>
          <h1>{t('Koe dashboard')}</h1>
          {languagePicker}
        </header>
        <form
          class="stack"
          aria-labelledby="sign-in-heading"
          onSubmit={(e) => {
            e.preventDefault()
            void this.signIn(e.currentTarget as HTMLFormElement)
          }}
        >
          <h2 id="sign-in-heading">{t('Sign in')}</h2>
          <label>
            {t('Name')}
            <input name="name" required autoComplete="username" />
          </label>
          <label>
            {t('Password')}
            <input name="password" type="password" required autoComplete="current-password" />
          </label>
          <button type="submit">{t('Sign in')}</button>
          {error ? <p role="alert">{error}</p> : null}
        </form>
        <form
          class="stack"
          aria-labelledby="token-heading"
          onSubmit={(e) => {
            e.preventDefault()
            token.set(field(e.currentTarget as HTMLFormElement, 'token'))
            this.props.onSignedIn()
          }}
        >
          <h2 id="token-heading">{t('Or use an API token')}</h2>
          <label>
            {t('Dashboard token (KOE_DASHBOARD_TOKEN)')}
            <input name="token" type="password" autoComplete="off" />
          </label>
          <button type="submit">{t('Open')}</button>
          {tokenRefused ? <p role="alert">{t('That token was not accepted.')}</p> : null}
        </form>
      </main>
    )
  }
}
