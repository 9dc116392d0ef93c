import { Component, h } from 'preact'
import type { AddedUser, AuditEntry, UserView } from '../contract/accounts'
import { ROLES, type Role } from '../contract/roles'
import { accounts } from './accounts-client'

interface State {
  users: UserView[]
  audit: AuditEntry[]
  /** The user just added, with the token shown this once. */
  added: AddedUser | null
  error: string
}

/** What each role may do, in the words of the README's table. */
const ROLE_TEXT: Record<Role, string> = {
  viewer: 'results and exports without personal data',
  responder: '+ the follow-up inbox',
  editor: '+ surveys: edit, publish, preview links',
  admin: '+ alerts, erasure, users, the audit log',
}

const when = (at: string) => new Date(at).toLocaleString()
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
    if (!confirm(`Revoke ${user.name}? Their token and sign-ins stop working at once.`)) return
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
        <h2 id="team-heading">Team</h2>
        <form
          class="stack"
          aria-label="Add a user"
          onSubmit={(e) => {
            e.preventDefault()
            void this.add(e.currentTarget as HTMLFormElement)
          }}
        >
          <label>
            Name
            <input name="name" required maxLength={64} autoComplete="off" />
          </label>
          <label>
            Role
            <select name="role">
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {role}: {ROLE_TEXT[role]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Password for the dashboard (optional, 12 characters or more)
            <input name="password" type="password" minLength={12} autoComplete="new-password" />
          </label>
          <button type="submit">Add user</button>
        </form>
        {error ? <p role="alert">{error}</p> : null}
        {added ? (
          <div role="status" class="token-once">
            <p>
              Added {added.name} ({added.role}). Their API token, shown this once: copy it now.
            </p>
            <output aria-label={`API token of ${added.name}`}>{added.token}</output>
          </div>
        ) : null}
        <table>
          <caption>Users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Signs in with</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} data-user={user.name}>
                <td>{user.name}</td>
                <td>{user.role}</td>
                <td>{user.hasPassword ? 'password or token' : 'token'}</td>
                <td>{when(user.createdAt)}</td>
                <td>
                  {user.revokedAt ? (
                    `revoked ${when(user.revokedAt)}`
                  ) : (
                    <button type="button" onClick={() => void this.revoke(user)}>
                      Revoke<span class="visually-hidden"> {user.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>Audit log: every change, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">On</th>
            </tr>
          </thead>
          <tbody>
            {audit.map((entry) => (
              <tr key={entry.id}>
                <td>{when(entry.at)}</td>
                <td>
                  {entry.actor} ({entry.role})
                </td>
                <td>{entry.action}</td>
                <td>{entry.target ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    )
  }
}
