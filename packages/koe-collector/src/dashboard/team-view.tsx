import { Component, h } from 'preact'
import type { AddedUser, AuditEntry, UserView } from '../contract/accounts'
import { ROLES, type Role } from '../contract/roles'
import { accounts } from './accounts-client'
import { dateTime, msg, t } from './i18n/translate'
import { Moment } from './moment'
import { roleName } from './role-name'
import { Wide } from './wide'

interface State {
  users: UserView[]
  audit: AuditEntry[]
  /** The user just added, with the token shown this once. */
  added: AddedUser | null
  error: string
}

/** What each role may do, in the words of the README's table. */
const ROLE_TEXT: Record<Role, string> = {
  viewer: msg('results and exports without personal data'),
  responder: msg('+ the follow-up inbox'),
  editor: msg('+ surveys: edit, publish, preview links'),
  admin: msg('+ alerts, erasure, users, the audit log'),
}

const message = (error: unknown) => String((error as Error).message ?? error)

/** The admin's Team page (issue 28): users and their roles, and the audit log of every change. */
export class TeamView extends Component<object, State> {
  override state: State = { users: [], audit: [], added: null, error: '' }

  override componentDidMount() {
    void this.load()
  }

  async load() {
    try {
      const [users, audit] = await Promise.all([accounts.users(), accounts.audit()])
      this.setState({ users, audit })
    } catch (error) {
      this.setState({ error: message(error) })
    }
  }

  async add(form: HTMLFormElement) {
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value
    try {
      const added = await accounts.add(
        value('name').trim(),
        value('role') as Role,
        value('password'),
      )
      form.reset()
      this.setState({ added, error: '' })
      await this.load()
    } catch (error) {
      this.setState({ error: message(error) })
    }
  }

  async revoke(user: UserView) {
    if (
      !confirm(
        t('Revoke {name}? Their token and sign-ins stop working at once.', { name: user.name }),
      )
    )
      return
    try {
      await accounts.revoke(user.id)
      this.setState({ error: '' })
      await this.load()
    } catch (error) {
      this.setState({ error: message(error) })
    }
  }

  render(_: object, { users, audit, added, error }: State) {
    return (
      <section aria-labelledby="team-heading">
        <h2 id="team-heading">{t('Team')}</h2>
        <form
          class="stack"
          aria-label={t('Add a user')}
          onSubmit={(e) => {
            e.preventDefault()
            void this.add(e.currentTarget as HTMLFormElement)
          }}
        >
          <label>
            {t('Name')}
            <input name="name" required maxLength={64} autoComplete="off" />
          </label>
          <label>
            {t('Role')}
            <select name="role">
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {roleName(role)}: {t(ROLE_TEXT[role])}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('Password for the dashboard (optional, 12 characters or more)')}
            <input name="password" type="password" minLength={12} autoComplete="new-password" />
          </label>
          <button type="submit">{t('Add user')}</button>
        </form>
        {error ? <p role="alert">{error}</p> : null}
        {added ? (
          <div role="status" class="token-once">
            <p>
              {t('Added {name} ({role}). Their API token, shown this once: copy it now.', {
                name: added.name,
                role: roleName(added.role),
              })}
            </p>
            <output aria-label={t('API token of {name}', { name: added.name })}>
              {added.token}
            </output>
          </div>
        ) : null}
        <Wide label={t('Users')}>
          <table>
            <caption>{t('Users')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Name')}</th>
                <th scope="col">{t('Role')}</th>
                <th scope="col">{t('Signs in with')}</th>
                <th scope="col">{t('Added')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('Actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} data-user={user.name}>
                  <td>{user.name}</td>
                  <td>{roleName(user.role)}</td>
                  <td>{user.hasPassword ? t('password or token') : t('token')}</td>
                  <td>
                    <Moment at={user.createdAt} />
                  </td>
                  <td>
                    {user.revokedAt ? (
                      t('revoked {at}', { at: dateTime(user.revokedAt) })
                    ) : (
                      <button type="button" onClick={() => void this.revoke(user)}>
                        {t('Revoke')}
                        <span class="visually-hidden"> {user.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Wide>
        <Wide label={t('Audit log: every change, newest first')}>
          <table>
            <caption>{t('Audit log: every change, newest first')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('When')}</th>
                <th scope="col">{t('Who')}</th>
                <th scope="col">{t('What')}</th>
                <th scope="col">{t('On')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <Moment at={entry.at} />
                  </td>
                  <td>
                    {entry.actor} ({roleName(entry.role)})
                  </td>
                  <td>{entry.action}</td>
                  <td>{entry.target ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Wide>
      </section>
    )
  }
}
