import type { NetworkRule } from "../rules/network-rule.js"
import { elementCount, formatShape, type TensorShape } from "../tensor/shape.js"
import type { Axis, Layer, Padding, Pair } from "./layer.js"

/** Why a layer's output shape cannot be inferred: the rule broken and what was found. */
export interface ShapeFault {
  readonly rule: NetworkRule
  readonly detail: string
}

/** The inferred output shape, or the fault that prevents it. */
export type ShapeInference = { readonly ok: true; readonly shape: TensorShape } | { readonly ok: false; readonly fault: ShapeFault }

const fault = (rule: NetworkRule, detail: string): ShapeInference => ({ ok: false, fault: { rule, detail } })
const shaped = (shape: TensorShape): ShapeInference => ({ ok: true, shape })

const shapeList = (shapes: readonly TensorShape[]): string => shapes.map(formatShape).join(", ")

/** Explicit per-side padding for a window of `extent` (already dilated) at a stride. */
export const resolvePadding = (
  padding: Padding,
  input: TensorShape,
  extent: Pair,
  stride: Pair,
): { top: number; bottom: number; left: number; right: number } => {
  if (padding === "valid") return { top: 0, bottom: 0, left: 0, right: 0 }
  if (padding !== "same") return padding
  // TensorFlow's rule: output = ceil(input / stride); the odd pixel of padding goes after.
  const total = (size: number, k: number, s: number): number => Math.max((Math.ceil(size / s) - 1) * s + k - size, 0)
  const ph = total(input.h, extent[0], stride[0])
  const pw = total(input.w, extent[1], stride[1])
  return { top: Math.floor(ph / 2), bottom: ph - Math.floor(ph / 2), left: Math.floor(pw / 2), right: pw - Math.floor(pw / 2) }
}

const windowOutput = (
  input: TensorShape,
  kernel: Pair,
  stride: Pair,
  dilation: Pair,
  padding: Padding,
  channels: number,
): ShapeInference => {
  for (const [label, pair] of [
    ["kernel", kernel],
    ["stride", stride],
    ["dilation", dilation],
  ] as const) {
    if (!(pair[0] >= 1 && pair[1] >= 1 && Number.isInteger(pair[0]) && Number.isInteger(pair[1]))) {
      return fault("positive-size", `${label} ${pair[0]}x${pair[1]} must be positive integers`)
    }
  }
  if (typeof padding === "object") {
    const sides = [padding.top, padding.bottom, padding.left, padding.right]
    if (sides.some((p) => !(p >= 0 && Number.isInteger(p)))) {
      return fault("positive-size", `padding ${sides.join("/")} (top/bottom/left/right) must be non-negative integers`)
    }
  }
  const extent: Pair = [(kernel[0] - 1) * dilation[0] + 1, (kernel[1] - 1) * dilation[1] + 1]
  const pad = resolvePadding(padding, input, extent, stride)
  const h = Math.floor((input.h + pad.top + pad.bottom - extent[0]) / stride[0]) + 1
  const w = Math.floor((input.w + pad.left + pad.right - extent[1]) / stride[1]) + 1
  if (h < 1 || w < 1) {
    return fault(
      "positive-size",
      `a ${kernel[0]}x${kernel[1]} window (dilation ${dilation[0]}x${dilation[1]}) does not fit input ${formatShape(input)} with padding ${pad.top}/${pad.bottom}/${pad.left}/${pad.right}: output would be ${h}x${w}`,
    )
  }
  return shaped({ h, w, c: channels })
}

const positiveInteger = (value: number): boolean => Number.isInteger(value) && value >= 1

/** What is wrong with grouped filters on an input, if anything: sizes, then divisibility. */
const groupFault = (filters: number, groups: number, input: TensorShape): ShapeInference | undefined => {
  if (!positiveInteger(filters)) return fault("positive-size", `filters ${filters} must be a positive integer`)
  if (!positiveInteger(groups)) return fault("positive-size", `groups ${groups} must be a positive integer`)
  if (input.c % groups !== 0 || filters % groups !== 0) {
    return fault(
      "divisibility",
      `groups ${groups} must divide both the input channels (input ${formatShape(input)}) and the filters (${filters})`,
    )
  }
  return undefined
}

const axisSize = (shape: TensorShape, axis: Axis): number => shape[axis]
const withAxis = (shape: TensorShape, axis: Axis, size: number): TensorShape => ({ ...shape, [axis]: size })

const expectInputs = (inputs: readonly TensorShape[], min: number, max: number): ShapeInference | undefined => {
  if (inputs.length < min || inputs.length > max) {
    const wanted = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`
    return fault("arity", `takes ${wanted} input(s), got ${inputs.length}${inputs.length > 0 ? ` (${shapeList(inputs)})` : ""}`)
  }
  return undefined
}

const broadcast = (layer: Layer, inputs: readonly TensorShape[]): ShapeInference => {
  const out = { h: 1, w: 1, c: 1 }
  for (const axis of ["h", "w", "c"] as const) {
    for (const shape of inputs) {
      const size = shape[axis]
      if (size === 1 || size === out[axis]) continue
      if (out[axis] !== 1) {
        return fault(
          "shape-mismatch",
          `input shapes ${shapeList(inputs)} differ on axis ${axis}; ${layer.op} needs equal shapes or size 1 on an axis to broadcast`,
        )
      }
      out[axis] = size
    }
  }
  return shaped(out)
}

/**
 * Infers a layer's per-sample output shape from its input shapes, or names the rule broken.
 * Pure and allocation-light: called for every layer of every candidate network.
 *
 * @example
 * const conv = { name: "c", inputs: ["x"], op: "conv2d", filters: 32, kernel: [3, 3], stride: [2, 2],
 *   dilation: [1, 1], padding: "same", groups: 1, bias: false } as const
 * inferOutputShape(conv, [{ h: 224, w: 224, c: 3 }]) // { ok: true, shape: { h: 112, w: 112, c: 32 } }
 */
export const inferOutputShape = (layer: Layer, inputs: readonly TensorShape[]): ShapeInference => {
  switch (layer.op) {
    case "input":
    case "zeros": {
      const arity = expectInputs(inputs, 0, 0)
      if (arity) return arity
      const { h, w, c } = layer.shape
      if (!positiveInteger(h) || !positiveInteger(w) || !positiveInteger(c)) {
        return fault("positive-size", `shape ${formatShape(layer.shape)} must have positive integer sizes`)
      }
      return shaped(layer.shape)
    }
    case "conv2d": {
      const arity = expectInputs(inputs, 1, 1)
      if (arity) return arity
      const input = inputs[0] as TensorShape
      const grouping = groupFault(layer.filters, layer.groups, input)
      if (grouping) return grouping
      return windowOutput(input, layer.kernel, layer.stride, layer.dilation, layer.padding, layer.filters)
    }
    case "depthwise": {
      const arity = expectInputs(inputs, 1, 1)
      if (arity) return arity
      const input = inputs[0] as TensorShape
      if (!positiveInteger(layer.multiplier)) return fault("positive-size", `multiplier ${layer.multiplier} must be a positive integer`)
      return windowOutput(input, layer.kernel, layer.stride, layer.dilation, layer.padding, input.c * layer.multiplier)
    }
    case "pointwise": {
      const arity = expectInputs(inputs, 1, 1)
      if (arity) return arity
      const input = inputs[0] as TensorShape
      const grouping = groupFault(layer.filters, layer.groups, input)
      if (grouping) return grouping
      return shaped({ h: input.h, w: input.w, c: layer.filters })
    }
    case "dense": {
      const arity = expectInputs(inputs, 1, 1)
      if (arity) return arity
      const input = inputs[0] as TensorShape
      if (!positiveInteger(layer.units)) return fault("positive-size", `units ${layer.units} must be a positive integer`)
      return shaped({ h: input.h, w: input.w, c: layer.units })
    }
    case "matmul": {
      const arity = expectInputs(inputs, 2, 2)
      if (arity) return arity
      const a = inputs[0] as TensorShape
      const b = inputs[1] as TensorShape
      if (a.c !== b.h || a.w !== b.w) {
        return fault(
          "shape-mismatch",
          `operands ${formatShape(a)} and ${formatShape(b)} do not chain: need a.c = b.h (${a.c} vs ${b.h}) and a.w = b.w (${a.w} vs ${b.w})`,
        )
      }
      return shaped({ h: a.h, w: a.w, c: b.c })
    }
    case "deconv2d": {
      const arity = expectInputs(inputs, 1, 1)
      if (arity) return arity
      const input = inputs[0] as TensorShape
      const grouping = groupFault(layer.filters, layer.groups, input)
      if (grouping) return grouping
      for (const [label, pair] of [
        ["kernel", layer.kernel],
        ["stride", layer.stride],
        ["dilation", layer.dilation],
      ] as const) {
        if (!positiveInteger(pair[0]) || !positiveInteger(pair[1]))
          return fault("positive-size", `${label} ${pair[0]}x${pair[1]} must be positive integers`)
      }
      const { top, bottom, left, right } = layer.padding
      const extra = layer.outputPadding
      if ([top, bottom, left, right, extra[0], extra[1]].some((p) => !(Number.isInteger(p) && p >= 0))) {
        return fault(
          "positive-size",
          `padding ${top}/${bottom}/${left}/${right} and output padding ${extra[0]}x${extra[1]} must be non-negative integers`,
        )
      }
      const h = (input.h - 1) * layer.stride[0] - top - bottom + layer.dilation[0] * (layer.kernel[0] - 1) + 1 + extra[0]
      const w = (input.w - 1) * layer.stride[1] - left - right + layer.dilation[1] * (layer.kernel[1] - 1) + 1 + extra[1]
      if (h < 1 || w < 1)
        return fault(
          "positive-size",
          `padding ${top}/${bottom}/${left}/${right} leaves no output of input ${formatShape(input)}: ${h}x${w}`,
        )
      return shaped({ h, w, c: layer.filters })
    }
    case "transpose": {
      const arity = expectInputs(inputs, 1, 1)
      if (arity) return arity
      const input = inputs[0] as TensorShape
      const [h, w, c] = layer.perm
      if (new Set(layer.perm).size !== 3) return fault("shape-mismatch", `perm ${layer.perm.join(",")} must name each of h, w and c once`)
      return shaped({ h: input[h], w: input[w], c: input[c] })
    }
    case "softmax":
    case "layernorm": {
      const arity = expectInputs(inputs, 1, 1)
      if (arity) return arity
      return shaped(inputs[0] as TensorShape)
    }
    case "reduce": {
      const arity = expectInputs(inputs, 1, 1)
      if (arity) return arity
      return shaped(withAxis(inputs[0] as TensorShape, layer.axis, 1))
    }
    case "embedding": {
      const arity = expectInputs(inputs, 1, 1)
      if (arity) return arity
      const input = inputs[0] as TensorShape
      if (!positiveInteger(layer.vocab) || !positiveInteger(layer.units)) {
        return fault("positive-size", `vocab ${layer.vocab} and units ${layer.units} must be positive integers`)
      }
      if (input.c !== 1) return fault("shape-mismatch", `reads one token id per position: input ${formatShape(input)} must have 1 channel`)
      return shaped({ h: input.h, w: input.w, c: layer.units })
    }
    case "resize": {
      const arity = expectInputs(inputs, 1, 1)
      if (arity) return arity
      const input = inputs[0] as TensorShape
      if (!positiveInteger(layer.size[0]) || !positiveInteger(layer.size[1])) {
        return fault("positive-size", `size ${layer.size[0]}x${layer.size[1]} must be positive integers`)
      }
      return shaped({ h: layer.size[0], w: layer.size[1], c: input.c })
    }
    case "avgpool":
    case "maxpool": {
      const arity = expectInputs(inputs, 1, 1)
      if (arity) return arity
      const input = inputs[0] as TensorShape
      return windowOutput(input, layer.kernel, layer.stride, [1, 1], layer.padding, input.c)
    }
    case "globalavgpool":
    case "globalmaxpool": {
      const arity = expectInputs(inputs, 1, 1)
      if (arity) return arity
      return shaped({ h: 1, w: 1, c: (inputs[0] as TensorShape).c })
    }
    case "add":
    case "mul": {
      const arity = expectInputs(inputs, 2, Number.POSITIVE_INFINITY)
      if (arity) return arity
      return broadcast(layer, inputs)
    }
    case "activation":
    case "batchnorm":
    case "shuffle": {
      const arity = expectInputs(inputs, 1, 1)
      if (arity) return arity
      const input = inputs[0] as TensorShape
      if (layer.op === "shuffle") {
        if (!positiveInteger(layer.groups)) return fault("positive-size", `groups ${layer.groups} must be a positive integer`)
        if (input.c % layer.groups !== 0) {
          return fault("divisibility", `groups ${layer.groups} must divide the channels of input ${formatShape(input)}`)
        }
      }
      return shaped(input)
    }
    case "concat": {
      const arity = expectInputs(inputs, 1, Number.POSITIVE_INFINITY)
      if (arity) return arity
      const first = inputs[0] as TensorShape
      let total = 0
      for (const shape of inputs) {
        for (const axis of ["h", "w", "c"] as const) {
          if (axis !== layer.axis && shape[axis] !== first[axis]) {
            return fault(
              "shape-mismatch",
              `input shapes ${shapeList(inputs)} differ on axis ${axis}; concat along ${layer.axis} needs the other axes equal`,
            )
          }
        }
        total += axisSize(shape, layer.axis)
      }
      return shaped(withAxis(first, layer.axis, total))
    }
    case "slice": {
      const arity = expectInputs(inputs, 1, 1)
      if (arity) return arity
      const input = inputs[0] as TensorShape
      const size = axisSize(input, layer.axis)
      if (!positiveInteger(layer.size) || !Number.isInteger(layer.start) || layer.start < 0 || layer.start + layer.size > size) {
        return fault(
          "positive-size",
          `slice [${layer.start}, ${layer.start + layer.size}) of axis ${layer.axis} must be non-empty and inside input ${formatShape(input)}`,
        )
      }
      return shaped(withAxis(input, layer.axis, layer.size))
    }
    case "flatten": {
      const arity = expectInputs(inputs, 1, 1)
      if (arity) return arity
      return shaped({ h: 1, w: 1, c: elementCount(inputs[0] as TensorShape) })
    }
    case "reshape": {
      const arity = expectInputs(inputs, 1, 1)
      if (arity) return arity
      const input = inputs[0] as TensorShape
      const { h, w, c } = layer.shape
      if (!positiveInteger(h) || !positiveInteger(w) || !positiveInteger(c)) {
        return fault("positive-size", `target shape ${formatShape(layer.shape)} must have positive integer sizes`)
      }
      if (elementCount(layer.shape) !== elementCount(input)) {
        return fault(
          "shape-mismatch",
          `cannot reshape input ${formatShape(input)} (${elementCount(input)} elements) to ${formatShape(layer.shape)} (${elementCount(layer.shape)} elements)`,
        )
      }
      return shaped(layer.shape)
    }
  }
}
