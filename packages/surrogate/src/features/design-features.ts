import { type Configuration, compileSpace, encode, isFailure, type Space, vectorLength } from "@cosearch/space"

/**
 * The names of `designFeatures`' values: the slots of the space's vector encoding
 * (`@cosearch/space`'s `encode`), `<parameter>=<value>` for each one-hot slot of a categorical
 * parameter and `<parameter>` for every other parameter.
 *
 * @example
 * designFeatureNames(nb201Space).slice(0, 2) // ["edge_1_0=none", "edge_1_0=skip_connect"]
 */
export const designFeatureNames = (space: Space): readonly string[] => {
  const compiled = compileSpace(space)
  const names: string[] = []
  compiled.names.forEach((name, index) => {
    const values = compiled.values[index]
    if (space.parameters[index]?.kind === "categorical" && values !== undefined)
      for (const value of values) names.push(`${name}=${String(value)}`)
    else names.push(name)
  })
  if (names.length !== vectorLength(space))
    throw new Error(`designFeatureNames: ${names.length} names for a vector of ${vectorLength(space)}`)
  return names
}

/**
 * A configuration's features: the space's vector encoding in `[0, 1]^d` (one-hot categorical,
 * `index / (n - 1)` ordinal, normalized ranges, 0 / 1 booleans, zeros for inactive parameters),
 * written into `out` at `offset` when given. Throws naming the parameter when the configuration
 * is not a point of the space.
 *
 * @example
 * designFeatures(edgeTpuKnobs, knobsConfiguration) // Float64Array of designFeatureNames(edgeTpuKnobs).length
 */
export const designFeatures = (space: Space, configuration: Configuration, out?: Float64Array, offset = 0): Float64Array => {
  const width = vectorLength(space)
  const vector = out ?? new Float64Array(width)
  if (vector.length < offset + width) {
    throw new RangeError(`designFeatures: out has ${vector.length} slots, ${offset + width} needed (offset ${offset} + ${width} features)`)
  }
  const encoded = encode(space, configuration, vector.subarray(offset, offset + width))
  if (isFailure(encoded)) {
    throw new TypeError(`designFeatures: not a configuration of space "${space.name}": ${encoded.message}`)
  }
  return vector
}
