import type { ExplicitPadding, Layer } from "../../layer/layer.js"
import { type GraphReader, ImportError, int, ints, type LayerTensor, type Layout, text } from "./graph-reader.js"
import type { OnnxNode } from "./onnx-model.js"

// Internal to the ONNX reader: the ops of images — convolutions (and transposed ones), pooling,
// batch norm, padding and resizing — whose tensors are channels first (C, H, W; C, W in 1-D).

/** The channels-first layout a window op reads: (C, W) for 1-D, (C, H, W) for 2-D. */
export const imageLayout = (node: OnnxNode, input: LayerTensor): Layout => {
  if (input.dims.length === 3) return ["c", "h", "w"]
  if (input.dims.length === 2) return ["c", "w"]
  if (input.dims.length === 1) return ["c"]
  throw new ImportError(`${node.op} "${node.name}": an input of dims ${input.dims.join(" x ")} past the batch: 1-D or 2-D images are read`)
}

/** The input as an image: channels first. */
const imageInput = (graph: GraphReader, node: OnnxNode, index = 0): LayerTensor => {
  const input = graph.layerInput(node, index)
  return graph.conform(node, input, imageLayout(node, input))
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

/** A convolution's image input, its weights' dims (out or in channels, per group, then the kernel) and its groups. */
const convolution = (graph: GraphReader, node: OnnxNode) => {
  const input = imageInput(graph, node)
  const weights = graph.constant(node, 1)
  if (weights === undefined || weights.dims.length < 3)
    throw new ImportError(`${node.op} "${node.name}": its weights must be an initializer of rank 3 or 4`)
  return { input, rank: input.dims.length, weights: weights.dims, group: int(node, "group", 1) }
}

const conv = (graph: GraphReader, node: OnnxNode): string => {
  const { input, rank, weights, group } = convolution(graph, node)
  const [filters = 1, perGroup = 1, ...kernel] = weights
  const channels = input.dims[0] ?? 1
  const { kernel: pairKernel, stride, dilation } = windowPairs(node, kernel, rank)
  const padding = paddingOf(node, rank, input.pad)
  const bias = (node.inputs[2] ?? "") !== ""
  if (perGroup * group !== channels)
    throw new ImportError(`Conv "${node.name}": weights for ${perGroup * group} input channels, the input has ${channels}`)
  const name = graph.name(node.name)
  const unpadded = padding === "valid" || padding === "same" || (padding.top | padding.bottom | padding.left | padding.right) === 0
  const pointwise = pairKernel.join() === "1,1" && stride.join() === "1,1" && dilation.join() === "1,1" && unpadded
  const layer: Layer = pointwise
    ? { name, op: "pointwise", inputs: [input.layer], filters, groups: group, bias }
    : group > 1 && group === channels && perGroup === 1
      ? {
          name,
          op: "depthwise",
          inputs: [input.layer],
          multiplier: filters / channels,
          kernel: pairKernel,
          stride,
          dilation,
          padding,
          bias,
        }
      : { name, op: "conv2d", inputs: [input.layer], filters, kernel: pairKernel, stride, dilation, padding, groups: group, bias }
  graph.add(node, layer, [input], input.axes)
  return layer.op
}

const convTranspose = (graph: GraphReader, node: OnnxNode): string => {
  const { input, rank, weights, group } = convolution(graph, node)
  if (input.pad !== undefined) throw new ImportError(`ConvTranspose "${node.name}": a Pad before a transposed convolution is not read`)
  const [channels = 1, perGroup = 1, ...kernel] = weights
  if (channels !== input.dims[0])
    throw new ImportError(`ConvTranspose "${node.name}": weights for ${channels} input channels, the input has ${input.dims[0]}`)
  const { kernel: pairKernel, stride, dilation } = windowPairs(node, kernel, rank)
  const spatial = rank === 2 ? 1 : 2
  const extra = ints(node, "output_padding") ?? []
  const outputPadding: [number, number] = spatial === 1 ? [0, extra[0] ?? 0] : [extra[0] ?? 0, extra[1] ?? 0]
  const sizes = input.dims.slice(1)
  const wanted = ints(node, "output_shape")
  const auto = text(node, "auto_pad") ?? "NOTSET"
  // Total padding per spatial axis: from `pads`, or what `output_shape` (or SAME) implies.
  const totals = sizes.map((size, i) => {
    const axis = spatial === 1 ? 1 : i === 0 ? 0 : 1
    const full = (size - 1) * stride[axis] + dilation[axis] * (pairKernel[axis] - 1) + 1 + outputPadding[axis]
    const target = wanted?.[wanted.length - sizes.length + i] ?? (auto.startsWith("SAME") ? size * stride[axis] : undefined)
    return target === undefined ? undefined : full - target
  })
  const pads = ints(node, "pads") ?? []
  const side = (i: number, end: boolean): number => {
    const total = totals[i]
    if (total === undefined) return pads[(end ? spatial : 0) + i] ?? 0
    const half = Math.floor(total / 2)
    return auto === "SAME_LOWER" ? (end ? half : total - half) : end ? total - half : half
  }
  const padding: ExplicitPadding =
    spatial === 1
      ? { top: 0, bottom: 0, left: side(0, false), right: side(0, true) }
      : { top: side(0, false), bottom: side(0, true), left: side(1, false), right: side(1, true) }
  const layer: Layer = {
    name: graph.name(node.name),
    op: "deconv2d",
    inputs: [input.layer],
    filters: perGroup * group,
    kernel: pairKernel,
    stride,
    dilation,
    padding,
    outputPadding,
    groups: group,
    bias: (node.inputs[2] ?? "") !== "",
  }
  graph.add(node, layer, [input], input.axes)
  return "deconv2d"
}

const pool = (graph: GraphReader, node: OnnxNode): string => {
  const input = imageInput(graph, node)
  const rank = input.dims.length
  const { kernel, stride } = windowPairs(node, ints(node, "kernel_shape") ?? [1, 1], rank)
  let padding = paddingOf(node, rank, input.pad)
  if (int(node, "ceil_mode", 0) === 1 && padding !== "same") {
    // Ceil mode: the last window may start inside the padding; as extra padding after.
    const explicit = padding === "valid" ? { top: 0, bottom: 0, left: 0, right: 0 } : padding
    const extra = (size: number, begin: number, end: number, k: number, s: number): number => {
      const span = size + begin + end - k
      return span % s === 0 ? 0 : s - (span % s)
    }
    const height = rank === 3 ? (input.dims[1] ?? 1) : 1
    const width = input.dims[rank - 1] ?? 1
    padding = {
      ...explicit,
      bottom: explicit.bottom + extra(height, explicit.top, explicit.bottom, kernel[0], stride[0]),
      right: explicit.right + extra(width, explicit.left, explicit.right, kernel[1], stride[1]),
    }
  }
  const layer: Layer = {
    name: graph.name(node.name),
    op: node.op === "MaxPool" ? "maxpool" : "avgpool",
    inputs: [input.layer],
    kernel,
    stride,
    padding,
  }
  graph.add(node, layer, [input], input.axes)
  return layer.op
}

const resize = (graph: GraphReader, node: OnnxNode): string => {
  const input = imageInput(graph, node)
  if (input.dims.length !== 3) throw new ImportError(`${node.op} "${node.name}": resizing is read for 2-D images (C, H, W)`)
  const [, height = 1, width = 1] = input.dims
  // Opset 11+: X, roi, scales, sizes; opset 10 (Upsample too): X, scales.
  const sizes = graph.values(node, 3)
  const scales = node.op === "Upsample" || graph.model.opset === 10 ? graph.values(node, 1) : graph.values(node, 2)
  let size: readonly [number, number] | undefined
  if (sizes !== undefined && sizes.length === 4) size = [sizes[2] ?? height, sizes[3] ?? width]
  else if (scales !== undefined && scales.length === 4) size = [Math.floor(height * (scales[2] ?? 1)), Math.floor(width * (scales[3] ?? 1))]
  if (size === undefined) throw new ImportError(`${node.op} "${node.name}": its scales or sizes must be constants the importer could fold`)
  if (scales !== undefined && scales.length === 4 && scales[1] !== 1)
    throw new ImportError(`${node.op} "${node.name}": resizing channels is not read`)
  const mode = text(node, "mode") ?? "nearest"
  const layer: Layer = {
    name: graph.name(node.name),
    op: "resize",
    inputs: [input.layer],
    size,
    mode: mode === "nearest" ? "nearest" : "linear",
  }
  graph.add(node, layer, [input], input.axes)
  return `resize ${layer.mode}${mode === "cubic" ? " (cubic, costed as linear)" : ""}`
}

/**
 * Converts an image op, returning what it became for the report; undefined when `node` is not one.
 */
export const convertVision = (graph: GraphReader, node: OnnxNode): string | undefined => {
  switch (node.op) {
    case "Conv":
      return conv(graph, node)
    case "ConvTranspose":
      return convTranspose(graph, node)
    case "MaxPool":
    case "AveragePool":
      return pool(graph, node)
    case "Resize":
    case "Upsample":
      return resize(graph, node)
    case "GlobalAveragePool":
    case "GlobalMaxPool": {
      const input = imageInput(graph, node)
      const layer: Layer = {
        name: graph.name(node.name),
        op: node.op === "GlobalMaxPool" ? "globalmaxpool" : "globalavgpool",
        inputs: [input.layer],
      }
      graph.add(node, layer, [input], input.axes)
      return layer.op
    }
    case "BatchNormalization": {
      const input = imageInput(graph, node)
      graph.add(node, { name: graph.name(node.name), op: "batchnorm", inputs: [input.layer] }, [input], input.axes)
      return "batchnorm"
    }
    default:
      return undefined
  }
}

/** Pad: constant padding of H and W becomes the next window's padding. */
export const foldPad = (graph: GraphReader, node: OnnxNode): void => {
  const input = imageInput(graph, node)
  const pads = graph.values(node, 1) ?? ints(node, "pads")
  const mode = text(node, "mode") ?? "constant"
  if (pads === undefined || mode !== "constant" || input.dims.length !== 3)
    throw new ImportError(`Pad "${node.name}": only constant padding of 4-D tensors, given as a constant, is read`)
  // [N, C, H, W] begins then ends: H and W's become the next window's padding.
  const [, c0 = 0, top = 0, left = 0, , c1 = 0, bottom = 0, right = 0] = pads
  if (c0 !== 0 || c1 !== 0) throw new ImportError(`Pad "${node.name}": padding channels is not read`)
  graph.tensors.set(node.outputs[0] ?? "", { ...input, pad: [top, bottom, left, right] })
}
