/** z for a two-sided 95 % interval. */
export const Z95 = 1.96

/**
 * The complementary error function, by the Chebyshev fit of Numerical Recipes (`erfcc`):
 * fractional error below 1.2e-7 everywhere, ample for p-values.
 */
export function erfc(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  return x >= 0 ? r : 2 - r
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
        : Math.sign(difference) * Number.POSITIVE_INFINITY
  return { difference, standardError, z, p: twoSidedP(z) }
}
