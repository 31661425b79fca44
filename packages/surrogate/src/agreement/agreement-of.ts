import { kendallTau, spearman } from "@cosearch/cost"

/**
 * How well a surrogate's predictions agree with the true values: rank agreement (Kendall's
 * tau-b, Spearman's rho, from `@cosearch/cost`) and the mean absolute percentage error.
 */
export interface Agreement {
  readonly rows: number
  readonly kendallTau: number
  readonly spearman: number
  /** Mean of |predicted - actual| / |actual|, in percent. */
  readonly mape: number
}

/**
 * Kendall's tau-b, Spearman's rho and MAPE (percent) of `predicted` against `actual`. Kendall's
 * tau is O(n²): tens of thousands of rows take about a second.
 *
 * @example
 * agreementOf([1, 2, 4], [1.1, 1.8, 4]).mape // (10 + 10 + 0) / 3 = 6.67
 */
export const agreementOf = (actual: ArrayLike<number>, predicted: ArrayLike<number>): Agreement => {
  if (actual.length !== predicted.length) {
    throw new RangeError(`agreementOf: expected as many predictions as actual values (${actual.length}), got ${predicted.length}`)
  }
  let error = 0
  for (let i = 0; i < actual.length; i++) {
    const truth = actual[i] as number
    error += Math.abs((predicted[i] as number) - truth) / Math.abs(truth)
  }
  return {
    rows: actual.length,
    kendallTau: kendallTau(predicted, actual),
    spearman: spearman(predicted, actual),
    mape: actual.length === 0 ? 0 : (100 * error) / actual.length,
  }
}
