import type { Axis, Layer } from "../../layer/layer.js"
import { type GraphReader, ImportError, int, ints, type LayerTensor, type Layout, sampleAxis } from "./graph-reader.js"
import type { OnnxNode } from "./onnx-model.js"

// Internal to the ONNX reader: the ops of sequence models and transformers — matrix products
// (with a weight: dense; of two activations: batched matmul), softmax, layer normalization and
// reductions — read on whatever axes their dims are on.

/** The layout with the last dim on the channels (the dim that had them takes the last dim's old axis). */
const lastOnChannels = (tensor: LayerTensor): Layout => {
  const last = tensor.axes.length - 1
  const old = tensor.axes[last]
  return tensor.axes.map((axis, i) => (i === last ? "c" : axis === "c" ? old : axis))
}

/** Gemm, or MatMul by a weight: a dense layer over the last dim. */
const dense = (graph: GraphReader, node: OnnxNode): string => {
  let input = graph.layerInput(node, 0)
  const weights = graph.constant(node, 1)
  if (weights === undefined || weights.dims.length !== 2)
    throw new ImportError(`${node.op} "${node.name}": its second input must be a 2-D initializer`)
  if (int(node, "transA", 0) !== 0) throw new ImportError(`Gemm "${node.name}": transA=1 is not read`)
  const [rows = 1, columns = 1] = weights.dims
  const units = int(node, "transB", 0) === 1 ? rows : columns
  const reads = int(node, "transB", 0) === 1 ? columns : rows
  if (node.op === "Gemm" && input.dims.length > 1) {
    const flatten: Layer = { name: graph.name(`${node.name}/flatten`), op: "flatten", inputs: [input.layer] }
    input = graph.add(node, flatten, [input], ["c"])
  }
  input = graph.conform(node, input, lastOnChannels(input))
  if (input.dims[input.dims.length - 1] !== reads)
    throw new ImportError(`${node.op} "${node.name}": a weight of ${rows} x ${columns} for an input of dims ${input.dims.join(" x ")}`)
  const bias = node.op === "Gemm" && (node.inputs[2] ?? "") !== ""
  graph.add(node, { name: graph.name(node.name), op: "dense", inputs: [input.layer], units, bias }, [input], input.axes)
  return "dense"
}

/** MatMul of two computed tensors: (.., M, K) x (.., K, N) batched over one leading dim. */
const matmul = (graph: GraphReader, node: OnnxNode): string => {
  const a = graph.layerInput(node, 0)
  const b = graph.layerInput(node, 1)
  const rank = a.dims.length
  if (rank !== b.dims.length || rank < 2 || rank > 3)
    throw new ImportError(
      `MatMul "${node.name}": operands of dims ${a.dims.join(" x ")} and ${b.dims.join(" x ")} past the batch: two or three each are read`,
    )
  // cosearch's matmul: a is M x B x K on (h, w, c), b is K x B x N.
  const layout: Layout = rank === 3 ? ["w", "h", "c"] : ["h", "c"]
  const left = graph.conform(node, a, layout)
  const right = graph.conform(node, b, layout)
  graph.add(node, { name: graph.name(node.name), op: "matmul", inputs: [left.layer, right.layer] }, [left, right], layout)
  return "matmul (two activations)"
}

const softmax = (graph: GraphReader, node: OnnxNode): string => {
  const input = graph.layerInput(node, 0)
  const fallback = graph.model.opset !== undefined && graph.model.opset < 13 ? 1 : -1
  const dim = sampleAxis(node, int(node, "axis", fallback), input.dims.length)
  const axis: Axis = input.axes[dim] ?? "c"
  graph.add(node, { name: graph.name(node.name), op: "softmax", inputs: [input.layer], axis }, [input], input.axes)
  return `softmax along ${axis}`
}

const layerNorm = (graph: GraphReader, node: OnnxNode): string => {
  const input = graph.layerInput(node, 0)
  const dim = sampleAxis(node, int(node, "axis", -1), input.dims.length)
  if (input.dims.slice(dim, -1).some((size) => size !== 1))
    throw new ImportError(`LayerNormalization "${node.name}": over dims ${dim + 1}.. of ${input.dims.join(" x ")}: only the last is read`)
  const placed = graph.conform(node, input, lastOnChannels(input))
  graph.add(node, { name: graph.name(node.name), op: "layernorm", inputs: [placed.layer] }, [placed], placed.axes)
  return "layernorm"
}

/** ReduceMean/ReduceMax: over H and W of an image, a global pool; over other dims, reduce layers. */
const reduce = (graph: GraphReader, node: OnnxNode): string => {
  let tensor = graph.layerInput(node, 0)
  const given = ints(node, "axes") ?? graph.values(node, 1)
  const rank = tensor.dims.length
  const dims = [...new Set((given ?? tensor.dims.map((_, i) => i + 1)).map((axis) => sampleAxis(node, axis, rank)))].sort((x, y) => x - y)
  const keep = int(node, "keepdims", 1) === 1
  const fn = node.op === "ReduceMax" ? "max" : "mean"
  const output = node.outputs[0] ?? ""
  const kept = (result: LayerTensor): LayerTensor => {
    const sizes = result.dims.map((size, i) => (dims.includes(i) ? 1 : size))
    return keep
      ? { ...result, dims: sizes }
      : { ...result, dims: sizes.filter((_, i) => !dims.includes(i)), axes: result.axes.filter((_, i) => !dims.includes(i)) }
  }
  const spatial = dims.map((dim) => tensor.axes[dim])
  if (rank === 3 && spatial.length === 2 && spatial.includes("h") && spatial.includes("w")) {
    const layer: Layer = { name: graph.name(node.name), op: fn === "max" ? "globalmaxpool" : "globalavgpool", inputs: [tensor.layer] }
    graph.tensors.set(output, kept(graph.add(node, layer, [tensor], tensor.axes)))
    return layer.op
  }
  dims.forEach((dim, k) => {
    const axis = tensor.axes[dim]
    if (axis === undefined || tensor.dims[dim] === 1) return
    const layer: Layer = { name: graph.name(k === 0 ? node.name : `${node.name}/${k}`), op: "reduce", inputs: [tensor.layer], axis, fn }
    tensor = graph.add(node, layer, [tensor], tensor.axes)
  })
  graph.tensors.set(output, kept(tensor))
  return `reduce ${fn}`
}

/** Converts a matrix, normalization or reduction op, returning the layer it became; undefined when `node` is not one. */
export const convertSequence = (graph: GraphReader, node: OnnxNode): string | undefined => {
  switch (node.op) {
    case "Gemm":
      return dense(graph, node)
    case "MatMul":
      return graph.constant(node, 1) !== undefined ? dense(graph, node) : matmul(graph, node)
    case "Softmax":
    case "LogSoftmax":
      return softmax(graph, node)
    case "LayerNormalization":
      return layerNorm(graph, node)
    case "ReduceMean":
    case "ReduceMax":
      return reduce(graph, node)
    default:
      return undefined
  }
}
