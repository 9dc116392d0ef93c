import { Component, h } from 'preact'
import type {
  LoyaltyGroup,
  LoyaltyPerson,
  LoyaltyQuery,
  LoyaltyResult,
  LoyaltyType,
} from '../contract/loyalty'
import { ShareByDay, Sized } from './charts'
import { msg, pageLang, t, verdictText } from './i18n/translate'
import { MIN_INTERVAL_N } from './interval-text'
import { loyalty, loyaltyPeople } from './loyalty-client'
import { Moment } from './moment'
import { Wide } from './wide'

/** What the page asks: the contract's query, always saying which answers. */
type PageQuery = LoyaltyQuery & { type: LoyaltyType }

/** Each type's groups, best first: the name with its scores, and the name alone. */
const GROUPS_OF: Record<LoyaltyType, [LoyaltyGroup, string, string][]> = {
  nps: [
    ['promoter', msg('Promoters (9–10)'), msg('Promoters')],
    ['passive', msg('Passives (7–8)'), msg('Passives')],
    ['detractor', msg('Detractors (0–6)'), msg('detractors')],
  ],
  ces: [
    ['easy', msg('Easy (CES above the middle)'), msg('Easy')],
    ['neutral', msg('Neutral (the middle)'), msg('Neutral')],
    ['hard', msg('Hard (below the middle)'), msg('hard')],
  ],
}

/** Each type's groups in the page's language: [group, name with scores, short name]. */
const groupsOf = (type: LoyaltyType) =>
  GROUPS_OF[type].map(([g, name, short]): [LoyaltyGroup, string, string] => [g, t(name), t(short)])

interface Props {
  surveys: string[]
  /** Whether the user may see who is in a cell of the matrix (a responder or more). */
  canListPeople: boolean
}

/** One cell of the matrix, and the people in it once loaded. */
interface Cell {
  group: LoyaltyGroup
  converted: boolean
  people: LoyaltyPerson[] | null
}

interface State {
  query: PageQuery
  result: LoyaltyResult<LoyaltyGroup> | null
  cell: Cell | null
  error: string | null
}

const percent = (share: number | null) => (share === null ? '–' : `${(100 * share).toFixed(1)} %`)

/**
 * An amount in minor units of `currency` as money (5400 EUR → €54.00), or a plain count when the
 * outcomes have no currency.
 */
function amount(value: number | null, currency: string | undefined): string {
  if (value === null) return '–'
  if (!currency) return value.toFixed(1)
  const format = new Intl.NumberFormat(pageLang(), { style: 'currency', currency })
  return format.format(value / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2))
}

/**
 * The loyalty loop (issue 30): per NPS group, who had an outcome (bought again, cancelled, …)
 * after answering, what it was worth, whether promoters really differ from detractors, and the
 * matrix whose detractors-who-still-buy are the "spuriously loyal" to call first.
 */
export class LoyaltyView extends Component<Props, State> {
  override state: State = {
    query: { type: 'nps', outcome: 'purchase', days: 90 },
    result: null,
    cell: null,
    error: null,
  }

  override componentDidMount() {
    void this.load(this.state.query)
  }

  async load(query: PageQuery) {
    this.setState({ query, cell: null })
    try {
      this.setState({ result: await loyalty(query), error: null })
    } catch (error) {
      this.setState({ result: null, error: String(error instanceof Error ? error.message : error) })
    }
  }

  async open(group: LoyaltyGroup, converted: boolean) {
    this.setState({ cell: { group, converted, people: null } })
    try {
      const { people } = await loyaltyPeople(this.state.query, group, converted)
      this.setState({ cell: { group, converted, people }, error: null })
    } catch (error) {
      this.setState({ cell: null, error: String(error instanceof Error ? error.message : error) })
    }
  }

  render({ surveys }: Props, { query, result, error }: State) {
    const currency =
      query.currency ?? (result?.currencies.length === 1 ? result.currencies[0] : undefined)
    const set = (change: Partial<PageQuery>) => void this.load({ ...query, ...change })
    return (
      <section aria-labelledby="loyalty-heading">
        <h2 id="loyalty-heading">{t('Do promoters come back?')}</h2>
        <p class="hint">
          {t(
            'Each person’s latest NPS answer, and what they did in the days after it: outcomes your pages record (koe.outcome) or your shop’s backend sends (POST /api/outcomes). Only outcomes after the answer and within the window count.',
          )}
        </p>
        <form class="filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('Answers')}
            <select
              value={query.type}
              onChange={(e) => set({ type: (e.target as HTMLSelectElement).value as LoyaltyType })}
            >
              <option value="nps">{t('NPS groups')}</option>
              <option value="ces">{t('CES bands')}</option>
            </select>
          </label>
          <label>
            {t('Survey')}
            <select
              value={query.surveyId ?? ''}
              onChange={(e) =>
                set({ surveyId: (e.target as HTMLSelectElement).value || undefined })
              }
            >
              <option value="">
                {t('Every {type} survey', { type: query.type.toUpperCase() })}
              </option>
              {surveys.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('Outcome')}
            <select
              value={query.outcome}
              onChange={(e) => set({ outcome: (e.target as HTMLSelectElement).value })}
            >
              {[...new Set([query.outcome, ...(result?.names ?? [])])].map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('Days after the answer')}
            <input
              type="number"
              min={1}
              max={3650}
              value={query.days}
              onChange={(e) => {
                const days = Number((e.target as HTMLInputElement).value)
                if (Number.isInteger(days) && days >= 1 && days <= 3650) set({ days })
              }}
            />
          </label>
          {result && result.currencies.length > 1 ? (
            <label>
              {t('Currency')}
              <select
                value={query.currency ?? ''}
                onChange={(e) =>
                  set({ currency: (e.target as HTMLSelectElement).value || undefined })
                }
              >
                <option value="">{t('Choose one to sum values')}</option>
                {result.currencies.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </form>
        {error ? <p role="alert">{error}</p> : null}
        {result ? this.report(result, currency) : null}
      </section>
    )
  }

  report(result: LoyaltyResult<LoyaltyGroup>, currency: string | undefined) {
    const { groups, difference, outcome, days } = result
    const GROUPS = groupsOf(result.type)
    const [best, , worst] = GROUPS.map(([, , short]) => short)
    const respondents = GROUPS.reduce((sum, [g]) => sum + groups[g].respondents, 0)
    if (respondents === 0)
      return (
        <p role="status" class="empty">
          {t('No answers in range yet, so nothing to compare {outcome} with.', { outcome })}
        </p>
      )
    const [low, high] = difference.interval ?? [null, null]
    const matrixCaption = t(
      'Loyalty matrix: {worst} who still have {outcome} are loyal for now, not by choice; call them first',
      { worst: worst ?? '', outcome },
    )
    return (
      <div class="stack">
        <p role="status" data-testid="loyalty-verdict">
          {t('{best} − {worst} who had {outcome} within {days} days', {
            best: best ?? '',
            worst: worst ?? '',
            outcome,
            days,
          })}
          : <strong>{verdictText(difference.verdict)}</strong>
          {low !== null && high !== null
            ? ` (${t('95 %: {low} … {high} points', { low: (100 * low).toFixed(1), high: (100 * high).toFixed(1) })})`
            : ''}
        </p>
        <Wide label={result.type === 'nps' ? t('By NPS group') : t('By CES band')}>
          <table>
            <caption>{result.type === 'nps' ? t('By NPS group') : t('By CES band')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Group')}</th>
                <th scope="col">{t('Respondents')}</th>
                <th scope="col">{t('Had {outcome}', { outcome })}</th>
                <th scope="col">{t('Rate (95 %)')}</th>
                <th scope="col">{t('Value per respondent (95 %)')}</th>
              </tr>
            </thead>
            <tbody>
              {GROUPS.map(([g, name]) => {
                const r = groups[g]
                const shows = r.respondents >= MIN_INTERVAL_N
                return (
                  <tr key={g} data-testid={`loyalty-${g}`}>
                    <th scope="row" class={g}>
                      {name}
                    </th>
                    <td>{r.respondents}</td>
                    <td>{r.converted}</td>
                    <td>
                      {percent(r.rate)}
                      {shows && r.interval
                        ? ` (${percent(r.interval[0])} … ${percent(r.interval[1])})`
                        : ''}
                    </td>
                    <td>
                      {amount(r.valuePerRespondent, currency)}
                      {shows && r.valueInterval
                        ? ` (${amount(r.valueInterval[0], currency)} … ${amount(r.valueInterval[1], currency)})`
                        : ''}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </Wide>
        <Wide label={matrixCaption}>
          <table data-testid="loyalty-matrix">
            <caption>{matrixCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Group')}</th>
                <th scope="col">{t('Had {outcome}', { outcome })}</th>
                <th scope="col">{t('Did not')}</th>
              </tr>
            </thead>
            <tbody>
              {GROUPS.map(([g, name]) => (
                <tr key={g}>
                  <th scope="row" class={g}>
                    {name}
                  </th>
                  <td>{this.cellCount(g, true, groups[g].converted, name, outcome)}</td>
                  <td>
                    {this.cellCount(
                      g,
                      false,
                      groups[g].respondents - groups[g].converted,
                      name,
                      outcome,
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Wide>
        {this.cellList(outcome, currency)}
        <Sized
          render={(width) => (
            <ShareByDay
              width={width}
              days={days}
              label={`${t('Share who had {outcome} by day since their answer', { outcome })}: ${GROUPS.map(
                ([g, name]) => `${name} ${percent(groups[g].rate)}`,
              ).join(', ')}`}
              lines={GROUPS.map(([g]) => [g, result.curve[g]])}
            />
          )}
        />
        <ul class="legend" aria-hidden="true">
          {GROUPS.map(([g, name]) => (
            <li key={g} class={g}>
              {name}
            </li>
          ))}
        </ul>
      </div>
    )
  }

  /** A count of the matrix; for a responder, a button that lists who is in the cell. */
  cellCount(g: LoyaltyGroup, converted: boolean, count: number, name: string, outcome: string) {
    if (!this.props.canListPeople || count === 0) return count
    return (
      <button
        type="button"
        class="link"
        aria-label={t('{count}: list the {who}', {
          count,
          who: whoText(name, converted, outcome),
        })}
        onClick={() => void this.open(g, converted)}
      >
        {count}
      </button>
    )
  }

  /** The people of the opened cell, to follow up: who they are, what they said and spent. */
  cellList(outcome: string, currency: string | undefined) {
    const { cell } = this.state
    if (!cell) return null
    const name = groupsOf(this.state.query.type).find(([g]) => g === cell.group)?.[1] ?? cell.group
    const caption = whoText(name, cell.converted, outcome)
    if (!cell.people)
      return (
        <p role="status" class="loading">
          {t('Loading: {who}…', { who: caption })}
        </p>
      )
    return (
      <Wide label={caption}>
        <table data-testid="loyalty-people">
          <caption>
            {caption}: {cell.people.length}
            {cell.people.length >= 200 ? ` ${t('most valuable shown')}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('Customer')}</th>
              <th scope="col">{t('Score')}</th>
              <th scope="col">{t('Answered')}</th>
              <th scope="col">{t('{outcome} after', { outcome })}</th>
              <th scope="col">{t('Value')}</th>
              <th scope="col">{t('Comment')}</th>
            </tr>
          </thead>
          <tbody>
            {cell.people.map((p) => (
              <tr key={p.recordId}>
                <td>
                  {p.userId
                    ? t('User {id}', { id: p.userId })
                    : t('Device {id}', { id: p.anonymousId ?? '?' })}
                </td>
                <td>{p.score}</td>
                <td>
                  <Moment at={p.answeredAt} day />
                </td>
                <td>{p.outcomes}</td>
                <td>{amount(p.value, currency)}</td>
                <td>{p.comment ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Wide>
    )
  }
}

/** The people of one cell of the matrix, in words: "Detractors (0–6) who had purchase". */
const whoText = (group: string, converted: boolean, outcome: string) =>
  converted
    ? t('{group} who had {outcome}', { group, outcome })
    : t('{group} who did not have {outcome}', { group, outcome })
