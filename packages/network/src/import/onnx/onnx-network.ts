import type { Network } from "../../graph/network.js"
import { inferOutputShape } from "../../layer/infer.js"
import type { ActivationFunction, Axis, ExplicitPadding, Layer } from "../../layer/layer.js"
import type { TensorShape } from "../../tensor/shape.js"
import { decodeOnnx, type OnnxAttribute, type OnnxModel, type OnnxNode, type OnnxTensor } from "./onnx-model.js"

/**
 * How the importer treated one op type of a model: how many nodes, and what it made of them —
 * `layers` (cosearch layers: conv2d, dense, ...), `folded` (into a neighbor: a bias added by a
 * constant, a padding taken by the next window), `pass-through` (shape-preserving and free in the
 * cost models: Dropout, Identity, Softmax), `constant` (shape arithmetic folded at import) or
 * `unsupported` (not read: passed through as if shape-preserving, uncosted; `strict` fails on it).
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

/**
 * What `readOnnxNetwork` gives: the network and the per-op coverage report, or every error.
 *
 * @example
 * const read: OnnxRead = readOnnxNetwork(bytes, "model")
 * if (!read.ok) console.error(read.errors.join("\n"))
 */
export type OnnxRead =
  | {
      readonly ok: true
      readonly network: Network
      readonly report: readonly OnnxOpReport[]
      /** The sum of the sizes of the model's initializers (its parameters, as stored), and of the
       * tensors ConstantOfShape makes in their place (ONNX's "light" test models). */
      readonly initializerElements: number
      readonly producer: string
      readonly opset: number | undefined
    }
  | { readonly ok: false; readonly errors: readonly string[]; readonly report?: readonly OnnxOpReport[] }

/** A tensor of the graph as the reader tracks it: a layer's output (per-sample dims, batch left out) or a constant. */
type Tensor =
  | {
      readonly kind: "layer"
      readonly layer: string
      readonly dims: readonly number[]
      readonly pad?: readonly number[]
      /** A channel shuffle under way: the channels split into `groups` (then the split axes swapped). */
      readonly shuffle?: { readonly groups: number; readonly transposed: boolean }
    }
  | { readonly kind: "constant"; readonly dims: readonly number[]; readonly values?: readonly number[] }

class ImportError extends Error {}

/** Per-sample dims (channels first) as cosearch's HxWxC shape. */
const shapeOf = (dims: readonly number[]): TensorShape => {
  if (dims.length === 0) return { h: 1, w: 1, c: 1 }
  if (dims.length === 1) return { h: 1, w: 1, c: dims[0] ?? 1 }
  if (dims.length === 2) return { h: 1, w: dims[1] ?? 1, c: dims[0] ?? 1 }
  if (dims.length === 3) return { h: dims[1] ?? 1, w: dims[2] ?? 1, c: dims[0] ?? 1 }
  throw new ImportError(`a ${dims.length + 1}-D tensor (batch and ${dims.join(" x ")}): only up to 4-D (N, C, H, W) tensors are read yet`)
}

/** A cosearch shape back as dims of the given rank (channels first). */
const dimsOf = (shape: TensorShape, rank: number): number[] =>
  rank <= 1 ? [shape.c * shape.h * shape.w] : rank === 2 ? [shape.c, shape.w] : [shape.c, shape.h, shape.w]

const ints = (node: OnnxNode, name: string): readonly number[] | undefined => {
  const attribute = node.attributes.get(name)
  return attribute?.kind === "ints" ? attribute.value : undefined
}
const int = (node: OnnxNode, name: string, fallback: number): number => {
  const attribute = node.attributes.get(name)
  return attribute?.kind === "int" ? attribute.value : fallback
}
const float = (node: OnnxNode, name: string): number | undefined => {
  const attribute: OnnxAttribute | undefined = node.attributes.get(name)
  return attribute?.kind === "float" ? attribute.value : undefined
}
const text = (node: OnnxNode, name: string): string | undefined => {
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

/** Reads a graph into layers, tensor by tensor. */
class GraphReader {
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

  /** A layer's tensor input: padding a Pad left on it becomes the consumer's (or is refused). */
  layerInput(node: OnnxNode, index: number): Extract<Tensor, { kind: "layer" }> {
    const tensor = this.tensor(node, index)
    if (tensor.kind !== "layer") throw new ImportError(`${node.op} "${node.name}": input ${index} is a constant, not a computed tensor`)
    return tensor
  }

  constant(node: OnnxNode, index: number): Extract<Tensor, { kind: "constant" }> | undefined {
    const name = node.inputs[index]
    if (name === undefined || name === "") return undefined
    const tensor = this.tensors.get(name)
    return tensor?.kind === "constant" ? tensor : undefined
  }

  /** Adds a layer whose output is the node's first output; returns its output tensor. */
  add(node: OnnxNode, layer: Layer, inputs: readonly Extract<Tensor, { kind: "layer" }>[], rank: number): void {
    const inferred = inferOutputShape(
      layer,
      inputs.map((input) => shapeOf(input.dims)),
    )
    if (!inferred.ok) throw new ImportError(`${node.op} "${node.name}": ${inferred.fault.detail}`)
    this.layers.push(layer)
    this.tensors.set(node.outputs[0] ?? "", { kind: "layer", layer: layer.name, dims: dimsOf(inferred.shape, rank) })
  }

  /** The node's output is its input (shape-preserving, free). */
  alias(node: OnnxNode, input: Tensor): void {
    for (const output of node.outputs.slice(0, 1)) this.tensors.set(output, input)
  }
}

/** Explicit padding from ONNX's `pads` (begins then ends) and `auto_pad`, for 1-D or 2-D windows. */
const paddingOf = (node: OnnxNode, rank: number, pending: readonly number[] | undefined): ExplicitPadding | "same" | "valid" => {
  const auto = text(node, "auto_pad") ?? "NOTSET"
  if (auto === "VALID")
    return pending === undefined
      ? "valid"
      : { top: pending[0] ?? 0, bottom: pending[1] ?? 0, left: pending[2] ?? 0, right: pending[3] ?? 0 }
  if (auto === "SAME_UPPER" || auto === "SAME_LOWER") return "same"
  const pads = ints(node, "pads") ?? []
  const spatial = rank === 2 ? 1 : 2
  const begin = pads.slice(0, spatial)
  const end = pads.slice(spatial, 2 * spatial)
  const [top, left] = spatial === 1 ? [0, begin[0] ?? 0] : [begin[0] ?? 0, begin[1] ?? 0]
  const [bottom, right] = spatial === 1 ? [0, end[0] ?? 0] : [end[0] ?? 0, end[1] ?? 0]
  return {
    top: top + (pending?.[0] ?? 0),
    bottom: bottom + (pending?.[1] ?? 0),
    left: left + (pending?.[2] ?? 0),
    right: right + (pending?.[3] ?? 0),
  }
}

/** A window's kernel, strides and dilations as pairs (a 1-D window runs along W). */
const windowPairs = (node: OnnxNode, kernel: readonly number[], rank: number) => {
  const pair = (values: readonly number[] | undefined, fallback: number): readonly [number, number] =>
    rank === 2 ? [1, values?.[0] ?? fallback] : [values?.[0] ?? fallback, values?.[1] ?? fallback]
  return {
    kernel: (rank === 2 ? [1, kernel[0] ?? 1] : [kernel[0] ?? 1, kernel[1] ?? 1]) as readonly [number, number],
    stride: pair(ints(node, "strides"), 1),
    dilation: pair(ints(node, "dilations"), 1),
  }
}

const activations: Readonly<Record<string, ActivationFunction>> = {
  Relu: "relu",
  Sigmoid: "sigmoid",
  HardSigmoid: "hsigmoid",
  HardSwish: "hswish",
  Tanh: "tanh",
}

/** Ops that keep the shape and cost nothing in the models: the output is the input. */
const passThrough = new Set([
  "Dropout",
  "Identity",
  "LRN",
  "Softmax",
  "LogSoftmax",
  "Cast",
  "LeakyRelu",
  "Elu",
  "Selu",
  "PRelu",
  "Erf",
  "Gelu",
  "Sqrt",
  "Neg",
  "Abs",
  "Exp",
  "Log",
  "Reciprocal",
])

/** Converts one node. */
const convert = (graph: GraphReader, node: OnnxNode): void => {
  const op = node.op
  const output = node.outputs[0] ?? ""
  const layerName = () => graph.name(node.name)
  if (op === "Constant") {
    const attribute = node.attributes.get("value")
    const tensor: OnnxTensor | undefined = attribute?.kind === "tensor" ? attribute.value : undefined
    graph.tensors.set(output, {
      kind: "constant",
      dims: tensor?.dims ?? [],
      ...(tensor?.values === undefined ? {} : { values: tensor.values }),
    })
    graph.note(op, "constant", "a constant")
    return
  }
  // Shape arithmetic on constants (Shape, Gather, Unsqueeze, Concat, ... of known values) folds.
  if (foldConstant(graph, node)) return
  if (op === "Conv") {
    const input = graph.layerInput(node, 0)
    const weights = graph.constant(node, 1)
    if (weights === undefined || weights.dims.length < 3)
      throw new ImportError(`Conv "${node.name}": its weights must be an initializer of rank 3 or 4`)
    const rank = input.dims.length
    const [filters = 1, perGroup = 1, ...kernel] = weights.dims
    const group = int(node, "group", 1)
    const channels = input.dims[0] ?? 1
    const { kernel: pairKernel, stride, dilation } = windowPairs(node, kernel, rank)
    const padding = paddingOf(node, rank, input.pad)
    const bias = node.inputs.length > 2 && (node.inputs[2] ?? "") !== ""
    if (perGroup * group !== channels)
      throw new ImportError(`Conv "${node.name}": weights for ${perGroup * group} input channels, the input has ${channels}`)
    const layer: Layer =
      group > 1 && group === channels && perGroup === 1
        ? {
            name: layerName(),
            op: "depthwise",
            inputs: [input.layer],
            multiplier: filters / channels,
            kernel: pairKernel,
            stride,
            dilation,
            padding,
            bias,
          }
        : {
            name: layerName(),
            op: "conv2d",
            inputs: [input.layer],
            filters,
            kernel: pairKernel,
            stride,
            dilation,
            padding,
            groups: group,
            bias,
          }
    graph.add(node, layer, [input], rank)
    graph.note(op, "layers", layer.op)
    return
  }
  if (op === "Gemm" || (op === "MatMul" && graph.constant(node, 1) !== undefined)) {
    let input = graph.layerInput(node, 0)
    const weights = graph.constant(node, 1)
    if (weights === undefined || weights.dims.length !== 2)
      throw new ImportError(`${op} "${node.name}": its second input must be a 2-D initializer`)
    if ((int(node, "transA", 0) ?? 0) !== 0) throw new ImportError(`Gemm "${node.name}": transA=1 is not read`)
    const units = int(node, "transB", 0) === 1 ? (weights.dims[0] ?? 1) : (weights.dims[1] ?? 1)
    if (input.dims.length > 1 && op === "Gemm") {
      const flatten: Layer = { name: graph.name(`${node.name}/flatten`), op: "flatten", inputs: [input.layer] }
      const flat = { kind: "layer" as const, layer: flatten.name, dims: [input.dims.reduce((a, b) => a * b, 1)] }
      graph.layers.push(flatten)
      input = flat
    }
    const bias = op === "Gemm" && node.inputs.length > 2 && (node.inputs[2] ?? "") !== ""
    const layer: Layer = { name: layerName(), op: "dense", inputs: [input.layer], units, bias }
    graph.add(node, layer, [input], input.dims.length)
    graph.note(op, "layers", "dense")
    return
  }
  if (op === "BatchNormalization") {
    const input = graph.layerInput(node, 0)
    graph.add(node, { name: layerName(), op: "batchnorm", inputs: [input.layer] }, [input], input.dims.length)
    graph.note(op, "layers", "batchnorm")
    return
  }
  const fn = activations[op]
  if (fn !== undefined || op === "Clip") {
    const input = graph.layerInput(node, 0)
    let chosen: ActivationFunction = fn ?? "relu6"
    if (op === "Clip") {
      const low = float(node, "min") ?? graph.constant(node, 1)?.values?.[0] ?? Number.NEGATIVE_INFINITY
      const high = float(node, "max") ?? graph.constant(node, 2)?.values?.[0] ?? Number.POSITIVE_INFINITY
      chosen = low === 0 && high === 6 ? "relu6" : "relu"
    }
    graph.add(node, { name: layerName(), op: "activation", inputs: [input.layer], fn: chosen }, [input], input.dims.length)
    graph.note(op, "layers", `activation ${chosen}`)
    return
  }
  if (op === "Sum" && node.inputs.length >= 2) {
    const inputs = node.inputs.map((_, index) => graph.layerInput(node, index))
    graph.add(node, { name: layerName(), op: "add", inputs: inputs.map((input) => input.layer) }, inputs, inputs[0]?.dims.length ?? 3)
    graph.note(op, "layers", "add")
    return
  }
  if (op === "Add" || op === "Mul" || op === "Sub" || op === "Div") {
    const [a, b] = [graph.tensor(node, 0), graph.tensor(node, 1)]
    if (a.kind === "layer" && b.kind === "layer") {
      // The larger operand first: a per-channel scale (squeeze-and-excitation's [C, 1, 1] times
      // [C, H, W]) broadcasts over it.
      const [big, small] = a.dims.reduce((x, y) => x * y, 1) >= b.dims.reduce((x, y) => x * y, 1) ? [a, b] : [b, a]
      const layer: Layer = { name: layerName(), op: op === "Add" || op === "Sub" ? "add" : "mul", inputs: [big.layer, small.layer] }
      graph.add(node, layer, [big, small], big.dims.length)
      graph.note(op, "layers", op === "Add" || op === "Sub" ? "add" : "mul")
      return
    }
    const computed = a.kind === "layer" ? a : b.kind === "layer" ? b : undefined
    if (computed === undefined) throw new ImportError(`${op} "${node.name}": both inputs are constants the importer could not fold`)
    graph.alias(node, computed)
    graph.note(op, "folded", "with a constant: folded into its producer")
    return
  }
  if (op === "Concat") {
    const inputs = node.inputs.map((_, index) => graph.layerInput(node, index))
    const rank = inputs[0]?.dims.length ?? 3
    const axis = int(node, "axis", 1)
    const normalized = axis < 0 ? axis + rank + 1 : axis
    const byRank: Readonly<Record<number, readonly Axis[]>> = { 1: ["c"], 2: ["c", "w"], 3: ["c", "h", "w"] }
    const along = byRank[rank]?.[normalized - 1]
    if (along === undefined) throw new ImportError(`Concat "${node.name}": axis ${axis} of a ${rank + 1}-D tensor is the batch or beyond`)
    graph.add(node, { name: layerName(), op: "concat", inputs: inputs.map((input) => input.layer), axis: along }, inputs, rank)
    graph.note(op, "layers", `concat along ${along}`)
    return
  }
  if (op === "MaxPool" || op === "AveragePool") {
    const input = graph.layerInput(node, 0)
    const rank = input.dims.length
    const { kernel, stride } = windowPairs(node, ints(node, "kernel_shape") ?? [1, 1], rank)
    const padding = paddingOf(node, rank, input.pad)
    const layer: Layer = { name: layerName(), op: op === "MaxPool" ? "maxpool" : "avgpool", inputs: [input.layer], kernel, stride, padding }
    graph.add(node, layer, [input], rank)
    graph.note(op, "layers", layer.op)
    return
  }
  if (op === "GlobalAveragePool" || op === "GlobalMaxPool" || (op === "ReduceMean" && (ints(node, "axes") ?? []).join() === "2,3")) {
    const input = graph.layerInput(node, 0)
    const layer: Layer = { name: layerName(), op: op === "GlobalMaxPool" ? "globalmaxpool" : "globalavgpool", inputs: [input.layer] }
    graph.add(node, layer, [input], input.dims.length)
    if (op === "ReduceMean" && int(node, "keepdims", 1) === 0)
      graph.tensors.set(output, { ...(graph.tensors.get(output) as Tensor), dims: [input.dims[0] ?? 1] })
    graph.note(op, "layers", layer.op)
    return
  }
  if (op === "Flatten" || op === "Reshape" || op === "Squeeze") {
    const input = graph.layerInput(node, 0)
    const elements = input.dims.reduce((a, b) => a * b, 1)
    let target: readonly number[] | undefined
    if (op === "Reshape") {
      const shape = graph.constant(node, 1)?.values
      if (shape === undefined) throw new ImportError(`Reshape "${node.name}": its shape is not a constant the importer could fold`)
      const known = shape.slice(1).map((dim, i) => (dim === 0 ? (input.dims[i] ?? 1) : dim))
      const free = known.indexOf(-1)
      if (free >= 0) known[free] = elements / known.filter((dim) => dim !== -1).reduce((a, b) => a * b, 1)
      target = known
    } else target = [elements]
    if (target.length === 1 && target[0] === elements) {
      if (input.dims.length === 1) graph.alias(node, input)
      else graph.add(node, { name: layerName(), op: "flatten", inputs: [input.layer] }, [input], 1)
      graph.note(op, input.dims.length === 1 ? "pass-through" : "layers", "flatten")
      return
    }
    // A channel shuffle, as exporters write it: Reshape to (g, C/g, H, W), Transpose the two
    // channel axes, Reshape back to (C, H, W).
    const [channels = 1, height = 1, width = 1] = input.dims
    if (
      input.shuffle === undefined &&
      target.length === 4 &&
      input.dims.length === 3 &&
      (target[0] ?? 0) * (target[1] ?? 0) === channels &&
      target[2] === height &&
      target[3] === width
    ) {
      graph.tensors.set(output, { ...input, shuffle: { groups: target[0] ?? 1, transposed: false } })
      graph.note(op, "folded", "into a channel shuffle (with the Transpose and Reshape after it)")
      return
    }
    if (input.shuffle?.transposed === true && target.join() === input.dims.join()) {
      const { shuffle: _shuffle, ...plain } = input
      graph.add(node, { name: layerName(), op: "shuffle", inputs: [input.layer], groups: input.shuffle.groups }, [plain], 3)
      graph.note(op, "layers", "shuffle (a channel shuffle's last Reshape)")
      return
    }
    if (target.length === 3 && target.reduce((a, b) => a * b, 1) === elements) {
      const shape = shapeOf(target)
      graph.add(node, { name: layerName(), op: "reshape", inputs: [input.layer], shape }, [input], 3)
      graph.note(op, "layers", "reshape")
      return
    }
    throw new ImportError(
      `${op} "${node.name}": to ${target.join(" x ")} from ${input.dims.join(" x ")}: only flattening and 3-D (C, H, W) targets are read yet`,
    )
  }
  if (op === "Transpose") {
    const input = graph.layerInput(node, 0)
    if (input.shuffle !== undefined && !input.shuffle.transposed && (ints(node, "perm") ?? []).join() === "0,2,1,3,4") {
      graph.tensors.set(output, { ...input, shuffle: { ...input.shuffle, transposed: true } })
      graph.note(op, "folded", "into a channel shuffle")
      return
    }
    throw new ImportError(`Transpose "${node.name}": only a channel shuffle's transpose (perm 0,2,1,3,4) is read yet`)
  }
  if (op === "Pad") {
    const input = graph.layerInput(node, 0)
    const pads = graph.constant(node, 1)?.values ?? ints(node, "pads")
    const mode = text(node, "mode") ?? "constant"
    if (pads === undefined || mode !== "constant" || input.dims.length !== 3)
      throw new ImportError(`Pad "${node.name}": only constant padding of 4-D tensors, given as a constant, is read`)
    // [N, C, H, W] begins then ends: H and W's become the next window's padding.
    const [, c0 = 0, top = 0, left = 0, , c1 = 0, bottom = 0, right = 0] = pads
    if (c0 !== 0 || c1 !== 0) throw new ImportError(`Pad "${node.name}": padding channels is not read`)
    graph.tensors.set(output, { ...input, pad: [top, bottom, left, right] })
    graph.note(op, "folded", "into the next window's padding")
    return
  }
  if (passThrough.has(op)) {
    graph.alias(node, graph.tensor(node, 0))
    graph.note(op, "pass-through", "shape-preserving: no cost counted")
    return
  }
  // Not read: assumed shape-preserving and passed through uncosted (reported; `strict` fails on it).
  const computed = node.inputs.map((name) => graph.tensors.get(name)).find((tensor) => tensor?.kind === "layer")
  if (computed === undefined || node.outputs.length !== 1) {
    graph.note(op, "unsupported", "not read")
    throw new ImportError(
      `${op} "${node.name}": an op the importer does not read, and not one it can pass through (${node.outputs.length} outputs)`,
    )
  }
  graph.alias(node, computed)
  graph.note(op, "unsupported", "not read: passed through as if shape-preserving, not costed")
}

/** Folds a node whose inputs are all constants with known values, for the shape arithmetic exporters write. */
const foldConstant = (graph: GraphReader, node: OnnxNode): boolean => {
  const output = node.outputs[0] ?? ""
  if (node.op === "Shape") {
    const input = graph.tensor(node, 0)
    graph.tensors.set(output, { kind: "constant", dims: [input.dims.length + 1], values: [graph.batch, ...input.dims] })
    graph.note("Shape", "constant", "of a known shape")
    return true
  }
  if (node.op === "ConstantOfShape") {
    // A tensor of a given shape (light models stand their weights in so): its dims are the input's values.
    const shape = graph.constant(node, 0)?.values
    if (shape === undefined) return false
    const size = shape.reduce((product, dim) => product * dim, 1)
    const attribute = node.attributes.get("value")
    const fill = attribute?.kind === "tensor" ? (attribute.value.values?.[0] ?? 0) : 0
    graph.tensors.set(output, { kind: "constant", dims: shape, ...(size <= 64 ? { values: new Array<number>(size).fill(fill) } : {}) })
    graph.generatedElements += size
    graph.note("ConstantOfShape", "constant", "a tensor of a known shape (a light model's weights)")
    return true
  }
  const inputs = node.inputs.map((name) => graph.tensors.get(name))
  const first = inputs[0]
  if (first?.kind === "constant" && first.values === undefined && node.op === "Reshape") {
    // A weight reshaped: its dims become the target's (0 keeps a dim, -1 takes the rest).
    const target = graph.constant(node, 1)?.values
    if (target === undefined) return false
    const size = first.dims.reduce((a, b) => a * b, 1)
    const dims = target.map((dim, i) => (dim === 0 ? (first.dims[i] ?? 1) : dim))
    const free = dims.indexOf(-1)
    if (free >= 0) dims[free] = size / dims.filter((dim) => dim !== -1).reduce((a, b) => a * b, 1)
    graph.tensors.set(output, { kind: "constant", dims })
    graph.note(node.op, "constant", "of a constant: its dims")
    return true
  }
  if (first?.kind === "constant" && first.values === undefined && ["Unsqueeze", "Squeeze", "Identity", "Cast"].includes(node.op)) {
    // A large constant (a weight) reshaped: only its dims change.
    const axes = ints(node, "axes") ?? graph.constant(node, 1)?.values ?? []
    let dims = [...first.dims]
    if (node.op === "Unsqueeze")
      for (const axis of [...axes].sort((a, b) => a - b)) dims.splice(axis < 0 ? axis + dims.length + 1 : axis, 0, 1)
    if (node.op === "Squeeze")
      dims = dims.filter((dim, i) => (axes.length === 0 ? dim !== 1 : !axes.includes(i) && !axes.includes(i - dims.length)))
    graph.tensors.set(output, { kind: "constant", dims })
    graph.note(node.op, "constant", "of a constant: its dims")
    return true
  }
  if (inputs.length === 0 || !inputs.every((input) => input?.kind === "constant" && input.values !== undefined)) return false
  const values = inputs.map((input) => (input as { values: readonly number[] }).values)
  let result: readonly number[] | undefined
  switch (node.op) {
    case "Gather": {
      const [data = [], indices = []] = values
      result = indices.map((index) => data[index < 0 ? index + data.length : index] ?? 0)
      break
    }
    case "Unsqueeze":
    case "Squeeze":
    case "Cast":
    case "Identity":
      result = values[0]
      break
    case "Concat":
      result = values.flat()
      break
    case "Mul":
      result = values[0]?.map((value, i) => value * (values[1]?.[i] ?? values[1]?.[0] ?? 1))
      break
    case "Div":
      result = values[0]?.map((value, i) => Math.floor(value / (values[1]?.[i] ?? values[1]?.[0] ?? 1)))
      break
    default:
      return false
  }
  if (result === undefined) return false
  graph.tensors.set(output, { kind: "constant", dims: [result.length], values: result })
  graph.note(node.op, "constant", "shape arithmetic folded")
  return true
}

/**
 * Reads an ONNX model (protobuf bytes, opsets 11–21) into a cosearch network: the graph's inputs
 * (a symbolic batch read as 1), its Conv (grouped, depthwise, dilated, 1-D and 2-D), Gemm and
 * MatMul with a weight initializer (dense), BatchNormalization, Relu, Clip (relu6), Sigmoid,
 * HardSigmoid, HardSwish, Tanh, Add/Sub/Mul/Div (a constant operand folds into its producer),
 * Concat, MaxPool, AveragePool, GlobalAveragePool, ReduceMean over H and W, Flatten and Reshape,
 * Pad (into the next window), shape arithmetic on constants (Shape, Gather, Unsqueeze, Concat, ...),
 * and shape-preserving ops that cost nothing (Dropout, Identity, Softmax, ...). Only shapes are
 * read: a model saved with external data loads without its weight files.
 *
 * An op it does not read is passed through as if shape-preserving, uncosted, and named with its
 * count in the report (an error follows if it did change the shape); `strict` fails on it and on
 * the ops passed through. Never throws; a file that is not ONNX gives `{ ok: false, errors }`.
 *
 * @example
 * const read = readOnnxNetwork(readFileSync("mobilenet_v2.onnx"), "mobilenet_v2")
 * if (read.ok) console.log(read.network.layers.length, read.report)
 */
export const readOnnxNetwork = (bytes: Uint8Array, name = "onnx", options: { readonly strict?: boolean } = {}): OnnxRead => {
  let model: OnnxModel
  try {
    model = decodeOnnx(bytes)
  } catch (error) {
    return { ok: false, errors: [(error as Error).message] }
  }
  const graph = new GraphReader(model)
  const errors: string[] = []
  let batch = 1
  for (const input of model.inputs) {
    const dims = input.dims
    if (dims === undefined || dims.length < 2 || dims.slice(1).some((dim) => dim === undefined)) {
      errors.push(`input "${input.name}": its shape (${dims?.map((dim) => dim ?? "?").join(" x ") ?? "none"}) must be known past the batch`)
      continue
    }
    batch = dims[0] ?? 1 // a symbolic batch (undefined) reads as 1
    const perSample = dims.slice(1) as number[]
    try {
      const layer: Layer = { name: graph.name(input.name), op: "input", inputs: [], shape: shapeOf(perSample) }
      graph.layers.push(layer)
      graph.tensors.set(input.name, { kind: "layer", layer: layer.name, dims: perSample })
    } catch (error) {
      errors.push(`input "${input.name}": ${(error as Error).message}`)
    }
  }
  graph.batch = batch
  if (errors.length > 0) return { ok: false, errors }
  for (const node of model.nodes) {
    if (node.domain !== "" && node.domain !== "ai.onnx") {
      errors.push(`${node.op} "${node.name}": domain "${node.domain}" is not ONNX's`)
      break
    }
    try {
      convert(graph, node)
    } catch (error) {
      if (error instanceof ImportError) {
        errors.push(error.message)
        break
      }
      throw error
    }
  }
  const report: OnnxOpReport[] = [...graph.report].map(([op, row]) => ({
    op,
    count: row.count,
    treatment: row.treatment,
    detail: [...row.details].join(", "),
  }))
  if (options.strict === true)
    for (const row of report) {
      const nodes = `${row.count} node${row.count === 1 ? "" : "s"}`
      if (row.treatment === "unsupported") errors.push(`${row.op}: ${nodes} of an op the importer does not read (strict)`)
      if (row.treatment === "pass-through") errors.push(`${row.op}: ${nodes} passed through uncosted (strict)`)
    }
  if (errors.length > 0) return { ok: false, errors, report }
  const outputs = model.outputs.flatMap((output) => {
    const tensor = graph.tensors.get(output.name)
    return tensor?.kind === "layer" ? [tensor.layer] : []
  })
  const initializerElements = [...model.initializers.values()].reduce((sum, tensor) => sum + tensor.size, 0) + graph.generatedElements
  return {
    ok: true,
    network: { name, batch, layers: graph.layers, ...(outputs.length > 0 ? { outputs } : {}) },
    report,
    initializerElements,
    producer: model.producer,
    opset: model.opset,
  }
}
