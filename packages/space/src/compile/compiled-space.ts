import type { Constraint } from "../constraint/constraint.js"
import { compileExpression, type ValueReader } from "../expression/compile-expression.js"
import { listedValues, type Parameter } from "../parameter/parameter.js"
import type { Space } from "../space/space.js"
import type { Value } from "../value/value.js"
import { geneValue, genomeToConfigurationOf } from "./gene.js"
import { CATEGORICAL, FLOAT, INTEGER, KIND_CODE } from "./kind-code.js"
import { sampleWeights } from "./sample-weights.js"

/**
 * The fast form of a space that every operation works on: per-parameter typed arrays indexed by
 * declaration order (the genome and vector order), a topological order for conditions, the
 * weights that make sampling uniform, the vector layout and the compiled constraint checks.
 * Built once per space object by `compileSpace` and cached.
 *
 * @example
 * const compiled = compileSpace(space)
 * compiled.count[0] // number of values of the first parameter (Infinity for a float range)
 */
export interface CompiledSpace {
  readonly space: Space
  /** Number of parameters (the genome length). */
  readonly size: number
  readonly names: readonly string[]
  readonly indexOf: ReadonlyMap<string, number>
  /** `KIND_CODE` of each parameter. */
  readonly kind: Uint8Array
  /** Number of distinct values: the list length, `high - low + 1` for integers, Infinity for float ranges (1 when low = high). */
  readonly count: Float64Array
  readonly low: Float64Array
  readonly high: Float64Array
  /** 1 for log-scale ranges. */
  readonly log: Uint8Array
  /** Start and width of a range in its normalized coordinate: `low`, `high - low`, or their logarithms. */
  readonly coordLow: Float64Array
  readonly coordSpan: Float64Array
  /** The listed values (categorical, ordinal; `[false, true]` for boolean). */
  readonly values: readonly (readonly Value[] | undefined)[]
  /** Index of the parent parameter, -1 for unconditional parameters. */
  readonly parent: Int32Array
  /** For a conditional parameter, 1 at each parent value index that activates it. */
  readonly activeOn: readonly (Uint8Array | undefined)[]
  /** Parameter indices with every parent before its children. */
  readonly order: Int32Array
  /** Cumulative probabilities of each value for uniform sampling over configurations; `undefined` when uniform per value. */
  readonly cumulative: readonly (Float64Array | undefined)[]
  readonly vectorOffset: Int32Array
  readonly vectorWidth: Int32Array
  readonly vectorLength: number
  readonly constraintNames: readonly string[]
  /** One compiled check per constraint, reading a genome. */
  readonly constraintChecks: readonly ((genome: Float64Array) => boolean)[]
  /**
   * For spaces without conditions: an object with every parameter name, in order, that
   * configurations are cloned from (cloning keeps V8's fast properties, which adding dozens of
   * properties one by one does not). `undefined` for conditional spaces.
   */
  readonly configurationTemplate: Readonly<Record<string, number>> | undefined
  /** Working genomes for operations that take configurations; never handed out. */
  readonly scratch: Float64Array
  readonly scratchB: Float64Array
  readonly scratchIndices: Int32Array
}

const cache = new WeakMap<Space, CompiledSpace>()

/** Parameters sorted by depth (number of ancestors), stable, so parents come first. */
const topologicalOrder = (parent: Int32Array): Int32Array => {
  const depth = Array.from(parent, (_, index) => {
    let d = 0
    for (let at = parent[index] ?? -1; at >= 0 && d <= parent.length; at = parent[at] ?? -1) d++
    return d
  })
  return Int32Array.from(
    depth.map((d, index) => [d, index] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]),
    ([, index]) => index,
  )
}

const activationMask = (parameter: Parameter, parentParameter: Parameter | undefined): Uint8Array | undefined => {
  if (parameter.condition === undefined || parentParameter === undefined) return undefined
  const parentValues = listedValues(parentParameter) ?? []
  return Uint8Array.from(parentValues, (value) => (parameter.condition?.in.includes(value) ? 1 : 0))
}

const constraintCheck = (compiled: CompiledSpace, constraint: Constraint): ((genome: Float64Array) => boolean) => {
  if (constraint.expression === undefined) return (genome) => constraint.check(genomeToConfigurationOf(compiled, genome))
  const read = (name: string): ValueReader<Float64Array> => {
    const index = compiled.indexOf.get(name)
    if (index === undefined) return () => undefined
    return (genome) => {
      const gene = genome[index] as number
      return !Number.isNaN(gene) ? geneValue(compiled, index, gene) : undefined
    }
  }
  return compileExpression(constraint.expression, read)
}

const build = (space: Space): CompiledSpace => {
  const parameters = space.parameters
  const size = parameters.length
  const names = parameters.map((parameter) => parameter.name)
  const indexOf = new Map(names.map((name, index) => [name, index]))
  const kind = Uint8Array.from(parameters, (parameter) => KIND_CODE[parameter.kind])
  const values = parameters.map(listedValues)
  const range = (parameter: Parameter, field: "low" | "high"): number =>
    parameter.kind === "integer" || parameter.kind === "float" ? parameter[field] : 0
  const low = Float64Array.from(parameters, (parameter) => range(parameter, "low"))
  const high = Float64Array.from(parameters, (parameter) => range(parameter, "high"))
  const log = Uint8Array.from(parameters, (parameter) => ("scale" in parameter && parameter.scale === "log" ? 1 : 0))
  const coordLow = low.map((value, index) => (log[index] === 1 ? Math.log(value) : value))
  const coordSpan = high.map((value, index) => (log[index] === 1 ? Math.log(value) : value) - (coordLow[index] as number))
  const count = Float64Array.from(parameters, (_, index) => {
    if (kind[index] === INTEGER) return (high[index] as number) - (low[index] as number) + 1
    if (kind[index] === FLOAT) return high[index] === low[index] ? 1 : Number.POSITIVE_INFINITY
    return values[index]?.length ?? 0
  })
  const parent = Int32Array.from(parameters, (parameter) =>
    parameter.condition === undefined ? -1 : (indexOf.get(parameter.condition.parent) ?? -1),
  )
  const activeOn = parameters.map((parameter, index) => activationMask(parameter, parameters[parent[index] ?? -1]))
  const order = topologicalOrder(parent)
  const vectorWidth = Int32Array.from(parameters, (_, index) => (kind[index] === CATEGORICAL ? (count[index] as number) : 1))
  const vectorOffset = new Int32Array(size)
  let vectorLength = 0
  for (let index = 0; index < size; index++) {
    vectorOffset[index] = vectorLength
    vectorLength += vectorWidth[index] as number
  }
  const checks: ((genome: Float64Array) => boolean)[] = []
  const compiled: CompiledSpace = {
    space,
    size,
    names,
    indexOf,
    kind,
    count,
    low,
    high,
    log,
    coordLow,
    coordSpan,
    values,
    parent,
    activeOn,
    order,
    cumulative: sampleWeights({ kind, count, parent, activeOn, order }),
    vectorOffset,
    vectorWidth,
    vectorLength,
    constraintNames: space.constraints.map((constraint) => constraint.name),
    configurationTemplate: parent.every((up) => up < 0)
      ? JSON.parse(`{${names.map((name) => `${JSON.stringify(name)}:0`).join(",")}}`)
      : undefined,
    constraintChecks: checks,
    scratch: new Float64Array(size),
    scratchB: new Float64Array(size),
    scratchIndices: new Int32Array(size),
  }
  for (const constraint of space.constraints) checks.push(constraintCheck(compiled, constraint))
  return compiled
}

/**
 * The compiled form of a space, built on first use and cached per space object (spaces are
 * immutable).
 *
 * @example
 * const compiled = compileSpace(space)
 * compiled.vectorLength // length of encode's vectors
 */
export const compileSpace = (space: Space): CompiledSpace => {
  let compiled = cache.get(space)
  if (compiled === undefined) {
    compiled = build(space)
    cache.set(space, compiled)
  }
  return compiled
}
