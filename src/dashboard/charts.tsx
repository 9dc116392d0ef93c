import { h } from 'preact'
import type { TimelinePoint } from '../server/results'

const W = 560
const H = 200
const PAD = 32

/**
 * The score over time with its 95 % interval as a band. `min`/`max` are the scale's ends
 * (−100..100 for NPS, 1..scale for CES).
 */
export function Timeline({
  points,
  min,
  max,
  label,
}: {
  points: TimelinePoint[]
  min: number
  max: number
  label: string
}) {
  const shown = points.filter((p) => p.value !== null)
  const x = (i: number) =>
    PAD + (shown.length < 2 ? (W - 2 * PAD) / 2 : (i * (W - 2 * PAD)) / (shown.length - 1))
  const y = (v: number) => H - PAD - ((v - min) / (max - min)) * (H - 2 * PAD)
  // At most about six labels, so dates never overlap; days lose their year ("11-23").
  const labelEvery = Math.max(1, Math.ceil(shown.length / 6))
  const band = shown.filter((p) => p.interval)
  const bandPath = band.length
    ? [
        ...band.map((p) => `${x(shown.indexOf(p))},${y((p.interval as [number, number])[1])}`),
        ...[...band]
          .reverse()
          .map((p) => `${x(shown.indexOf(p))},${y((p.interval as [number, number])[0])}`),
      ].join(' ')
    : ''
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <line class="axis" x1={PAD} x2={W - PAD} y1={y(min)} y2={y(min)} />
      {min < 0 ? <line class="zero" x1={PAD} x2={W - PAD} y1={y(0)} y2={y(0)} /> : null}
      <text class="tick" x={4} y={y(max) + 4}>
        {max}
      </text>
      <text class="tick" x={4} y={y(min) + 4}>
        {min}
      </text>
      {bandPath ? <polygon class="band" points={bandPath} /> : null}
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
            <text class="tick" x={x(i)} y={H - 8} text-anchor="middle">
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
}: {
  counts: number[]
  first: number
  groupOf: (score: number) => string
  label: string
}) {
  const most = Math.max(1, ...counts)
  const bar = (W - 2 * PAD) / counts.length
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      {counts.map((count, i) => {
        const height = (count / most) * (H - 2 * PAD)
        return (
          <g key={i}>
            <rect
              class={`bar ${groupOf(first + i)}`}
              x={PAD + i * bar + 2}
              y={H - PAD - height}
              width={bar - 4}
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
