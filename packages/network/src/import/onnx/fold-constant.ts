import { elements, fullDims, type GraphReader, int, ints } from "./graph-reader.js"
import type { OnnxNode } from "./onnx-model.js"

// Internal to the ONNX reader: shape arithmetic on constants (Shape, Gather, Concat, Slice, ... of
// known values) done at import, and large constants (weights) reshaped by their dims alone.

/** A target shape's dims: 0 keeps the source's dim, -1 takes the rest. */
export const resolveShape = (target: readonly number[], source: readonly number[], size: number): number[] => {
  const dims = target.map((dim, i) => (dim === 0 ? (source[i] ?? 1) : dim))
  const free = dims.indexOf(-1)
  if (free >= 0) dims[free] = size / elements(dims.filter((dim) => dim !== -1))
  return dims
}

/** An elementwise binary op on constants' values, broadcasting a single value. */
const binary = (values: readonly (readonly number[])[], f: (a: number, b: number) => number): number[] | undefined => {
  const [a = [], b = []] = values
  const length = Math.max(a.length, b.length)
  const result: number[] = []
  for (let i = 0; i < length; i++) result.push(f(a[i] ?? a[0] ?? 0, b[i] ?? b[0] ?? 0))
  return result
}

/** A Slice's starts, ends, axes and steps: inputs from opset 10, attributes before. */
export const sliceRanges = (graph: GraphReader, node: OnnxNode): (readonly number[] | undefined)[] =>
  graph.model.opset !== undefined && graph.model.opset < 10
    ? [ints(node, "starts"), ints(node, "ends"), ints(node, "axes"), undefined]
    : [1, 2, 3, 4].map((index) => graph.values(node, index))

/** Folds a node whose inputs are all constants, for the shape arithmetic exporters write; false when it cannot. */
export const foldConstant = (graph: GraphReader, node: OnnxNode): boolean => {
  const output = node.outputs[0] ?? ""
  if (node.op === "Shape") {
    const input = graph.tensor(node, 0)
    const dims = input.kind === "layer" ? fullDims(input, graph.batch) : input.dims
    // Opset 15's start and end pick a range of the dims.
    const end = node.attributes.has("end") ? int(node, "end", dims.length) : dims.length
    const values = dims.slice(int(node, "start", 0), end)
    graph.tensors.set(output, { kind: "constant", dims: [values.length], values })
    graph.note("Shape", "constant", "of a known shape")
    return true
  }
  if (node.op === "ConstantOfShape") {
    // A tensor of a given shape (light models stand their weights in so): its dims are the input's values.
    const shape = graph.values(node, 0)
    if (shape === undefined) return false
    const size = elements(shape)
    const attribute = node.attributes.get("value")
    const fill = attribute?.kind === "tensor" ? (attribute.value.values?.[0] ?? 0) : 0
    graph.tensors.set(output, { kind: "constant", dims: shape, ...(size <= 64 ? { values: new Array<number>(size).fill(fill) } : {}) })
    graph.generatedElements += size
    graph.note("ConstantOfShape", "constant", "a tensor of a known shape (a light model's weights)")
    return true
  }
  const inputs = node.inputs.filter((name) => name !== "").map((name) => graph.tensors.get(name))
  const first = inputs[0]
  if (first?.kind !== "constant") return false
  if (node.op === "Transpose" && first.dims.length > 1) {
    // A constant transposed (a filter bank, a weight): its dims permuted; its values are not needed.
    const perm = ints(node, "perm") ?? first.dims.map((_, i) => first.dims.length - 1 - i)
    graph.tensors.set(output, { kind: "constant", dims: perm.map((p) => first.dims[p] ?? 1) })
    graph.note(node.op, "constant", "of a constant: its dims")
    return true
  }
  if (first.values === undefined) {
    // A large constant (a weight, a table) reshaped or looked up: only its dims change.
    let dims: readonly number[] | undefined
    if (node.op === "Reshape") {
      const target = graph.values(node, 1)
      if (target !== undefined) dims = resolveShape(target, first.dims, elements(first.dims))
    } else if (["Unsqueeze", "Squeeze"].includes(node.op)) {
      const axes = ints(node, "axes") ?? graph.values(node, 1) ?? []
      let changed = [...first.dims]
      if (node.op === "Unsqueeze")
        for (const axis of [...axes].sort((a, b) => a - b)) changed.splice(axis < 0 ? axis + changed.length + 1 : axis, 0, 1)
      else changed = changed.filter((dim, i) => (axes.length === 0 ? dim !== 1 : !axes.includes(i) && !axes.includes(i - changed.length)))
      dims = changed
    } else if (["Identity", "Cast"].includes(node.op)) {
      dims = first.dims
    } else if (node.op === "Slice") {
      // A weight sliced (one gate's rows): each sliced dim becomes its range.
      const [starts, ends, axes, steps] = sliceRanges(graph, node)
      if (starts !== undefined && ends !== undefined && (steps ?? []).every((step) => step === 1)) {
        const changed = [...first.dims]
        ;(axes ?? starts.map((_, i) => i)).forEach((axis, i) => {
          const dim = axis < 0 ? axis + changed.length : axis
          const size = changed[dim] ?? 1
          const clamp = (index: number) => Math.min(Math.max(index < 0 ? index + size : index, 0), size)
          changed[dim] = clamp(ends[i] ?? size) - clamp(starts[i] ?? 0)
        })
        dims = changed
      }
    } else if (node.op === "Gather" && inputs[1]?.kind === "constant") {
      // Rows of a table picked by constant indices (position embeddings): the indices' dims, then the row's.
      const axis = ints(node, "axis")?.[0] ?? 0
      dims = [...first.dims.slice(0, axis), ...inputs[1].dims, ...first.dims.slice(axis + 1)]
    }
    if (dims === undefined) return false
    graph.tensors.set(output, { kind: "constant", dims })
    graph.note(node.op, "constant", "of a constant: its dims")
    return true
  }
  if (!inputs.every((input) => input?.kind === "constant" && input.values !== undefined)) return false
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
    case "Reshape":
      result = values[0]
      break
    case "Concat":
      result = values.flat()
      break
    case "Slice": {
      const data = values[0] ?? []
      const [starts = [], ends = []] = sliceRanges(graph, node)
      const clamp = (index: number) => Math.min(Math.max(index < 0 ? index + data.length : index, 0), data.length)
      result = data.slice(clamp(starts[0] ?? 0), clamp(ends[0] ?? data.length))
      break
    }
    case "Add":
      result = binary(values, (a, b) => a + b)
      break
    case "Sub":
      result = binary(values, (a, b) => a - b)
      break
    case "Mul":
      result = binary(values, (a, b) => a * b)
      break
    case "Div":
      result = binary(values, (a, b) => Math.floor(a / b))
      break
    case "Equal":
      result = binary(values, (a, b) => (a === b ? 1 : 0))
      break
    case "Where": {
      const [condition = [], x = [], y = []] = values
      result = condition.map((c, i) => (c !== 0 ? (x[i] ?? x[0] ?? 0) : (y[i] ?? y[0] ?? 0)))
      break
    }
    default:
      return false
  }
  if (result === undefined) return false
  graph.tensors.set(output, { kind: "constant", dims: [result.length], values: result })
  graph.note(node.op, "constant", "shape arithmetic folded")
  return true
}
