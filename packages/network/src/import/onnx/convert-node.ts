import type { ActivationFunction, Layer } from "../../layer/layer.js"
import { convertRecurrent } from "./convert-recurrent.js"
import { convertSequence } from "./convert-sequence.js"
import { convertTensor } from "./convert-tensor.js"
import { convertVision, foldPad } from "./convert-vision.js"
import { foldConstant } from "./fold-constant.js"
import { float, type GraphReader, ImportError, type LayerTensor, type OnnxOpReport } from "./graph-reader.js"
import type { OnnxNode, OnnxTensor } from "./onnx-model.js"

// Internal to the ONNX reader: one node at a time, to the converter of its kind; element-wise ops
// and activations here.

const activations: Readonly<Record<string, ActivationFunction>> = {
  Relu: "relu",
  Sigmoid: "sigmoid",
  HardSigmoid: "hsigmoid",
  HardSwish: "hswish",
  Tanh: "tanh",
  Gelu: "gelu",
  // The erf of an erf-based GELU, x * 0.5 * (1 + erf(x / sqrt(2))), as exporters before opset 20 write it.
  Erf: "gelu",
}

/** Ops that keep the shape and cost nothing in the models: the output is the input. */
const passThrough = new Set([
  "Dropout",
  "Identity",
  "LRN",
  "Cast",
  "LeakyRelu",
  "Elu",
  "Selu",
  "PRelu",
  "Sqrt",
  "Neg",
  "Abs",
  "Exp",
  "Log",
  "Reciprocal",
])

/** Layers that may take a bias from an Add of a constant after them. */
const biasable = new Set(["conv2d", "depthwise", "pointwise", "dense", "deconv2d"])

/**
 * An Add of a constant to a layer's output: a bias of that layer when it has none and the
 * constant has one value per output channel (as exporters write a Linear: MatMul, then Add).
 */
const foldBias = (graph: GraphReader, computed: LayerTensor, constant: { readonly dims: readonly number[] }): boolean => {
  const index = graph.layers.findIndex((layer) => layer.name === computed.layer)
  const layer = graph.layers[index]
  const size = constant.dims.reduce((a, b) => a * b, 1)
  const channels = computed.dims[computed.axes.indexOf("c")]
  if (layer === undefined || !biasable.has(layer.op) || !("bias" in layer) || layer.bias || size !== channels) return false
  graph.layers[index] = { ...layer, bias: true } as Layer
  return true
}

/** Add/Sub/Mul/Div, Sum and Pow: element-wise layers; a constant operand folds into its producer. */
const elementwise = (graph: GraphReader, node: OnnxNode): string => {
  const op = node.op
  const kind = op === "Add" || op === "Sub" || op === "Sum" ? "add" : "mul"
  const operands = node.inputs.map((_, index) => graph.tensor(node, index))
  const computed = operands.filter((operand): operand is LayerTensor => operand.kind === "layer")
  if (op === "Pow") {
    const base = computed[0]
    if (base === undefined || operands[0]?.kind !== "layer") throw new ImportError(`Pow "${node.name}": of a constant base`)
    graph.add(node, { name: graph.name(node.name), op: "mul", inputs: [base.layer, base.layer] }, [base, base], base.axes)
    return "layers: mul (a power, costed as one product per element)"
  }
  if (computed.length === 0) throw new ImportError(`${op} "${node.name}": both inputs are constants the importer could not fold`)
  if (op === "Mul" && computed.length === 2) {
    // x * (1 + erf(x / sqrt 2)) of an erf-based GELU: the gelu activation made of the Erf already is it.
    const [a, b] = computed as [LayerTensor, LayerTensor]
    const gelu = [a, b].find((tensor) => {
      const layer = graph.layers.find((candidate) => candidate.name === tensor.layer)
      const other = tensor === a ? b : a
      return layer?.op === "activation" && layer.fn === "gelu" && layer.inputs[0] === other.layer
    })
    if (gelu !== undefined) {
      graph.alias(node, gelu)
      return "folded: the x * (1 + erf(x / sqrt 2)) of an erf-based GELU, into its gelu"
    }
  }
  if (computed.length === 1) {
    const only = computed[0] as LayerTensor
    graph.alias(node, only)
    const constant = operands.find((operand) => operand.kind === "constant")
    if (op === "Add" && constant !== undefined && foldBias(graph, only, constant)) return "folded: a bias, into its producer"
    return "folded: with a constant, into its producer"
  }
  // The operand with the most dims (then elements) first; the others broadcast onto its axes,
  // aligned from the last dim as ONNX aligns them.
  const size = (tensor: LayerTensor) => tensor.dims.length * 1e12 + tensor.dims.reduce((a, b) => a * b, 1)
  const ordered = [...computed].sort((x, y) => size(y) - size(x))
  const big = ordered[0] as LayerTensor
  const aligned = ordered.map((tensor, i) =>
    i === 0
      ? tensor
      : graph.conform(
          node,
          tensor,
          tensor.dims.map((_, d) => big.axes[d + big.dims.length - tensor.dims.length]),
        ),
  )
  graph.add(node, { name: graph.name(node.name), op: kind, inputs: aligned.map((tensor) => tensor.layer) }, aligned, big.axes)
  return `layers: ${kind}`
}

const activation = (graph: GraphReader, node: OnnxNode, fn: ActivationFunction | undefined): string => {
  const input = graph.layerInput(node, 0)
  let chosen: ActivationFunction = fn ?? "relu6"
  if (node.op === "Clip") {
    const low = float(node, "min") ?? graph.values(node, 1)?.[0] ?? Number.NEGATIVE_INFINITY
    const high = float(node, "max") ?? graph.values(node, 2)?.[0] ?? Number.POSITIVE_INFINITY
    chosen = low === 0 && high === 6 ? "relu6" : "relu"
  }
  graph.add(node, { name: graph.name(node.name), op: "activation", inputs: [input.layer], fn: chosen }, [input], input.axes)
  return `layers: activation ${chosen}${node.op === "Erf" ? " (the erf of an erf-based GELU)" : ""}`
}

/** Splits "treatment: detail" as converters return it. */
const noted = (graph: GraphReader, op: string, result: string, treatment: OnnxOpReport["treatment"] = "layers"): void => {
  const match = /^(layers|folded|pass-through|constant|unsupported): (.*)$/.exec(result)
  if (match === null) graph.note(op, treatment, result)
  else graph.note(op, match[1] as OnnxOpReport["treatment"], match[2] ?? "")
}

/** Converts one node into layers (or a renaming, a folded constant, a pass-through), noting it in the report. */
export const convertNode = (graph: GraphReader, node: OnnxNode): void => {
  const op = node.op
  const output = node.outputs[0] ?? ""
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
  const fn = activations[op]
  const result =
    convertVision(graph, node) ??
    convertSequence(graph, node) ??
    convertTensor(graph, node) ??
    convertRecurrent(graph, node) ??
    (fn !== undefined || op === "Clip" ? activation(graph, node, fn) : undefined) ??
    (["Add", "Sub", "Mul", "Div", "Sum", "Pow"].includes(op) ? elementwise(graph, node) : undefined)
  if (result !== undefined) {
    noted(graph, op, result)
    return
  }
  if (op === "Pad") {
    foldPad(graph, node)
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
