import { inferOutputShape } from "../../layer/infer.js"
import type { Axis, Layer } from "../../layer/layer.js"
import { formatShape, sameShape, type TensorShape } from "../../tensor/shape.js"
import type { OnnxAttribute, OnnxModel, OnnxNode } from "./onnx-model.js"

// Internal to the ONNX reader: the tensors of a graph as it reads them, and how their dims sit on
// cosearch's three axes.

/**
 * How the importer treated one op type of a model: how many nodes, and what it made of them —
 * `layers` (cosearch layers: conv2d, dense, ...), `folded` (into a neighbor: a bias added by a
 * constant, a padding taken by the next window, a transpose that only renames axes),
 * `pass-through` (shape-preserving and free in the cost models: Dropout, Identity),
 * `constant` (shape arithmetic folded at import) or `unsupported` (not read: passed through as if
 * shape-preserving, uncosted; `strict` fails on it).
 *
 * @example
 * const row: OnnxOpReport = { op: "Conv", count: 52, treatment: "layers", detail: "conv2d, depthwise" }
 */
export interface OnnxOpReport {
  readonly op: string
  readonly count: number
  readonly treatment: "layers" | "folded" | "pass-through" | "constant" | "unsupported"
  readonly detail: string
}

/** Where each dim of a tensor sits among cosearch's axes; `undefined` for a size-1 dim on none. */
export type Layout = readonly (Axis | undefined)[]

/**
 * A computed tensor: a layer's output. `dims` are ONNX's dims past the batch; `axes` puts each on
 * a cosearch axis, so an ONNX Transpose is a renaming (free) until an op needs another order.
 */
export interface LayerTensor {
  readonly kind: "layer"
  readonly layer: string
  readonly dims: readonly number[]
  readonly axes: Layout
  /** Padding a Pad left for the next window: top, bottom, left, right. */
  readonly pad?: readonly number[]
  /** A channel shuffle under way: the channels split into `groups` (then the split axes swapped). */
  readonly shuffle?: { readonly groups: number; readonly transposed: boolean }
  /** Where the batch is among ONNX's dims when not first (a recurrence's time-major tensors: 1). */
  readonly batchAt?: number
}

/** ONNX's dims of a computed tensor, the batch included. */
export const fullDims = (tensor: LayerTensor, batch: number): number[] => {
  const dims = [...tensor.dims]
  dims.splice(tensor.batchAt ?? 0, 0, batch)
  return dims
}

/** A constant: its dims, and its values when small and stored. */
export interface ConstantTensor {
  readonly kind: "constant"
  readonly dims: readonly number[]
  readonly values?: readonly number[]
}

/** A tensor of the graph as the reader tracks it. */
export type Tensor = LayerTensor | ConstantTensor

/** A model the reader cannot read: the message names the node. */
export class ImportError extends Error {}

/** The number of elements of a tensor of these dims. */
export const elements = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1)

/** The cosearch shape of dims on a layout (axes on no dim are 1). */
export const shapeFrom = (dims: readonly number[], axes: Layout): TensorShape => {
  const shape = { h: 1, w: 1, c: 1 }
  for (let i = 0; i < dims.length; i++) {
    const axis = axes[i]
    if (axis !== undefined) shape[axis] = dims[i] ?? 1
  }
  return shape
}

const channelsFirst: readonly Layout[] = [[], ["c"], ["c", "w"], ["c", "h", "w"]]
const channelsLast: readonly Layout[] = [[], ["c"], ["h", "c"], ["h", "w", "c"]]

/**
 * Which way a tensor's dims are read: `first` as images are (C, H, W; C, W for 1-D), `last` as
 * sequences and transformers' tensors are (T, C; T, heads, C).
 */
export type LayoutStyle = "first" | "last"

/** The layout of dims in a style; beyond three dims only those above 1 take an axis. */
export const layoutOf = (dims: readonly number[], style: LayoutStyle): Layout => {
  const table = style === "first" ? channelsFirst : channelsLast
  if (dims.length <= 3) return table[dims.length] as Layout
  const large = dims.flatMap((dim, i) => (dim !== 1 ? [i] : []))
  if (large.length > 3)
    throw new ImportError(
      `a tensor of dims ${dims.join(" x ")} past the batch has more than three dims above 1: cosearch tensors have three axes (h, w, c)`,
    )
  const labels = table[large.length] as Layout
  const axes: (Axis | undefined)[] = dims.map(() => undefined)
  large.forEach((dim, k) => {
    axes[dim] = labels[k]
  })
  return axes
}

/** The style a tensor's dims follow: `last` when its last dim is on the channels. */
export const styleOf = (tensor: LayerTensor): LayoutStyle =>
  tensor.dims.length >= 2 && tensor.axes[tensor.axes.length - 1] === "c" ? "last" : "first"

/**
 * A node's axis attribute or input as an index into the dims past the batch, for a tensor of
 * `rank` such dims whose batch is ONNX's dim `batchAt` (ONNX counts the batch).
 */
export const sampleAxis = (node: OnnxNode, axis: number, rank: number, batchAt = 0): number => {
  const full = axis < 0 ? axis + rank + 1 : axis
  if (full === batchAt) throw new ImportError(`${node.op} "${node.name}": axis ${axis} is the batch, which cosearch networks do not split`)
  if (full < 0 || full > rank) throw new ImportError(`${node.op} "${node.name}": axis ${axis} is outside a tensor of ${rank + 1} dims`)
  return full < batchAt ? full : full - 1
}

export const ints = (node: OnnxNode, name: string): readonly number[] | undefined => {
  const attribute = node.attributes.get(name)
  return attribute?.kind === "ints" ? attribute.value : undefined
}
export const int = (node: OnnxNode, name: string, fallback: number): number => {
  const attribute = node.attributes.get(name)
  return attribute?.kind === "int" ? attribute.value : fallback
}
export const float = (node: OnnxNode, name: string): number | undefined => {
  const attribute: OnnxAttribute | undefined = node.attributes.get(name)
  return attribute?.kind === "float" ? attribute.value : undefined
}
export const text = (node: OnnxNode, name: string): string | undefined => {
  const attribute = node.attributes.get(name)
  return attribute?.kind === "string" ? attribute.value : undefined
}

const treatmentRank: Readonly<Record<OnnxOpReport["treatment"], number>> = {
  constant: 0,
  "pass-through": 1,
  folded: 2,
  layers: 3,
  unsupported: 4,
}

const allAxes: readonly Axis[] = ["h", "w", "c"]

/** Reads a graph into layers, tensor by tensor. */
export class GraphReader {
  readonly layers: Layer[] = []
  readonly tensors = new Map<string, Tensor>()
  readonly report = new Map<string, { count: number; treatment: OnnxOpReport["treatment"]; details: Set<string> }>()
  /** The batch the graph's inputs declare (1 when symbolic). */
  batch = 1
  /** Elements of the tensors ConstantOfShape makes (a light model's weights, standing in for initializers). */
  generatedElements = 0
  private readonly names = new Set<string>()

  constructor(readonly model: OnnxModel) {
    for (const [name, tensor] of model.initializers)
      this.tensors.set(name, { kind: "constant", dims: tensor.dims, ...(tensor.values === undefined ? {} : { values: tensor.values }) })
  }

  /** A unique layer name from a node's. */
  name(base: string): string {
    let name = base
    for (let i = 2; this.names.has(name); i++) name = `${base}_${i}`
    this.names.add(name)
    return name
  }

  note(op: string, treatment: OnnxOpReport["treatment"], detail: string): void {
    const row = this.report.get(op) ?? { count: 0, treatment, details: new Set<string>() }
    row.count++
    // A row's treatment is the most telling of its nodes': unsupported, then layers, folded,
    // pass-through, constant.
    if (treatmentRank[treatment] > treatmentRank[row.treatment]) row.treatment = treatment
    row.details.add(detail)
    this.report.set(op, row)
  }

  tensor(node: OnnxNode, index: number): Tensor {
    const name = node.inputs[index] ?? ""
    const tensor = this.tensors.get(name)
    if (tensor === undefined)
      throw new ImportError(`${node.op} "${node.name}": input ${index} "${name}" is produced by no node, input or initializer`)
    return tensor
  }

  /** A layer's tensor input. */
  layerInput(node: OnnxNode, index: number): LayerTensor {
    const tensor = this.tensor(node, index)
    if (tensor.kind !== "layer") throw new ImportError(`${node.op} "${node.name}": input ${index} is a constant, not a computed tensor`)
    return tensor
  }

  constant(node: OnnxNode, index: number): ConstantTensor | undefined {
    const name = node.inputs[index]
    if (name === undefined || name === "") return undefined
    const tensor = this.tensors.get(name)
    return tensor?.kind === "constant" ? tensor : undefined
  }

  /** The values of a constant input (a shape, axes, sizes), or undefined when absent or unknown. */
  values(node: OnnxNode, index: number): readonly number[] | undefined {
    return this.constant(node, index)?.values
  }

  /**
   * Adds a layer whose output is the node's output `output`, its dims on `axes`: every axis of
   * the inferred shape above 1 must be on one of them.
   */
  add(node: OnnxNode, layer: Layer, inputs: readonly LayerTensor[], axes: Layout, output = 0): LayerTensor {
    if (inputs.some((input) => (input.batchAt ?? 0) !== 0))
      throw new ImportError(
        `${node.op} "${node.name}": an input whose batch is not its first dim (time-major), which only LSTM and GRU read`,
      )
    const inferred = inferOutputShape(
      layer,
      inputs.map((input) => shapeFrom(input.dims, input.axes)),
    )
    if (!inferred.ok) throw new ImportError(`${node.op} "${node.name}": ${inferred.fault.detail}`)
    const shape = inferred.shape
    for (const axis of allAxes)
      if (shape[axis] > 1 && !axes.includes(axis))
        throw new ImportError(`${node.op} "${node.name}": its output ${formatShape(shape)} does not fit ${axes.length} dims`)
    this.layers.push(layer)
    const tensor: LayerTensor = { kind: "layer", layer: layer.name, dims: axes.map((axis) => (axis === undefined ? 1 : shape[axis])), axes }
    this.tensors.set(node.outputs[output] ?? "", tensor)
    return tensor
  }

  /** The node's output is its input (shape-preserving, free). */
  alias(node: OnnxNode, input: Tensor): void {
    for (const output of node.outputs.slice(0, 1)) this.tensors.set(output, input)
  }

  /**
   * The tensor with its dims on `wanted` axes: a renaming when the cosearch shape stays the same,
   * otherwise a transpose layer (data movement) is added.
   */
  conform(node: OnnxNode, tensor: LayerTensor, wanted: Layout): LayerTensor {
    if (wanted.length !== tensor.dims.length) throw new ImportError(`${node.op} "${node.name}": internal layout of the wrong rank`)
    const have = shapeFrom(tensor.dims, tensor.axes)
    if (sameShape(have, shapeFrom(tensor.dims, wanted))) return { ...tensor, axes: wanted }
    if (tensor.pad !== undefined || tensor.shuffle !== undefined)
      throw new ImportError(`${node.op} "${node.name}": a padded or shuffled tensor whose axes must be reordered`)
    const perm: Partial<Record<Axis, Axis>> = {}
    tensor.dims.forEach((_, i) => {
      const to = wanted[i]
      const from = tensor.axes[i]
      if (to !== undefined && from !== undefined) perm[to] = from
    })
    const free = allAxes.filter((axis) => !Object.values(perm).includes(axis))
    for (const axis of allAxes) if (perm[axis] === undefined) perm[axis] = free.shift() ?? axis
    const layer: Layer = {
      name: this.name(`${node.name}/transpose`),
      op: "transpose",
      inputs: [tensor.layer],
      perm: [perm.h ?? "h", perm.w ?? "w", perm.c ?? "c"],
    }
    this.layers.push(layer)
    return { kind: "layer", layer: layer.name, dims: tensor.dims, axes: wanted }
  }

  /** The tensor with new dims: renamed axes when the cosearch shape stays, else a reshape layer (data movement). */
  reshape(node: OnnxNode, tensor: LayerTensor, dims: readonly number[], axes: Layout, batchAt = 0): LayerTensor {
    const target = shapeFrom(dims, axes)
    const placed = batchAt === 0 ? {} : { batchAt }
    if (sameShape(shapeFrom(tensor.dims, tensor.axes), target)) {
      const { batchAt: _batchAt, ...rest } = tensor
      return { ...rest, dims, axes, ...placed }
    }
    const layer: Layer = { name: this.name(node.name), op: "reshape", inputs: [tensor.layer], shape: target }
    const inferred = inferOutputShape(layer, [shapeFrom(tensor.dims, tensor.axes)])
    if (!inferred.ok) throw new ImportError(`${node.op} "${node.name}": ${inferred.fault.detail}`)
    this.layers.push(layer)
    return { kind: "layer", layer: layer.name, dims, axes, ...placed }
  }
}
