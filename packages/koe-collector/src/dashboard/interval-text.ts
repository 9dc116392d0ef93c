import { t } from './i18n/translate'

/**
 * Fewer answers than this and the dashboard shows no interval band: "too few answers" instead
 * (issue 27). The intervals are honest from one answer (docs/scoring.md), but one answer's NPS
 * interval is −48.5 … 98.5 around an observed 100: a band that reads as a bug. Their coverage was
 * checked from n = 10 (tests/node/intervals.test.ts), so that is where the band starts.
 */
export const MIN_INTERVAL_N = 10

/** `fixed` without a value: a dash. */
export const fixed = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined ? '–' : value.toFixed(digits)

/** Whether a figure over `n` answers gets its interval drawn. */
export const showsInterval = (n: number | null | undefined) => (n ?? 0) >= MIN_INTERVAL_N

/**
 * A 95 % interval in words: `95 %: 12.0 … 48.5`, or, under {@link MIN_INTERVAL_N} answers,
 * `too few answers for an interval (n = 3 of 10)`.
 */
export function intervalText(
  interval: readonly [number, number] | null | undefined,
  n: number | null | undefined,
  digits = 1,
): string {
  if (!showsInterval(n))
    return t('too few answers for an interval (n = {n} of {min})', {
      n: n ?? 0,
      min: MIN_INTERVAL_N,
    })
  return `95 %: ${fixed(interval?.[0], digits)} … ${fixed(interval?.[1], digits)}`
}
