/**
 * How well predicted values agree with measured ones: rank agreement (Kendall's tau-b,
 * Spearman's rho) and mean absolute percentage error.
 *
 * @example
 * const { kendallTau, mape } = agreement(predicted, measured)
 */
export interface Agreement {
  readonly count: number
  readonly kendallTau: number
  readonly spearman: number
  /** Mean of |predicted - measured| / measured. */
  readonly mape: number
  /** Fraction of predictions within ±10 % of the measurement (nn-Meter's accuracy figure). */
  readonly within10: number
}

/**
 * Kendall's tau-b between two equally long series (ties in either count as neither concordant nor
 * discordant, with the tau-b normalization). O(n²).
 *
 * @example
 * kendallTau([1, 2, 3], [1, 3, 2]) // 1/3
 */
export const kendallTau = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  const n = a.length
  let concordant = 0
  let discordant = 0
  let tiesA = 0
  let tiesB = 0
  for (let i = 0; i < n; i++) {
    const ai = a[i] as number
    const bi = b[i] as number
    for (let j = i + 1; j < n; j++) {
      const da = ai - (a[j] as number)
      const db = bi - (b[j] as number)
      if (da === 0 && db === 0) continue
      if (da === 0) tiesA++
      else if (db === 0) tiesB++
      else if (da > 0 === db > 0) concordant++
      else discordant++
    }
  }
  const denominator = Math.sqrt((concordant + discordant + tiesA) * (concordant + discordant + tiesB))
  return denominator === 0 ? 0 : (concordant - discordant) / denominator
}

/** Ranks 1..n, ties sharing their mean rank. */
const ranks = (values: ArrayLike<number>): Float64Array => {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number))
  const result = new Float64Array(values.length)
  for (let start = 0; start < order.length; ) {
    let end = start
    while (end + 1 < order.length && values[order[end + 1] as number] === values[order[start] as number]) end++
    const rank = (start + end) / 2 + 1
    for (let k = start; k <= end; k++) result[order[k] as number] = rank
    start = end + 1
  }
  return result
}

/**
 * Spearman's rank correlation: Pearson's correlation of the ranks (mean ranks for ties).
 *
 * @example
 * spearman([1, 2, 3, 4], [10, 20, 40, 30]) // 0.8
 */
export const spearman = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  const ra = ranks(a)
  const rb = ranks(b)
  const n = ra.length
  let ma = 0
  let mb = 0
  for (let i = 0; i < n; i++) {
    ma += ra[i] as number
    mb += rb[i] as number
  }
  ma /= n
  mb /= n
  let sab = 0
  let saa = 0
  let sbb = 0
  for (let i = 0; i < n; i++) {
    const da = (ra[i] as number) - ma
    const db = (rb[i] as number) - mb
    sab += da * db
    saa += da * da
    sbb += db * db
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb)
}

/**
 * Kendall's tau-b, Spearman's rho, MAPE and the fraction within ±10 % of predictions against
 * measurements.
 *
 * @example
 * agreement(predictedMs, measuredMs).kendallTau
 */
export const agreement = (predicted: ArrayLike<number>, measured: ArrayLike<number>): Agreement => {
  let error = 0
  let hits = 0
  for (let i = 0; i < measured.length; i++) {
    const relative = Math.abs((predicted[i] as number) - (measured[i] as number)) / (measured[i] as number)
    error += relative
    if (relative <= 0.1) hits++
  }
  return {
    count: measured.length,
    kendallTau: kendallTau(predicted, measured),
    spearman: spearman(predicted, measured),
    mape: error / measured.length,
    within10: hits / measured.length,
  }
}
