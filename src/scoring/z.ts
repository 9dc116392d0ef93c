/** z for a two-sided 95 % interval. */
export const Z95 = 1.96

/**
 * The complementary error function for x ≥ 0, by Abramowitz and Stegun 7.1.26: absolute error
 * below 1.5e-7, ample for p-values (a p of 1e-9 is off by at most 1.3 % of itself).
 */
function erfc(x: number): number {
  const t = 1 / (1 + 0.3275911 * x)
  return (
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
    Math.exp(-x * x)
  )
}

/** Two-sided p-value of a standard normal z: P(|Z| ≥ |z|). */
export function twoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2))
}

/**
 * A two-sided z-test of a difference and its standard error, as `compareNps` and `compareMeans`
 * report it. Both samples without spread: any difference is certain, no difference is no evidence.
 */
export function zTest(difference: number, standardError: number) {
  const z =
    standardError > 0
      ? difference / standardError
      : difference === 0
        ? 0
        : Math.sign(difference) * Infinity
  return { difference, standardError, z, p: twoSidedP(z) }
}

/** A comparison without enough answers on a side: every field `null`. */
export const noComparison = () => ({ difference: null, standardError: null, z: null, p: null })
