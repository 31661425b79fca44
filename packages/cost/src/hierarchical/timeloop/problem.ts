import type { Operand } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import { type Dimension, dimensions } from "../mapping/mapping.js"
import type { YamlNode, YamlReader } from "./yaml-read.js"

/**
 * A Timeloop problem read as a cosearch loop nest, with the names it used: Timeloop's dimension
 * names by cosearch dimension (`M` is `K`) and its data-space names by operand.
 *
 * @example
 * const problem: TimeloopProblem = { nest, dimensionNames: new Map([["M", "K"]]), dataSpaceNames: new Map([["Weights", "weights"]]) }
 */
export interface TimeloopProblem {
  readonly nest: LoopNest
  /** Timeloop's name of each dimension it gave → the cosearch dimension. */
  readonly dimensionNames: ReadonlyMap<string, Dimension>
  /** Timeloop's name of each data space → the operand it is. */
  readonly dataSpaceNames: ReadonlyMap<string, Operand>
}

/** Timeloop's names of the cosearch dimensions: `M` (its conv2D's output channels) is `K`. */
const canonicalName = (name: string): Dimension | undefined => {
  if (name === "M") return "K"
  return (dimensions as readonly string[]).includes(name) ? (name as Dimension) : undefined
}

/** The data-space name each operand has in Timeloop's conv2D problem. */
export const timeloopDataSpaceName: Readonly<Record<Operand, string>> = { weights: "Weights", inputs: "Inputs", outputs: "Outputs" }

/** One term of a projection axis: a dimension times a coefficient (a name or a number; absent: 1). */
interface Term {
  readonly dimension: string
  readonly coefficient: string | number | undefined
  readonly at: YamlNode
}

/** A data space as written: its name, whether it is written (outputs) and its projection axes. */
interface DataSpace {
  readonly name: string
  readonly readWrite: boolean
  readonly axes: readonly (readonly Term[])[]
  readonly at: YamlNode
}

/** Timeloop's conv2D (`cnn-layer`) shape: what a problem without its own shape means. */
const conv2dSpaces = (at: YamlNode): DataSpace[] => {
  const term = (dimension: string, coefficient?: string): Term => ({ dimension, coefficient, at })
  return [
    { name: "Weights", readWrite: false, axes: [[term("C")], [term("M")], [term("R")], [term("S")]], at },
    {
      name: "Inputs",
      readWrite: false,
      axes: [[term("N")], [term("C")], [term("R", "Wdilation"), term("P", "Wstride")], [term("S", "Hdilation"), term("Q", "Hstride")]],
      at,
    },
    { name: "Outputs", readWrite: true, axes: [[term("N")], [term("M")], [term("Q")], [term("P")]], at },
  ]
}

const conv2dDimensions = ["C", "M", "R", "S", "N", "P", "Q"]

/** The data spaces of a `shape` mapping (`data_spaces`, or v0.3's `data-spaces`). */
const readDataSpaces = (reader: YamlReader, shape: YamlNode): DataSpace[] => {
  const list = reader.field(shape, "data_spaces") ?? reader.field(shape, "data-spaces")
  if (list === undefined) {
    reader.error(reader.child(shape, "data_spaces"), "missing")
    return []
  }
  const spaces: DataSpace[] = []
  for (const item of reader.items(list)) {
    const name = reader.string(reader.field(item, "name"), item, "name")
    const flag = reader.field(item, "read_write") ?? reader.field(item, "read-write")
    const written = flag === undefined ? false : reader.scalar(flag)
    if (typeof written !== "boolean") reader.error(flag ?? item, `expected true or false, got ${reader.describe(flag)}`)
    const projection = reader.field(item, "projection")
    if (projection === undefined) reader.error(reader.child(item, "projection"), "missing")
    const axes: Term[][] = []
    for (const axis of reader.items(projection)) {
      const terms: Term[] = []
      // An axis is a list of terms; a bare term ([C]) or a bare name (C) is an axis of one term.
      const termNodes = reader.isList(axis) && reader.items(axis).every((node) => reader.isList(node)) ? reader.items(axis) : [axis]
      for (const termNode of termNodes) {
        const parts = reader.isList(termNode) ? reader.items(termNode) : [termNode]
        const [dimensionNode, coefficientNode] = parts
        const dimension = reader.scalar(dimensionNode)
        const coefficient = coefficientNode === undefined ? undefined : reader.scalar(coefficientNode)
        if (typeof dimension !== "string" || parts.length > 2) {
          reader.error(termNode, `expected a projection term [dimension] or [dimension, coefficient], got ${reader.describe(termNode)}`)
        } else if (coefficient !== undefined && typeof coefficient !== "string" && typeof coefficient !== "number") {
          reader.error(coefficientNode ?? termNode, `expected a coefficient name or number, got ${reader.describe(coefficientNode)}`)
        } else {
          terms.push({ dimension, coefficient, at: termNode })
        }
      }
      axes.push(terms)
    }
    if (name !== undefined && typeof written === "boolean") spaces.push({ name, readWrite: written, axes, at: item })
  }
  return spaces
}

/** What each operand's index may depend on, axis by axis (sliding axes: P with R, Q with S). */
const allowedSingle: Readonly<Record<Operand, readonly Dimension[]>> = {
  weights: ["G", "K", "C", "R", "S"],
  inputs: ["N", "G", "C", "P", "Q", "R", "S"],
  outputs: ["N", "G", "K", "P", "Q"],
}

/**
 * Reads `problem` (v0.4 `shape` + `instance`; v0.3's `shape` as a name of a built-in and the bounds
 * beside it) as a loop nest: a convolution in cosearch's dimensions, Timeloop's `M` being `K`,
 * the strides and dilations taken from the projection's coefficients (P's axis gives `strideH`
 * and `dilationH`, Q's `strideW` and `dilationW`) and `H`, `W` the input extents the projection
 * spans. Problems that are not convolutions (other projections) are refused naming the data space.
 * @internal
 */
export const readProblem = (reader: YamlReader, problem: YamlNode): TimeloopProblem | undefined => {
  const before = reader.errors.length
  const shapeNode = reader.field(problem, "shape")
  const instanceNode = reader.field(problem, "instance") ?? problem
  let shapeName = "conv2D"
  let declared: string[] = conv2dDimensions
  let spaces: DataSpace[] = conv2dSpaces(problem)
  const coefficientDefaults = new Map<string, number>([
    ["Wstride", 1],
    ["Hstride", 1],
    ["Wdilation", 1],
    ["Hdilation", 1],
  ])
  if (shapeNode !== undefined && reader.isMap(shapeNode)) {
    shapeName = reader.string(reader.field(shapeNode, "name"), shapeNode, "name") ?? shapeName
    const dimensionsNode = reader.field(shapeNode, "dimensions")
    if (dimensionsNode === undefined) reader.error(reader.child(shapeNode, "dimensions"), "missing")
    declared = reader.names(dimensionsNode) ?? []
    for (const name of declared) {
      if (canonicalName(name) === undefined) {
        reader.error(
          dimensionsNode ?? shapeNode,
          `dimension ${JSON.stringify(name)}: cosearch's loop nest has the dimensions N, G, K (Timeloop's M), C, P, Q, R, S`,
        )
      }
    }
    for (const coefficient of reader.items(reader.field(shapeNode, "coefficients"))) {
      const name = reader.string(reader.field(coefficient, "name"), coefficient, "name")
      const fallback = reader.field(coefficient, "default")
      const value = fallback === undefined ? 1 : reader.positiveInteger(fallback)
      if (name !== undefined && value !== undefined) coefficientDefaults.set(name, value)
    }
    spaces = readDataSpaces(reader, shapeNode)
  } else if (shapeNode !== undefined && typeof reader.scalar(shapeNode) !== "string") {
    reader.error(shapeNode, `expected a shape (a mapping, or the name of a built-in shape), got ${reader.describe(shapeNode)}`)
  } else if (shapeNode !== undefined) {
    const name = String(reader.scalar(shapeNode))
    if (!/^(cnn[-_]layer|conv2d)$/i.test(name))
      reader.error(shapeNode, `unknown built-in shape ${JSON.stringify(name)} (cnn-layer is read)`)
  }
  if (!reader.isMap(instanceNode)) reader.error(instanceNode, `expected a mapping of bounds, got ${reader.describe(instanceNode)}`)
  const bounds = new Map<Dimension, number>()
  const dimensionNames = new Map<string, Dimension>()
  for (const name of declared) {
    const dimension = canonicalName(name)
    if (dimension === undefined) continue
    if (bounds.has(dimension)) {
      reader.error(shapeNode ?? problem, `dimensions K and M are the same cosearch dimension (K); give one`)
      continue
    }
    const at = reader.field(instanceNode, name)
    const bound = at === undefined ? reader.error(reader.child(instanceNode, name), "missing") : reader.positiveInteger(at)
    if (bound !== undefined) bounds.set(dimension, bound)
    dimensionNames.set(name, dimension)
  }
  const coefficientValue = (term: Term): number | undefined => {
    if (term.coefficient === undefined) return 1
    if (typeof term.coefficient === "number") {
      if (Number.isInteger(term.coefficient) && term.coefficient >= 1) return term.coefficient
      return reader.error(term.at, `expected a positive integer coefficient, got ${term.coefficient}`)
    }
    const given = reader.field(instanceNode, term.coefficient)
    if (given !== undefined) return reader.positiveInteger(given)
    const fallback = coefficientDefaults.get(term.coefficient)
    if (fallback !== undefined) return fallback
    return reader.error(term.at, `coefficient ${term.coefficient} has no value (neither in instance nor in coefficients)`)
  }
  // Which data space is which operand: the written one holds outputs; of the read-only ones, the
  // one indexed by N, P or Q holds inputs, the other weights.
  const dataSpaceNames = new Map<string, Operand>()
  const roleOf = (space: DataSpace): Operand => {
    if (space.readWrite) return "outputs"
    const uses = space.axes.flatMap((axis) => axis.map((term) => dimensionNames.get(term.dimension)))
    return uses.includes("N") || uses.includes("P") || uses.includes("Q") ? "inputs" : "weights"
  }
  const geometry = { strideH: 1, dilationH: 1, strideW: 1, dilationW: 1 }
  for (const space of spaces) {
    const role = roleOf(space)
    if ([...dataSpaceNames.values()].includes(role)) {
      reader.error(space.at, `data space ${space.name}: a second ${role} data space (cosearch's nest has weights, inputs and outputs)`)
      continue
    }
    dataSpaceNames.set(space.name, role)
    for (const axis of space.axes) {
      const named = axis.map((term) => ({ term, dimension: dimensionNames.get(term.dimension) }))
      const unknown = named.find((entry) => entry.dimension === undefined)
      if (unknown !== undefined) {
        reader.error(unknown.term.at, `data space ${space.name}: dimension ${unknown.term.dimension} is not among the shape's dimensions`)
        continue
      }
      const used = named.map((entry) => entry.dimension as Dimension)
      const sliding =
        used.length === 2 && role === "inputs" && ((used.includes("P") && used.includes("R")) || (used.includes("Q") && used.includes("S")))
      const single = used.length === 1 && allowedSingle[role].includes(used[0] as Dimension)
      if (!sliding && !single) {
        reader.error(
          space.at,
          `data space ${space.name} (${role}): axis ${axis.map((term) => term.dimension).join(" + ")} is not one of a convolution's (${role === "inputs" ? "N, G, C, P with R, Q with S" : allowedSingle[role].join(", ")})`,
        )
        continue
      }
      if (role !== "inputs") continue
      for (const { term, dimension } of named) {
        const value = coefficientValue(term)
        if (value === undefined) continue
        if (dimension === "P") geometry.strideH = value
        else if (dimension === "R") geometry.dilationH = value
        else if (dimension === "Q") geometry.strideW = value
        else if (dimension === "S") geometry.dilationW = value
        else if (value !== 1) reader.error(term.at, `data space ${space.name}: a coefficient on ${dimension} is not a convolution's`)
      }
    }
  }
  for (const role of ["weights", "inputs", "outputs"] as const) {
    if (![...dataSpaceNames.values()].includes(role))
      reader.error(shapeNode ?? problem, `no ${role} data space (a convolution has weights, inputs and outputs)`)
  }
  if (reader.errors.length > before) return undefined
  const bound = (dimension: Dimension): number => bounds.get(dimension) ?? 1
  const nest: LoopNest = {
    layer: shapeName,
    op: "conv2d",
    kind: "conv",
    N: bound("N"),
    G: bound("G"),
    K: bound("K"),
    C: bound("C"),
    P: bound("P"),
    Q: bound("Q"),
    R: bound("R"),
    S: bound("S"),
    H: (bound("P") - 1) * geometry.strideH + (bound("R") - 1) * geometry.dilationH + 1,
    W: (bound("Q") - 1) * geometry.strideW + (bound("S") - 1) * geometry.dilationW + 1,
    strideH: geometry.strideH,
    strideW: geometry.strideW,
    dilationH: geometry.dilationH,
    dilationW: geometry.dilationW,
    weights: "parameters",
    operands: 1,
    fn: "mac",
  }
  return { nest, dimensionNames, dataSpaceNames }
}
