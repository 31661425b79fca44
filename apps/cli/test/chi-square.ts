/**
 * Pearson's chi-square statistic of observed counts against expected counts.
 *
 * @example
 * chiSquareStatistic([48, 52], [50, 50]) // 0.16
 */
export const chiSquareStatistic = (observed: readonly number[], expected: readonly number[]): number =>
  observed.reduce((sum, count, i) => {
    const e = expected[i] ?? 0
    return sum + ((count - e) * (count - e)) / e
  }, 0)

/**
 * Upper 0.001 critical values of the chi-square distribution (the 0.999 quantile) by degrees of
 * freedom, from the NIST/SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.4 ("Critical
 * Values of the Chi-Square Distribution"); rechecked with `scipy.stats.chi2.ppf(0.999, df)`.
 *
 * @example
 * chiSquareCritical999[4] // 18.467
 */
export const chiSquareCritical999: Readonly<Record<number, number>> = {
  1: 10.828,
  2: 13.816,
  3: 16.266,
  4: 18.467,
  5: 20.515,
  6: 22.458,
  7: 24.322,
  8: 26.124,
  9: 27.877,
  10: 29.588,
}

/**
 * The chi-square goodness-of-fit statistic of the observed counts against `probabilities`
 * (scaled to the total), with the degrees of freedom and the 0.999 critical value.
 *
 * @example
 * const fit = chiSquareFit([4980, 5020], [0.5, 0.5])
 * expect(fit.statistic).toBeLessThan(fit.critical)
 */
export const chiSquareFit = (
  observed: readonly number[],
  probabilities: readonly number[],
): { readonly statistic: number; readonly degreesOfFreedom: number; readonly critical: number } => {
  const total = observed.reduce((sum, count) => sum + count, 0)
  const degreesOfFreedom = observed.length - 1
  const critical = chiSquareCritical999[degreesOfFreedom]
  if (critical === undefined) throw new Error(`no 0.999 critical value tabulated for ${degreesOfFreedom} degrees of freedom`)
  const statistic = chiSquareStatistic(
    observed,
    probabilities.map((p) => p * total),
  )
  return { statistic, degreesOfFreedom, critical }
}
