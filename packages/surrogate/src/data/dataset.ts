import { SurrogateDataError } from "./errors.js"

/**
 * Training or test data for a surrogate: `rows` feature vectors, row-major in `features`
 * (`rows x featureNames.length`), and one target per row.
 *
 * @example
 * const data: Dataset = datasetOf(["macs"], [Float64Array.of(1e6), Float64Array.of(2e6)], [0.5, 1.0])
 */
export interface Dataset {
  readonly featureNames: readonly string[]
  readonly rows: number
  /** Row-major: row `i`, feature `j` at `i * featureNames.length + j`. */
  readonly features: Float64Array
  readonly targets: Float64Array
}

/**
 * Builds a dataset from feature rows and targets, checking that every row has one finite value
 * per feature name, that the names are distinct and that every target is finite. Throws
 * `SurrogateDataError` naming the row, the feature and the value otherwise.
 *
 * @example
 * datasetOf(["macs", "params"], [Float64Array.of(1, 2)], [3]).features // Float64Array [1, 2]
 */
export const datasetOf = (featureNames: readonly string[], rows: readonly Float64Array[], targets: ArrayLike<number>): Dataset => {
  const width = featureNames.length
  if (width === 0) throw new SurrogateDataError("featureNames: expected at least one feature name, got none")
  const seen = new Set<string>()
  for (const name of featureNames) {
    if (seen.has(name)) throw new SurrogateDataError(`featureNames: the name ${JSON.stringify(name)} appears twice`)
    seen.add(name)
  }
  if (targets.length !== rows.length) {
    throw new SurrogateDataError(`targets: expected one target per row (${rows.length}), got ${targets.length}`)
  }
  const features = new Float64Array(rows.length * width)
  const copied = new Float64Array(rows.length)
  rows.forEach((row, i) => {
    if (row.length !== width) throw new SurrogateDataError(`rows[${i}]: expected ${width} features, got ${row.length}`)
    for (let j = 0; j < width; j++) {
      const value = row[j] as number
      if (!Number.isFinite(value))
        throw new SurrogateDataError(`rows[${i}] feature ${JSON.stringify(featureNames[j])}: expected a finite number, got ${value}`)
    }
    features.set(row, i * width)
    const target = targets[i] as number
    if (!Number.isFinite(target)) throw new SurrogateDataError(`targets[${i}]: expected a finite number, got ${target}`)
    copied[i] = target
  })
  return { featureNames: [...featureNames], rows: rows.length, features, targets: copied }
}

/**
 * The rows of a dataset picked by `indices`, in that order (a train or test split).
 *
 * @example
 * const test = subsetOf(data, Int32Array.of(0, 5, 10))
 */
export const subsetOf = (data: Dataset, indices: ArrayLike<number>): Dataset => {
  const width = data.featureNames.length
  const features = new Float64Array(indices.length * width)
  const targets = new Float64Array(indices.length)
  for (let k = 0; k < indices.length; k++) {
    const row = indices[k] as number
    if (!(Number.isInteger(row) && row >= 0 && row < data.rows))
      throw new SurrogateDataError(`indices[${k}]: expected a row in [0, ${data.rows}), got ${row}`)
    features.set(data.features.subarray(row * width, (row + 1) * width), k * width)
    targets[k] = data.targets[row] as number
  }
  return { featureNames: data.featureNames, rows: indices.length, features, targets }
}
