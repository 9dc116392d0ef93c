import { Component, Fragment, h } from 'preact'
import { periodKey } from '../../../../src/scoring/period-key'
import type { Annotation } from '../contract/annotations'
import type { Comparison, SurveySummary } from '../contract/results'
import type { SegmentCondition } from '../contract/segments'
import { annotationsOf } from './annotations-client'
import { AnnotationsPanel } from './annotations-panel'
import { download, type Filters, type SegmentTable, segments, summary } from './api'
import { Distribution, Sized, Timeline } from './charts'
import { Choice, ranges } from './choice'
import { GoalForm } from './goal-form'
import { dateOnly, msg, t, tn, verdictText } from './i18n/translate'
import { fixed, intervalText, MIN_INTERVAL_N } from './interval-text'
import { Moment } from './moment'
import { Wide } from './wide'

const pct = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)} %`)
const npsGroup = (score: number) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor')

/** A dimension in words: `attr:plan` is the attribute "plan". */
export const dimensionName = (dim: string) => {
  if (dim.startsWith('attr:')) return t('Attribute “{name}”', { name: dim.slice(5) })
  const known = {
    trigger: msg('Touchpoint'),
    path: msg('Page'),
    device: msg('Device'),
    locale: msg('Locale'),
  }[dim]
  return known ? t(known) : dim
}
/** The timeline's heading for each period. */
const PER_PERIOD = {
  day: msg('{measure} per day, with its 95 % interval'),
  week: msg('{measure} per week, with its 95 % interval'),
  month: msg('{measure} per month, with its 95 % interval'),
}
/** The choice "any value": NUL, which no string on the wire may hold. */
const ANY = '\u0000'

/** A segment's value in words: `''` is what older records did not say. */
const segmentName = (value: string) => (value === '' ? t('(not recorded)') : value)

interface Props {
  surveys: string[]
  /** Whether the user may add, rename and remove annotations (an editor or more). */
  canAnnotate: boolean
  onError: (error: unknown) => void
}

interface State {
  filters: Filters
  summary: SurveySummary | null
  /** The dimension of the segment table, and the table. */
  dim: string
  table: SegmentTable | null
  /** The dimension the attribute filter is choosing a value of. */
  filterDim: string
  /** The survey's annotations and everyone's (issue 33). */
  annotations: Annotation[]
}

/**
 * The results of one survey: its score with interval, the rates, the comparison with the period
 * before, the timeline, the distribution, a segment table and the comments, all cut by the same
 * filters (a touchpoint, any other segment, a range of whole days).
 */
export class ResultsView extends Component<Props, State> {
  override state: State = {
    filters: { surveyId: '', period: 'day', days: 0, where: [], group: '' },
    summary: null,
    dim: 'trigger',
    table: null,
    filterDim: '',
    annotations: [],
  }

  /**
   * The filters and segment dimension last asked for. `state` shows the last answer, which lags
   * while a request is on its way: a second choice made meanwhile must build on the first (a
   * range, then a touchpoint, is both), not on what is on screen.
   */
  private wanted: { filters: Filters; dim: string } = {
    filters: this.state.filters,
    dim: this.state.dim,
  }
  /** The number of the latest request: an answer to an older one is stale and dropped. */
  private asked = 0

  override componentDidMount() {
    void this.load()
  }

  async load(change: Partial<Filters> = {}, dim = this.wanted.dim) {
    const ask = ++this.asked
    try {
      const next = { ...this.wanted.filters, ...change }
      if (!next.surveyId || !this.props.surveys.includes(next.surveyId))
        next.surveyId = this.props.surveys[0] ?? ''
      this.wanted = { filters: next, dim }
      if (!next.surveyId) return this.setState({ filters: next, summary: null, table: null })
      // The controls show the choice at once; the figures follow when their answer comes.
      this.setState({ filters: next })
      const [data, table, { annotations }] = await Promise.all([
        summary(next),
        segments(next, dim),
        annotationsOf(next.surveyId),
      ])
      if (ask === this.asked) this.setState({ summary: data, table, dim, annotations })
    } catch (error) {
      if (ask === this.asked) this.props.onError(error)
    }
  }

  /** The segment conditions last asked for that `keep` accepts. */
  private whereBut(keep: (c: SegmentCondition) => boolean): SegmentCondition[] {
    return this.wanted.filters.where.filter(keep)
  }

  /**
   * Sets the filter on one dimension, or clears it with {@link ANY} (`''` is a value: records
   * that did not say, which no wire string can be confused with).
   */
  filter(dim: string, value: string) {
    const where = this.whereBut((c) => c.dim !== dim)
    if (value !== ANY) where.push({ dim, value } as SegmentCondition)
    void this.load({ where })
  }

  render(
    { surveys: list, canAnnotate, onError }: Props,
    { filters, summary: s, dim, table, filterDim, annotations }: State,
  ) {
    const dims = s?.dimensions ?? []
    const valuesOf = (d: string) => dims.find((x) => x.dim === d)?.values ?? []
    const chosen = (d: string) => filters.where.find((c) => c.dim === d)?.value
    const others = dims.filter((d) => d.dim !== 'trigger')
    const activeFilterDim = filterDim || filters.where.find((c) => c.dim !== 'trigger')?.dim || ''
    return (
      <div>
        <form class="filters" onSubmit={(e) => e.preventDefault()}>
          <Choice
            label={t('Survey')}
            value={filters.surveyId}
            options={list.map((id) => [id, id])}
            onChoose={(surveyId) => this.load({ surveyId, where: [], group: '' })}
          />
          <Choice
            label={t('Range')}
            value={String(filters.days)}
            options={ranges()}
            onChoose={(days) => this.load({ days: Number(days), from: undefined })}
          />
          {annotations.length ? (
            <Choice
              label={t('Since')}
              value={filters.from ?? ''}
              options={[
                ['', t('the range')],
                ...annotations.map((a): [string, string] => [
                  a.at,
                  `${a.label} (${dateOnly(a.at)})`,
                ]),
              ]}
              onChoose={(from) => this.load({ from: from || undefined })}
            />
          ) : null}
          <Choice
            label={t('Group by')}
            value={filters.period}
            options={[
              ['day', t('Day')],
              ['week', t('Week')],
              ['month', t('Month')],
            ]}
            onChoose={(period) => this.load({ period: period as Filters['period'] })}
          />
          <Choice
            label={t('Touchpoint')}
            value={chosen('trigger') ?? ANY}
            options={[
              [ANY, t('All')],
              ...valuesOf('trigger').map((v): [string, string] => [v, segmentName(v)]),
            ]}
            onChoose={(value) => this.filter('trigger', value)}
          />
          <Choice
            label={t('Filter by')}
            value={activeFilterDim}
            options={[
              ['', t('Nothing else')],
              ...others.map((d): [string, string] => [d.dim, dimensionName(d.dim)]),
            ]}
            onChoose={(d) => {
              const where = this.whereBut((c) => c.dim === 'trigger')
              this.setState({ filterDim: d })
              void this.load({ where })
            }}
          />
          {activeFilterDim ? (
            <Choice
              label={t('Value')}
              value={chosen(activeFilterDim) ?? ANY}
              options={[
                [ANY, t('Any')],
                ...valuesOf(activeFilterDim).map((v): [string, string] => [v, segmentName(v)]),
              ]}
              onChoose={(value) => {
                const where = this.whereBut((c) => c.dim === 'trigger')
                if (value !== ANY) where.push({ dim: activeFilterDim, value } as SegmentCondition)
                void this.load({ where })
              }}
            />
          ) : null}
          <div class="actions">
            <button type="button" onClick={() => download('csv', filters)} disabled={!s}>
              {t('Export CSV')}
            </button>
            <button type="button" onClick={() => download('ndjson', filters)} disabled={!s}>
              {t('Export NDJSON')}
            </button>
          </div>
        </form>
        {!s ? (
          <p class="empty">{t('No answers yet. Answer a survey in the demo shop, then reload.')}</p>
        ) : (
          <SurveyView
            s={s}
            annotations={annotations}
            filters={filters}
            dim={dim}
            table={table}
            onDim={(d) => this.load({}, d)}
            onGroup={(group) => this.load({ group })}
            onSegment={(value) => {
              const where = this.whereBut((c) => c.dim !== dim)
              where.push({ dim, value } as SegmentCondition)
              if (dim !== 'trigger') this.setState({ filterDim: dim })
              void this.load({ where })
            }}
          />
        )}
        {s ? (
          <GoalForm
            surveyId={s.surveyId}
            goal={s.goal ?? null}
            measure={s.type === 'ces' ? t('CES mean') : 'NPS'}
            canEdit={canAnnotate}
            onChange={() => void this.load()}
            onError={onError}
          />
        ) : null}
        {filters.surveyId ? (
          <AnnotationsPanel
            surveyId={filters.surveyId}
            annotations={annotations}
            canEdit={canAnnotate}
            onChange={() => void this.load()}
            onError={onError}
          />
        ) : null}
      </div>
    )
  }
}

/** A difference with its interval, in the score's units. */
function differenceText(c: Comparison, digits: number) {
  return c.interval
    ? `95 %: ${fixed(c.interval[0], digits)} … ${fixed(c.interval[1], digits)}${c.p === null ? '' : ` · p = ${c.p.toFixed(3)}`}`
    : ''
}

function SurveyView({
  s,
  annotations,
  filters,
  dim,
  table,
  onDim,
  onGroup,
  onSegment,
}: {
  s: SurveySummary
  annotations: Annotation[]
  filters: Filters
  dim: string
  table: SegmentTable | null
  onDim: (dim: string) => void
  onGroup: (group: Filters['group']) => void
  onSegment: (value: string) => void
}) {
  const isNps = s.type !== 'ces'
  const scale = s.distribution.length
  const digits = isNps ? 1 : 2
  const groups: [Filters['group'], string][] = isNps
    ? [
        ['', t('All')],
        ['detractor', t('Detractors')],
        ['passive', t('Passives')],
        ['promoter', t('Promoters')],
      ]
    : [
        ['', t('All')],
        ['hard', t('Hard')],
        ['neutral', t('Neutral')],
        ['easy', t('Easy')],
      ]
  return (
    <div>
      <section class="cards" aria-label={t('Key figures')}>
        {isNps ? (
          <figure class="card" data-testid="nps">
            <figcaption>NPS</figcaption>
            <strong>{fixed(s.nps?.score)}</strong>
            <span>
              {intervalText(s.nps?.interval, s.nps?.n)} · n = {s.nps?.n}
            </span>
          </figure>
        ) : (
          <figure class="card" data-testid="ces">
            <figcaption>{t('CES mean (1–{scale})', { scale })}</figcaption>
            <strong>{fixed(s.ces?.mean, 2)}</strong>
            <span>
              {t('easy')} {pct(s.ces?.easyShare ?? null)} ·{' '}
              {intervalText(s.ces?.interval, s.ces?.n, 2)} · n = {s.ces?.n}
            </span>
          </figure>
        )}
        <figure class="card" data-testid="comparison">
          <figcaption>{t('Against the period before')}</figcaption>
          {s.previous ? (
            <>
              <strong>{verdictText(s.previous.comparison.verdict)}</strong>
              <span>
                {t('before')}: {fixed(s.previous.value, digits)} (n = {s.previous.n}) ·{' '}
                {differenceText(s.previous.comparison, digits)}
              </span>
            </>
          ) : (
            <span>{t('Choose a range to compare it with the same length of time before it.')}</span>
          )}
        </figure>
        <figure class="card">
          <figcaption>{t('Response rate')}</figcaption>
          <strong>{pct(s.responseRate)}</strong>
          <span>
            {t('{answers} of {shown} shown', {
              answers: tn(s.responses, '{n} answer', '{n} answers'),
              shown: Math.max(s.displays, s.responses + s.dismissals),
            })}
          </span>
        </figure>
        <figure class="card">
          <figcaption>{t('Dismiss rate')}</figcaption>
          <strong>{pct(s.dismissRate)}</strong>
          <span>{t('{n} dismissed', { n: s.dismissals })}</span>
        </figure>
      </section>
      <section>
        <h2>{t(PER_PERIOD[filters.period], { measure: isNps ? 'NPS' : t('CES mean') })}</h2>
        <p class="hint">
          {t(
            'Periods are counted in {zone} (KOE_TIME_ZONE). A period of fewer than {min} answers shows its dot without a band: its interval is too wide to read.',
            { zone: s.timeZone, min: MIN_INTERVAL_N },
          )}
        </p>
        <Sized
          render={(width) => (
            <Timeline
              points={s.timeline}
              goal={s.goal ?? null}
              marks={annotations.map((a) => ({
                period: periodKey(a.at, filters.period, s.timeZone),
                label: a.label,
              }))}
              min={isNps ? -100 : 1}
              max={isNps ? 100 : scale}
              label={t('Score over time')}
              width={width}
            />
          )}
        />
      </section>
      <section>
        <h2>
          {isNps
            ? t('Distribution: detractors 0–6, passives 7–8, promoters 9–10')
            : t('Distribution')}
        </h2>
        <Sized
          render={(width) => (
            <Distribution
              counts={s.distribution}
              first={isNps ? 0 : 1}
              groupOf={
                isNps
                  ? npsGroup
                  : (score) => (score >= (scale === 5 ? 4 : 5) ? 'promoter' : 'neutral')
              }
              label={t('Answers per score')}
              width={width}
            />
          )}
        />
      </section>
      <section>
        <h2>{t('Segments')}</h2>
        <label class="inline">
          {t('Segment by')}{' '}
          <select
            aria-label={t('Segment by')}
            value={dim}
            onChange={(e) => onDim((e.currentTarget as HTMLSelectElement).value)}
          >
            {['trigger', 'path', 'device', 'locale', ...s.dimensions.map((d) => d.dim)]
              .filter((d, i, all) => all.indexOf(d) === i)
              .map((d) => (
                <option key={d} value={d}>
                  {dimensionName(d)}
                </option>
              ))}
          </select>
        </label>
        {/* Its buttons take the focus, so it scrolls by keyboard too. */}
        <div class="scroll">
          <table class="segments">
            <thead>
              <tr>
                <th scope="col">{dimensionName(dim)}</th>
                <th scope="col">n</th>
                <th scope="col">{isNps ? 'NPS' : 'CES'} (95 %)</th>
                <th scope="col">{t('Response rate')}</th>
                <th scope="col">{t('Dismiss rate')}</th>
                <th scope="col">{t('Against the rest')}</th>
              </tr>
            </thead>
            <tbody>
              {(table?.rows ?? []).map((row) => (
                <tr key={row.segment}>
                  <th scope="row">
                    <button type="button" class="link" onClick={() => onSegment(row.segment)}>
                      {segmentName(row.segment)}
                    </button>
                  </th>
                  <td>{row.n}</td>
                  <td>
                    {fixed(row.value, digits)}{' '}
                    <small>({intervalText(row.interval, row.n, digits)})</small>
                  </td>
                  <td>{pct(row.responseRate)}</td>
                  <td>{pct(row.dismissRate)}</td>
                  <td>{verdictText(row.versusRest.verdict)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h2>{t('Latest comments')}</h2>
        <fieldset class="chips">
          <legend>{t('Comments of')}</legend>
          {groups.map(([group, text]) => (
            <button
              key={group}
              type="button"
              aria-pressed={filters.group === group ? 'true' : 'false'}
              onClick={() => onGroup(group)}
            >
              {text}
            </button>
          ))}
        </fieldset>
        {s.comments.length === 0 ? (
          <p class="empty">{t('No comments here yet.')}</p>
        ) : (
          <Wide label={t('Comments')}>
            <table class="comments">
              <thead>
                <tr>
                  <th scope="col">{t('Score')}</th>
                  <th scope="col">{t('Comment')}</th>
                  <th scope="col">{t('Touchpoint')}</th>
                  <th scope="col">{t('Locale')}</th>
                  <th scope="col">{t('When')}</th>
                </tr>
              </thead>
              <tbody>
                {s.comments.map((c) => (
                  <tr key={c.id}>
                    <td class={isNps ? npsGroup(c.score) : ''}>{c.score}</td>
                    <td>{c.comment}</td>
                    <td>{c.trigger ?? ''}</td>
                    <td>{c.locale ?? ''}</td>
                    <td>
                      <Moment at={c.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Wide>
        )}
      </section>
    </div>
  )
}
