import { FLOAT, INTEGER } from "./kind-code.js"

/**
 * What the sampling weights are computed from (a subset of `CompiledSpace`).
 *
 * @example
 * sampleWeights({ kind, count, parent, activeOn, order })
 */
export interface WeightInputs {
  readonly kind: Uint8Array
  readonly count: Float64Array
  readonly parent: Int32Array
  readonly activeOn: readonly (Uint8Array | undefined)[]
  readonly order: Int32Array
}

/**
 * The cumulative value probabilities that make sampling uniform over configurations: a value
 * is drawn with probability proportional to the number of sub-configurations it activates
 * (the product of its active children's counts). Counts are kept as logarithms so huge spaces
 * do not overflow; a float range counts as one choice. `undefined` marks a parameter whose values
 * are all equally likely.
 *
 * @example
 * // block ∈ {conv, mbconv}; expand ∈ {3, 6} only for mbconv → P(conv) = 1/3, P(mbconv) = 2/3
 * sampleWeights(inputs)[0] // Float64Array [1/3, 1]
 */
export const sampleWeights = (inputs: WeightInputs): (Float64Array | undefined)[] => {
  const { kind, count, parent, activeOn, order } = inputs
  const size = kind.length
  const logCount = new Float64Array(size)
  const cumulative: (Float64Array | undefined)[] = new Array(size).fill(undefined)
  const children: number[][] = Array.from({ length: size }, () => [])
  for (let index = 0; index < size; index++) {
    const up = parent[index] as number
    if (up >= 0) children[up]?.push(index)
  }
  for (let position = size - 1; position >= 0; position--) {
    const index = order[position] as number
    const n = count[index] as number
    if (kind[index] === FLOAT) continue // one choice: log 1 = 0
    if (kind[index] === INTEGER) {
      logCount[index] = Math.log(n)
      continue
    }
    const own = children[index] ?? []
    const logWeight = new Float64Array(n)
    for (let value = 0; value < n; value++) {
      for (const child of own)
        if (activeOn[child]?.[value] === 1) logWeight[value] = (logWeight[value] as number) + (logCount[child] as number)
    }
    const top = Math.max(...logWeight)
    let total = 0
    for (const w of logWeight) total += Math.exp(w - top)
    logCount[index] = top + Math.log(total)
    if (logWeight.every((w) => w === logWeight[0])) continue
    const cumulativeOfIndex = new Float64Array(n)
    let running = 0
    for (let value = 0; value < n; value++) {
      running += Math.exp((logWeight[value] as number) - top) / total
      cumulativeOfIndex[value] = running
    }
    cumulativeOfIndex[n - 1] = 1
    cumulative[index] = cumulativeOfIndex
  }
  return cumulative
}
