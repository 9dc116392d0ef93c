import { Component, type ComponentChildren, createRef, h } from 'preact'
import type { TimelinePoint } from '../contract/results'
import { t } from './i18n/translate'
import { showsInterval } from './interval-text'

const H = 220
const PAD = 36

/**
 * Measures its own width, so that charts fill it at any screen size (with text at its real size,
 * which a stretched viewBox would distort). Charts get the width as `width`.
 */
export class Sized extends Component<
  { render: (width: number) => ComponentChildren },
  { width: number }
> {
  override state = { width: 640 }
  private box = createRef<HTMLDivElement>()
  private observer?: ResizeObserver

  override componentDidMount() {
    const box = this.box.current
    if (!box) return
    this.observer = new ResizeObserver(([entry]) => {
      const width = Math.round(entry?.contentRect.width ?? 0)
      if (width > 0 && width !== this.state.width) this.setState({ width })
    })
    this.observer.observe(box)
  }

  override componentWillUnmount() {
    this.observer?.disconnect()
  }

  render() {
    return (
      <div class="sized" ref={this.box}>
        {this.props.render(this.state.width)}
      </div>
    )
  }
}

/**
 * The score over time with its 95 % interval as a band. `min`/`max` are the scale's ends
 * (−100..100 for NPS, 1..scale for CES). A single period still shows its band, across the plot.
 */
export function Timeline({
  points,
  goal = null,
  marks = [],
  min,
  max,
  label,
  width: W,
}: {
  points: TimelinePoint[]
  /** The score the team aims for (issue 33): a line across the plot. */
  goal?: number | null
  /** Annotations (issue 33), each at the period it falls in; drawn where that period is shown. */
  marks?: { period: string; label: string }[]
  min: number
  max: number
  label: string
  width: number
}) {
  const shown = points.filter((p) => p.value !== null)
  const x = (i: number) =>
    PAD + (shown.length < 2 ? (W - 2 * PAD) / 2 : (i * (W - 2 * PAD)) / (shown.length - 1))
  const y = (v: number) => H - PAD - ((v - min) / (max - min)) * (H - 2 * PAD)
  // Labels about every 80 px, so dates never overlap; days lose their year ("11-23").
  const labelEvery = Math.max(1, Math.ceil(shown.length / Math.max(2, Math.floor(W / 80))))
  // Periods with too few answers get their dot without a band (interval-text.ts).
  const band = shown.filter((p) => p.interval && showsInterval(p.n))
  const single = shown.length === 1 && band.length === 1 ? shown[0]?.interval : null
  const bandPath = band.length
    ? [
        ...band.map((p) => `${x(shown.indexOf(p))},${y((p.interval as [number, number])[1])}`),
        ...[...band]
          .reverse()
          .map((p) => `${x(shown.indexOf(p))},${y((p.interval as [number, number])[0])}`),
      ].join(' ')
    : ''
  return (
    <svg class="chart" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <line class="axis" x1={PAD} x2={W - PAD} y1={y(min)} y2={y(min)} />
      {min < 0 ? <line class="zero" x1={PAD} x2={W - PAD} y1={y(0)} y2={y(0)} /> : null}
      <text class="tick" x={4} y={y(max) + 4}>
        {max}
      </text>
      <text class="tick" x={4} y={y(min) + 4}>
        {min}
      </text>
      {single ? (
        <rect
          class="band"
          x={PAD}
          width={W - 2 * PAD}
          y={y(single[1])}
          height={Math.max(1, y(single[0]) - y(single[1]))}
        />
      ) : bandPath ? (
        <polygon class="band" points={bandPath} />
      ) : null}
      {goal !== null && goal >= min && goal <= max ? (
        <line class="goal" x1={PAD} x2={W - PAD} y1={y(goal)} y2={y(goal)}>
          <title>{t('goal: {goal}', { goal: String(goal) })}</title>
        </line>
      ) : null}
      {marks.map((mark) => {
        // At its period, or at the first shown period after it (a period without answers).
        const at = shown.findIndex((p) => p.period >= mark.period)
        if (at < 0) return null
        return (
          <line
            key={`${mark.period} ${mark.label}`}
            class="mark"
            x1={x(at)}
            x2={x(at)}
            y1={PAD}
            y2={H - PAD}
          >
            <title>{`${mark.period}: ${mark.label}`}</title>
          </line>
        )
      })}
      <polyline
        class="line"
        points={shown.map((p, i) => `${x(i)},${y(p.value as number)}`).join(' ')}
      />
      {shown.map((p, i) => (
        <g key={p.period}>
          <circle class="dot" cx={x(i)} cy={y(p.value as number)} r={4}>
            <title>{`${p.period}: ${(p.value as number).toFixed(1)} (n = ${p.n})`}</title>
          </circle>
          {i % labelEvery === 0 || i === shown.length - 1 ? (
            <text class="tick date" x={x(i)} y={H - 10} text-anchor="middle">
              {p.period.length === 10 ? p.period.slice(5) : p.period}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  )
}

/** Bars per score; `groupOf` names the CSS class of each bar (detractor, passive, promoter…). */
export function Distribution({
  counts,
  first,
  groupOf,
  label,
  width: W,
}: {
  counts: number[]
  first: number
  groupOf: (score: number) => string
  label: string
  width: number
}) {
  const most = Math.max(1, ...counts)
  const bar = (W - 2 * PAD) / counts.length
  return (
    <svg class="chart" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      {counts.map((count, i) => {
        const height = (count / most) * (H - 2 * PAD)
        return (
          <g key={i}>
            <rect
              class={`bar ${groupOf(first + i)}`}
              x={PAD + i * bar + 2}
              y={H - PAD - height}
              width={Math.max(1, bar - 4)}
              height={height}
            >
              <title>{`${first + i}: ${count}`}</title>
            </rect>
            <text class="tick" x={PAD + i * bar + bar / 2} y={H - 12} text-anchor="middle">
              {first + i}
            </text>
            <text
              class="count"
              x={PAD + i * bar + bar / 2}
              y={H - PAD - height - 4}
              text-anchor="middle"
            >
              {count}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

/**
 * Lines of cumulative shares by day, one per group (issue 30: who had bought again by each day
 * since their answer). `lines[group][d]` is the share 0..1 by day d + 1; the class of each line is
 * its group's.
 */
export function ShareByDay({
  lines,
  days,
  label,
  width: W,
}: {
  lines: [group: string, shares: number[]][]
  days: number
  label: string
  width: number
}) {
  const x = (day: number) => PAD + (day / days) * (W - 2 * PAD)
  const y = (share: number) => H - PAD - share * (H - 2 * PAD)
  return (
    <svg class="chart" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <line class="axis" x1={PAD} x2={W - PAD} y1={y(0)} y2={y(0)} />
      <text class="tick" x={4} y={y(1) + 4}>
        100 %
      </text>
      <text class="tick" x={4} y={y(0) + 4}>
        0 %
      </text>
      <text class="tick" x={x(days)} y={H - 10} text-anchor="end">
        {t('day {days}', { days })}
      </text>
      {lines
        .filter(([, shares]) => shares.length)
        .map(([group, shares]) => (
          <polyline
            key={group}
            class={`share ${group}`}
            points={[`${x(0)},${y(0)}`, ...shares.map((s, d) => `${x(d + 1)},${y(s)}`)].join(' ')}
          >
            <title>
              {t('{share} % by day {days}', {
                share: Math.round(100 * (shares[shares.length - 1] ?? 0)),
                days,
              })}
            </title>
          </polyline>
        ))}
    </svg>
  )
}
