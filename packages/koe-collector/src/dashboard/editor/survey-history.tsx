import { Component, h } from 'preact'
import type { SurveyDetail } from '../library-client'
import { Wide } from '../wide'
import type { Lang } from './describe-trigger'
import { STRINGS } from './editor-strings'
import { diffSurveys } from './survey-diff'

interface Props {
  detail: SurveyDetail
  lang: Lang
  /** Publishes an older version again; `undefined` for a role that may not publish. */
  onRollBack?: (version: number) => void
}

interface State {
  /** The two versions compared: older and newer. */
  from: number
  to: number
  /** The latest version when they were chosen: a newer save compares itself with the one before. */
  latest: number
}

const when = (iso: string, lang: Lang) =>
  new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' })
const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value))

/**
 * A survey's versions with who saved them and why, which one is live, one click to make an older
 * one live again, what changed between any two, and the log of publishes and pauses.
 */
export class SurveyHistory extends Component<Props, State> {
  /**
   * The last save and the one before it, again after each save (issue 27: the comparison kept
   * the versions of when the editor opened, so right after a save it showed an older change).
   */
  static override getDerivedStateFromProps(
    props: Props,
    state: Partial<State>,
  ): Partial<State> | null {
    const latest = props.detail.latestVersion
    return state.latest === latest ? null : { from: Math.max(1, latest - 1), to: latest, latest }
  }

  render({ detail, lang, onRollBack }: Props, { from, to }: State) {
    const t = STRINGS[lang].ui
    const versions = detail.versions
    const of = (n: number) => versions.find((v) => v.version === n)?.definition
    const changes = diffSurveys(of(from), of(to))
    const pick = (key: keyof State, label: string, value: number) => (
      <label>
        {label}
        <select
          aria-label={label}
          value={String(value)}
          onChange={(e) =>
            this.setState({ [key]: Number(e.currentTarget.value) } as Pick<State, keyof State>)
          }
        >
          {versions.map((v) => (
            <option key={v.version} value={String(v.version)}>
              {t.version} {v.version}
            </option>
          ))}
        </select>
      </label>
    )
    return (
      <section class="history" aria-label={t.history}>
        <h3>{t.history}</h3>
        <Wide label={t.version}>
          <table>
            <thead>
              <tr>
                <th>{t.version}</th>
                <th>{STRINGS[lang].fields.author?.label}</th>
                <th>{STRINGS[lang].fields.note?.label}</th>
                <th>{t.status}</th>
                <th>{t.action}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => {
                const published = v.version === detail.publishedVersion
                return (
                  <tr key={v.version}>
                    <td>
                      {v.version}{' '}
                      <small>
                        <time dateTime={v.createdAt}>{when(v.createdAt, lang)}</time>
                      </small>
                    </td>
                    <td>{v.author}</td>
                    <td>{v.note}</td>
                    <td>{published ? t[detail.status] : ''}</td>
                    <td>
                      {!onRollBack || (published && detail.status === 'live') ? null : (
                        <button type="button" onClick={() => onRollBack(v.version)}>
                          {t.rollBack} ({v.version})
                        </button>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </Wide>
        {versions.length > 1 ? (
          <div class="compare">
            <h4>{t.compare}</h4>
            <div class="filters">
              {pick('from', t.compare, from)}
              {pick('to', t.with, to)}
            </div>
            {changes.length ? (
              <Wide label={`${t.version} ${from} → ${to}`}>
                <table class="diff" data-testid="diff">
                  <tbody>
                    {changes.map((c) => (
                      <tr key={c.path}>
                        <th scope="row">{c.path}</th>
                        <td class="before">{show(c.before)}</td>
                        <td class="after">{show(c.after)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Wide>
            ) : (
              <p>{t.noChanges}</p>
            )}
          </div>
        ) : null}
        <ul class="log">
          {detail.log.map((entry, i) => (
            <li key={i}>
              <time dateTime={entry.at}>{when(entry.at, lang)}</time> · {entry.author} ·{' '}
              {entry.action}
              {entry.version ? ` (${t.version} ${entry.version})` : ''}
            </li>
          ))}
        </ul>
      </section>
    )
  }
}
