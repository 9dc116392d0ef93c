import { Component, h } from 'preact'
import { ALL_SCORE_GROUPS } from '../../../../src/config/score-groups'
import type { InboxItem, Theme } from '../contract/inbox'
import { type FollowUpStatus, STATUSES } from '../contract/inbox'
import { followUp, type InboxQuery } from './follow-up-client'
import { groupName } from './group-name'
import { msg, t } from './i18n/translate'
import { Moment } from './moment'

const STATUS_NAMES: Record<FollowUpStatus, string> = {
  new: msg('new'),
  contacted: msg('contacted'),
  resolved: msg('resolved'),
}
const statusName = (status: string) => t(STATUS_NAMES[status as FollowUpStatus] ?? status)

interface State {
  query: InboxQuery
  items: InboxItem[]
  themes: { negative: Theme[]; positive: Theme[] } | null
  error: string | null
}

/**
 * The follow-up inbox: answers with comments, newest first, filtered by survey, group, status and
 * theme; each can be marked contacted or resolved with a note. Above it, what the comments say.
 */
export class InboxView extends Component<{ surveys: string[] }, State> {
  override state: State = { query: { status: '' }, items: [], themes: null, error: null }

  override componentDidMount() {
    void this.load({})
  }

  /** The latest load: an earlier one that answers later must not overwrite what it shows. */
  private latest = 0

  /**
   * The query as the agent last set it. Kept here, not read from `state`, which Preact updates
   * at its next render: two choices made before it would lose the first.
   */
  private query: InboxQuery = { status: '' }

  async load(change: InboxQuery) {
    this.query = { ...this.query, ...change }
    const query = this.query
    const mine = ++this.latest
    this.setState({ query })
    try {
      const [inbox, themes] = await Promise.all([
        followUp.inbox(query),
        followUp.themes(query.surveyId),
      ])
      if (mine === this.latest) this.setState({ items: inbox.items, themes, error: null })
    } catch (error) {
      if (mine === this.latest) this.setState({ error: String(error) })
    }
  }

  render({ surveys }: { surveys: string[] }, { query, items, themes, error }: State) {
    const select = (
      label: string,
      key: keyof InboxQuery,
      options: readonly string[],
      name: (value: string) => string = (value) => value,
    ) => (
      <label>
        {label}
        <select
          value={query[key] ?? ''}
          onChange={(e) => this.load({ [key]: (e.currentTarget as HTMLSelectElement).value })}
        >
          <option value="">{t('All')}</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {name(o)}
            </option>
          ))}
        </select>
      </label>
    )
    return (
      <div>
        <section aria-labelledby="themes-heading">
          <h2 id="themes-heading">{t('What the comments say')}</h2>
          <p class="hint">
            {t(
              'Words and phrases unhappy customers use far more than happy ones (and the reverse). Choose one to list its answers.',
            )}
          </p>
          <div class="themes">
            {(['negative', 'positive'] as const).map((side) => (
              <div key={side}>
                <h3>{side === 'negative' ? t('Unhappy customers') : t('Happy customers')}</h3>
                {themes?.[side].length ? (
                  <ul class="chips">
                    {themes[side].map((t) => (
                      <li key={t.term}>
                        <button
                          type="button"
                          aria-pressed={query.theme === t.term}
                          onClick={() => this.load({ theme: query.theme === t.term ? '' : t.term })}
                        >
                          {t.term} <span>{side === 'negative' ? t.negative : t.positive}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="empty">{t('Not enough comments yet.')}</p>
                )}
              </div>
            ))}
          </div>
        </section>
        <section aria-labelledby="inbox-heading">
          <h2 id="inbox-heading">{t('Follow-up inbox')}</h2>
          {/* The text fields are the agent's until committed (change): a redraw while they type,
              when an earlier choice's answer arrives, must not put back the last query's text. */}
          <form class="filters" onSubmit={(e) => e.preventDefault()}>
            {select(t('Survey'), 'surveyId', surveys)}
            {select(t('Group'), 'group', ALL_SCORE_GROUPS, groupName)}
            {select(t('Status'), 'status', STATUSES, statusName)}
            <label>
              {t('Locale')}
              <input
                defaultValue={query.locale ?? ''}
                size={6}
                placeholder="ja"
                onChange={(e) => this.load({ locale: (e.currentTarget as HTMLInputElement).value })}
              />
            </label>
            <label>
              {t('Attribute')}
              <input
                defaultValue={query.attribute ?? ''}
                size={12}
                placeholder="plan:pro"
                onChange={(e) =>
                  this.load({ attribute: (e.currentTarget as HTMLInputElement).value })
                }
              />
            </label>
            {query.theme ? (
              <button type="button" onClick={() => this.load({ theme: '' })}>
                {t('Theme “{theme}” ×', { theme: query.theme })}
              </button>
            ) : null}
          </form>
          {error ? <p role="alert">{error}</p> : null}
          {items.length === 0 ? <p class="empty">{t('No answers with comments match.')}</p> : null}
          <ul class="inbox">
            {items.map((item) => (
              <InboxEntry key={item.id} item={item} onSaved={() => this.load({})} />
            ))}
          </ul>
        </section>
      </div>
    )
  }
}

/** One answer: score, comment, who, and its follow-up status with a note. */
function InboxEntry({ item, onSaved }: { item: InboxItem; onSaved: () => void }) {
  const attributes = item.attributes
    ? Object.entries(item.attributes)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(', ')
    : ''
  return (
    <li class="entry" data-testid="inbox-item">
      <p>
        <strong class={item.group}>
          {item.type.toUpperCase()} {item.score}
        </strong>{' '}
        {groupName(item.group)} · {item.surveyId} · <Moment at={item.createdAt} />
        {item.locale ? ` · ${item.locale}` : ''}
      </p>
      <blockquote lang={item.locale ?? undefined}>{item.comment}</blockquote>
      <p class="who">
        {item.userId ? t('User {id}', { id: item.userId }) : t('Anonymous')}
        {attributes ? ` (${attributes})` : ''}
      </p>
      <form
        class="status"
        onSubmit={async (e) => {
          e.preventDefault()
          const form = e.currentTarget as HTMLFormElement
          const status = (form.elements.namedItem('status') as HTMLSelectElement).value
          const note = (form.elements.namedItem('note') as HTMLInputElement).value
          await followUp.setStatus(item.id, status as FollowUpStatus, note)
          onSaved()
        }}
      >
        <label>
          {t('Status')}
          <select name="status" value={item.status}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusName(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('Note')}
          <input name="note" value={item.note ?? ''} maxLength={500} />
        </label>
        <button type="submit">{t('Save')}</button>
      </form>
    </li>
  )
}
