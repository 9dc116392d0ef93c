/**
 * Student's t for a two-sided 95 % interval (the 0.975 quantile) with `df` degrees of freedom:
 * the published values for 1..5, and from 6 on the Cornish–Fisher expansion around z to the
 * fourth order in 1/df (Abramowitz and Stegun 26.7.5; the coefficients below are its g₁..g₄ at
 * z = 1.959964, divided by z), within 1e-4 of the exact value there and closer as df grows.
 */
const SMALL = [12.7062, 4.3027, 3.1824, 2.7764, 2.5706]

export function t975(df: number): number {
  if (df < 1) return Infinity
  const x = 1 / Math.floor(df)
  return (
    SMALL[Math.floor(df) - 1] ??
    1.959964 * (1 + x * (1.210365 + x * (1.440077 + x * (1.304029 + x * 0.811002))))
  )
}
