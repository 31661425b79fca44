import { type DataflowFamilyName, dataflowFamilyNames } from "../../kind/cost-options.js"
import { type DataflowTemplate, dataflowTemplates } from "../dataflow/dataflow.js"
import { dimensionIndex } from "../mapping/mapping.js"

// Internal to @cosearch/cost: the dataflow templates compiled once, when the module loads, into
// what the mapper's search reads: dimension indices and full loop orders as typed arrays.

/** Generic outermost-level orders, innermost first: keep weights, outputs or inputs in the buffer. */
const genericOuterOrders: readonly (readonly string[])[] = [
  ["Q", "P", "N", "S", "R", "C", "K", "G"],
  ["S", "R", "C", "Q", "P", "N", "K", "G"],
  ["K", "G", "S", "R", "C", "Q", "P", "N"],
]

/** A loop list (innermost first) as a full loop order (outermost first): unlisted dimensions outside. */
const toOrder = (innermostFirst: readonly string[]): Int8Array => {
  const listed = innermostFirst.map(dimensionIndex).filter((d) => d >= 0)
  const rest = [0, 1, 2, 3, 4, 5, 6, 7].filter((d) => !listed.includes(d))
  return Int8Array.from([...rest, ...listed.slice().reverse()])
}

/**
 * A dataflow template as the search reads it: its spatial, per-PE and buffer loop lists as
 * dimension indices, the per-PE and buffer levels' loop orders, and the outermost level's
 * candidate orders (the template's own, then the generic ones it does not already give).
 *
 * @example
 * compiledTemplates["kc-partitioned"].spatialX // Int8Array [3] (C)
 */
export interface CompiledTemplate {
  readonly name: DataflowFamilyName
  /** Its index in `dataflowFamilyNames`. */
  readonly index: number
  readonly spatialX: Int8Array
  readonly spatialY: Int8Array
  readonly pe: Int8Array
  readonly buffer: Int8Array
  readonly peOrder: Int8Array
  readonly bufferOrder: Int8Array
  readonly outerOrders: readonly Int8Array[]
}

const compileTemplate = (template: DataflowTemplate): CompiledTemplate => {
  const indices = (list: readonly string[]): Int8Array => Int8Array.from(list.map(dimensionIndex))
  const outerOrders: Int8Array[] = []
  for (const list of [template.outer, ...genericOuterOrders]) {
    const order = toOrder(list)
    if (!outerOrders.some((seen) => seen.every((d, i) => d === order[i]))) outerOrders.push(order)
  }
  return {
    name: template.name,
    index: dataflowFamilyNames.indexOf(template.name),
    spatialX: indices(template.spatialX),
    spatialY: indices(template.spatialY),
    pe: indices(template.pe),
    buffer: indices(template.buffer),
    peOrder: toOrder(template.pe),
    bufferOrder: toOrder(template.buffer),
    outerOrders,
  }
}

/**
 * Every dataflow preset, compiled; read it through a module-local `const` in hot code.
 *
 * @example
 * const templates = compiledTemplates
 * templates["row-stationary"].outerOrders.length // the DRAM orders the search tries
 */
export const compiledTemplates: Readonly<Record<DataflowFamilyName, CompiledTemplate>> = Object.fromEntries(
  dataflowFamilyNames.map((name) => [name, compileTemplate(dataflowTemplates[name])]),
) as Record<DataflowFamilyName, CompiledTemplate>
