import type { Axis, Layer } from "../../layer/layer.js"
import { resolveShape, sliceRanges } from "./fold-constant.js"
import {
  elements,
  fullDims,
  type GraphReader,
  ImportError,
  int,
  ints,
  type LayerTensor,
  type Layout,
  layoutOf,
  sampleAxis,
  styleOf,
} from "./graph-reader.js"
import type { OnnxNode } from "./onnx-model.js"

// Internal to the ONNX reader: ops that move or rename data — Reshape, Flatten, Transpose,
// Squeeze, Unsqueeze, Concat, Split, Slice and Gather on computed tensors. Most are renamings of
// dims (free); a layer is added only where cosearch's shape changes.

/** The cosearch axis of a dim, for ops that work along it. */
const axisOf = (node: OnnxNode, tensor: LayerTensor, dim: number): Axis => {
  const axis = tensor.axes[dim]
  if (axis === undefined) throw new ImportError(`${node.op} "${node.name}": along a dim of size 1 that is on no axis`)
  return axis
}

/** Slices `[start, start + size)` of one dim (a slice layer, or nothing when it is the whole dim). */
const sliceDim = (
  graph: GraphReader,
  node: OnnxNode,
  tensor: LayerTensor,
  dim: number,
  start: number,
  size: number,
  output: number,
): LayerTensor => {
  if (start === 0 && size === tensor.dims[dim]) return tensor
  const axis = axisOf(node, tensor, dim)
  const layer: Layer = {
    name: graph.name(output === 0 ? node.name : `${node.name}/${output}`),
    op: "slice",
    inputs: [tensor.layer],
    axis,
    start,
    size,
  }
  return graph.add(node, layer, [tensor], tensor.axes, output)
}

const reshape = (graph: GraphReader, node: OnnxNode): string => {
  const input = graph.layerInput(node, 0)
  const size = elements(input.dims)
  let target: readonly number[]
  const batchAt = input.batchAt ?? 0
  if (node.op === "Reshape") {
    const shape = graph.values(node, 1)
    if (shape === undefined) throw new ImportError(`Reshape "${node.name}": its shape is not a constant the importer could fold`)
    // The batch's entry (0 keeps a dim, as it keeps the batch) is left out: the rest are per sample.
    if (batchAt !== 0 && shape[batchAt] !== 0)
      throw new ImportError(`Reshape "${node.name}": to ${shape.join(" x ")}, merging a time-major tensor's batch`)
    const full = resolveShape(shape, fullDims(input, graph.batch), size * graph.batch)
    target = full.filter((_, i) => i !== batchAt)
  } else {
    if (node.op === "Flatten" && int(node, "axis", 1) !== 1)
      throw new ImportError(`Flatten "${node.name}": axis ${int(node, "axis", 1)}: only flattening past the batch (axis 1) is read`)
    target = [size]
  }
  if (elements(target) !== size)
    throw new ImportError(`${node.op} "${node.name}": to ${target.join(" x ")} from ${input.dims.join(" x ")} changes the element count`)
  const output = node.outputs[0] ?? ""
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
    return "folded: into a channel shuffle (with the Transpose and Reshape after it)"
  }
  if (input.shuffle?.transposed === true && target.join() === input.dims.join()) {
    const { shuffle, ...plain } = input
    graph.add(node, { name: graph.name(node.name), op: "shuffle", inputs: [input.layer], groups: shuffle.groups }, [plain], ["c", "h", "w"])
    return "layers: shuffle (a channel shuffle's last Reshape)"
  }
  if (target.length === 1 && input.dims.length > 1 && input.axes.filter((axis) => axis !== undefined).length > 1) {
    graph.add(node, { name: graph.name(node.name), op: "flatten", inputs: [input.layer] }, [input], ["c"])
    return "layers: flatten"
  }
  const reshaped = graph.reshape(node, input, target, layoutOf(target, styleOf(input)), batchAt)
  graph.tensors.set(output, reshaped)
  return reshaped.layer === input.layer ? "folded: renames dims" : "layers: reshape"
}

const transpose = (graph: GraphReader, node: OnnxNode): string => {
  const input = graph.layerInput(node, 0)
  // ONNX's default reverses every dim (the batch's too).
  const perm = ints(node, "perm") ?? [...input.dims, 0].map((_, i) => input.dims.length - i)
  if (input.shuffle !== undefined && !input.shuffle.transposed && perm.join() === "0,2,1,3,4") {
    graph.tensors.set(node.outputs[0] ?? "", { ...input, shuffle: { ...input.shuffle, transposed: true } })
    return "folded: into a channel shuffle"
  }
  if (input.pad !== undefined || input.shuffle !== undefined)
    throw new ImportError(`Transpose "${node.name}": of a padded or shuffled tensor`)
  // Over ONNX's dims, the batch included (it may move: time-major tensors around a recurrence).
  const batchAt = input.batchAt ?? 0
  const full = fullDims(input, graph.batch)
  const fullAxes: (Axis | undefined | "batch")[] = [...input.axes]
  fullAxes.splice(batchAt, 0, "batch")
  if (perm.length !== full.length) throw new ImportError(`Transpose "${node.name}": perm ${perm.join(",")} for ${full.length} dims`)
  const moved = perm.indexOf(batchAt)
  const keep = (_: unknown, i: number) => i !== moved
  const dims = perm.map((p) => full[p] ?? 1).filter(keep)
  const axes = perm.map((p) => fullAxes[p]).filter(keep) as (Axis | undefined)[]
  const { batchAt: _batchAt, ...rest } = input
  graph.tensors.set(node.outputs[0] ?? "", { ...rest, dims, axes, ...(moved === 0 ? {} : { batchAt: moved }) })
  return "folded: renames axes (a transpose layer is added where an op needs another order)"
}

const squeeze = (graph: GraphReader, node: OnnxNode): string => {
  const input = graph.layerInput(node, 0)
  const given = ints(node, "axes") ?? graph.values(node, 1)
  const rank = input.dims.length
  const batchAt = input.batchAt ?? 0
  if (node.op === "Squeeze") {
    const drop = new Set(
      given === undefined
        ? input.dims.flatMap((dim, i) => (dim === 1 ? [i] : []))
        : given.map((axis) => sampleAxis(node, axis, rank, batchAt)),
    )
    // Dims before a time-major batch that go move it forward.
    const before = [...drop].filter((dim) => dim < batchAt).length
    for (const dim of drop)
      if (input.dims[dim] !== 1) throw new ImportError(`Squeeze "${node.name}": dim ${dim + 1} has size ${input.dims[dim]}, not 1`)
    const keep = (_: unknown, i: number) => !drop.has(i)
    const { batchAt: _batchAt, ...rest } = input
    const at = batchAt - before
    graph.tensors.set(node.outputs[0] ?? "", {
      ...rest,
      dims: input.dims.filter(keep),
      axes: input.axes.filter(keep),
      ...(at === 0 ? {} : { batchAt: at }),
    })
    return "folded: drops dims of size 1"
  }
  if (given === undefined) throw new ImportError(`Unsqueeze "${node.name}": its axes are not a constant the importer could fold`)
  const outRank = rank + given.length
  const dims: number[] = [...input.dims]
  const axes: (Axis | undefined)[] = [...input.axes]
  // Positions in the output's ONNX dims: the batch moves back past those inserted before it.
  let at = batchAt
  for (const full of given.map((axis) => (axis < 0 ? axis + outRank + 1 : axis)).sort((a, b) => a - b)) {
    if (full <= at) at++
    const dim = full < at ? full : full - 1
    dims.splice(dim, 0, 1)
    axes.splice(dim, 0, undefined)
  }
  const { batchAt: _batchAt, ...rest } = input
  graph.tensors.set(node.outputs[0] ?? "", { ...rest, dims, axes, ...(at === 0 ? {} : { batchAt: at }) })
  return "folded: adds dims of size 1"
}

const concat = (graph: GraphReader, node: OnnxNode): string => {
  const first = graph.layerInput(node, 0)
  const inputs = node.inputs.map((_, index) => graph.conform(node, graph.layerInput(node, index), first.axes))
  const dim = sampleAxis(node, int(node, "axis", 1), first.dims.length)
  const along = axisOf(node, first, dim)
  graph.add(
    node,
    { name: graph.name(node.name), op: "concat", inputs: inputs.map((input) => input.layer), axis: along },
    inputs,
    first.axes,
  )
  return `layers: concat along ${along}`
}

const split = (graph: GraphReader, node: OnnxNode): string => {
  const input = graph.layerInput(node, 0)
  const dim = sampleAxis(node, int(node, "axis", 0), input.dims.length)
  const total = input.dims[dim] ?? 1
  const count = node.outputs.length
  const chunk = Math.ceil(total / count)
  const sizes = ints(node, "split") ?? graph.values(node, 1) ?? Array.from({ length: count }, (_, i) => Math.min(chunk, total - i * chunk))
  if (sizes.length !== count || sizes.some((size) => size < 1) || sizes.reduce((a, b) => a + b, 0) !== total)
    throw new ImportError(`Split "${node.name}": sizes ${sizes.join(", ")} for ${count} outputs of a dim of ${total}`)
  let start = 0
  sizes.forEach((size, output) => {
    const part = sliceDim(graph, node, input, dim, start, size, output)
    graph.tensors.set(node.outputs[output] ?? "", part)
    start += size
  })
  return `layers: slice along ${axisOf(node, input, dim)}`
}

const slice = (graph: GraphReader, node: OnnxNode): string => {
  let tensor = graph.layerInput(node, 0)
  const [starts, ends, given, steps] = sliceRanges(graph, node)
  const axes = given ?? starts?.map((_, i) => i + 1)
  if (starts === undefined || ends === undefined || axes === undefined)
    throw new ImportError(`Slice "${node.name}": its starts, ends and axes must be constants the importer could fold`)
  axes.forEach((axis, i) => {
    if ((steps?.[i] ?? 1) !== 1) throw new ImportError(`Slice "${node.name}": step ${steps?.[i]}: only step 1 is read`)
    const full = axis < 0 ? axis + tensor.dims.length + 1 : axis
    const size = full === 0 ? graph.batch : (tensor.dims[full - 1] ?? 1)
    const clamp = (index: number) => Math.min(Math.max(index < 0 ? index + size : index, 0), size)
    const [start, end] = [clamp(starts[i] ?? 0), clamp(ends[i] ?? size)]
    if (full === 0) {
      if (start !== 0 || end !== size) throw new ImportError(`Slice "${node.name}": slicing the batch is not read`)
      return
    }
    if (end <= start) throw new ImportError(`Slice "${node.name}": an empty slice [${start}, ${end}) of dim ${full}`)
    tensor = sliceDim(graph, node, tensor, full - 1, start, end - start, 0)
    tensor = { ...tensor, dims: tensor.dims.map((dim, d) => (d === full - 1 ? end - start : dim)) }
  })
  graph.tensors.set(node.outputs[0] ?? "", tensor)
  return "layers: slice"
}

/** Gather on a computed tensor with constant indices: a slice (a scalar index drops the dim). */
const gatherComputed = (graph: GraphReader, node: OnnxNode, input: LayerTensor): string => {
  const indices = graph.constant(node, 1)
  const values = indices?.values
  if (indices === undefined || values === undefined || values.length === 0)
    throw new ImportError(`Gather "${node.name}": from a computed tensor, the indices must be constants the importer could fold`)
  const dim = sampleAxis(node, int(node, "axis", 0), input.dims.length)
  const size = input.dims[dim] ?? 1
  const picked = values.map((index) => (index < 0 ? index + size : index))
  const first = picked[0] ?? 0
  if (picked.some((index, i) => index !== first + i))
    throw new ImportError(`Gather "${node.name}": indices ${values.join(",")} are not a contiguous range`)
  const part = sliceDim(graph, node, input, dim, first, picked.length, 0)
  const sliced: LayerTensor = { ...part, dims: part.dims.map((d, i) => (i === dim ? picked.length : d)) }
  const scalar = indices.dims.length === 0
  const keep = (_: unknown, i: number) => !(scalar && i === dim)
  graph.tensors.set(node.outputs[0] ?? "", scalar ? { ...sliced, dims: sliced.dims.filter(keep), axes: sliced.axes.filter(keep) } : sliced)
  return "layers: slice (a gather of a contiguous range)"
}

/** Gather from a constant table by computed ids: an embedding lookup (the ids on h, then w). */
const embedding = (graph: GraphReader, node: OnnxNode, table: readonly number[]): string => {
  const ids = graph.layerInput(node, 1)
  if (table.length !== 2 || int(node, "axis", 0) !== 0) throw new ImportError(`Gather "${node.name}": a lookup reads rows of a 2-D table`)
  const layout: Layout = ids.dims.length === 0 ? [] : ids.dims.length === 1 ? ["h"] : ids.dims.length === 2 ? ["h", "w"] : []
  if (layout.length !== ids.dims.length)
    throw new ImportError(`Gather "${node.name}": ids of dims ${ids.dims.join(" x ")}: up to 2 are read`)
  const placed = graph.conform(node, ids, layout)
  const layer: Layer = { name: graph.name(node.name), op: "embedding", inputs: [placed.layer], vocab: table[0] ?? 1, units: table[1] ?? 1 }
  graph.add(node, layer, [placed], [...layout, "c"])
  return "layers: embedding"
}

/** Converts a data-movement op, returning what it became ("treatment: detail"); undefined when `node` is not one. */
export const convertTensor = (graph: GraphReader, node: OnnxNode): string | undefined => {
  switch (node.op) {
    case "Reshape":
    case "Flatten":
      return reshape(graph, node)
    case "Transpose":
      return transpose(graph, node)
    case "Squeeze":
    case "Unsqueeze":
      return squeeze(graph, node)
    case "Concat":
      return concat(graph, node)
    case "Split":
      return split(graph, node)
    case "Slice":
      return slice(graph, node)
    case "Gather": {
      const data = graph.tensor(node, 0)
      return data.kind === "layer" ? gatherComputed(graph, node, data) : embedding(graph, node, data.dims)
    }
    default:
      return undefined
  }
}
