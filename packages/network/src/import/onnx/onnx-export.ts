import onnxProto from "onnx-proto"
import type { AnalyzedLayer, AnalyzedNetwork } from "../../graph/network.js"
import { resolvePadding } from "../../layer/infer.js"
import type { Axis, Pair } from "../../layer/layer.js"

const { onnx } = onnxProto
const types = onnx.AttributeProto.AttributeType

/**
 * What `onnxFromNetwork` gives: the model's bytes, or every layer it cannot write (naming it).
 *
 * @example
 * const written: OnnxWritten = onnxFromNetwork(analyzed)
 */
export type OnnxWritten = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly errors: readonly string[] }

type Attribute = onnxProto.onnx.IAttributeProto
const ints = (name: string, value: readonly number[]): Attribute => ({ name, type: types.INTS, ints: [...value] })
const int = (name: string, value: number): Attribute => ({ name, type: types.INT, i: value })
const float = (name: string, value: number): Attribute => ({ name, type: types.FLOAT, f: value })

const axisIndex: Readonly<Record<Axis, number>> = { c: 1, h: 2, w: 3 }

/**
 * A network as an ONNX model (opset 14), shapes only: its input with its shape (N, C, H, W), one
 * node or two per layer, weights as initializers saved as external data (`weights.bin`, never
 * written: dims only), so a template can be taken to other tools and `readOnnxNetwork` reads it
 * back to the same layers' counts. Conv for conv2d, depthwise and pointwise layers, Gemm (or a
 * 1x1 Conv, per position) for dense, BatchNormalization, Relu, Clip(0, 6), Sigmoid, HardSigmoid,
 * HardSwish, Tanh, swish as Sigmoid and Mul, Add, Mul, Concat, MaxPool, AveragePool, the global
 * pools, Flatten and Reshape. Refused, naming the layer: slices, channel shuffles, zero tensors
 * and two-input matmuls (no reader for them yet). Never throws.
 *
 * @example
 * const built = buildZooNetwork("mobilenet_v2")
 * if (built.ok) { const written = onnxFromNetwork(analyzeNetworkOrThrow(built.network)); if (written.ok) writeFileSync("mobilenet_v2.onnx", written.bytes) }
 */
export const onnxFromNetwork = (network: AnalyzedNetwork): OnnxWritten => {
  const errors: string[] = []
  const nodes: onnxProto.onnx.INodeProto[] = []
  const initializers: onnxProto.onnx.ITensorProto[] = []
  const inputs: onnxProto.onnx.IValueInfoProto[] = []
  // The rank of each layer's output in the ONNX graph: 4 (N, C, H, W) or 2 (N, F) after a flatten.
  const rank = new Map<string, number>()
  const weight = (name: string, dims: readonly number[]): string => {
    initializers.push({ name, dims: [...dims], dataType: 1, dataLocation: 1, externalData: [{ key: "location", value: "weights.bin" }] })
    return name
  }
  const constant = (name: string, dims: readonly number[], values: readonly number[], dataType: number): string => {
    initializers.push(
      dataType === 7
        ? { name, dims: [...dims], dataType, int64Data: [...values] }
        : { name, dims: [...dims], dataType, floatData: [...values] },
    )
    return name
  }
  const node = (op: string, name: string, input: readonly string[], output: string, attribute: Attribute[] = []) =>
    nodes.push({ name, opType: op, input: [...input], output: [output], attribute })
  const windowAttributes = (
    analyzed: AnalyzedLayer,
    kernel: Pair,
    stride: Pair,
    dilation: Pair | undefined,
    padding: Parameters<typeof resolvePadding>[0],
  ) => {
    const input = analyzed.inputShapes[0] ?? { h: 1, w: 1, c: 1 }
    const extent: Pair = dilation === undefined ? kernel : [(kernel[0] - 1) * dilation[0] + 1, (kernel[1] - 1) * dilation[1] + 1]
    const pads = resolvePadding(padding, input, extent, stride)
    return [
      ints("kernel_shape", kernel),
      ints("strides", stride),
      ...(dilation === undefined ? [] : [ints("dilations", dilation)]),
      ints("pads", [pads.top, pads.left, pads.bottom, pads.right]),
    ]
  }
  for (const analyzed of network.layers) {
    const layer = analyzed.layer
    const name = layer.name
    const [first = ""] = layer.inputs
    const cin = analyzed.inputShapes[0]?.c ?? 1
    rank.set(name, 4)
    switch (layer.op) {
      case "input":
        inputs.push({
          name,
          type: {
            tensorType: {
              elemType: 1,
              shape: { dim: [network.batch, layer.shape.c, layer.shape.h, layer.shape.w].map((dimValue) => ({ dimValue })) },
            },
          },
        })
        break
      case "conv2d":
      case "depthwise":
      case "pointwise": {
        const groups = layer.op === "depthwise" ? cin : layer.groups
        const filters = layer.op === "depthwise" ? cin * layer.multiplier : layer.filters
        const kernel: Pair = layer.op === "pointwise" ? [1, 1] : layer.kernel
        const window =
          layer.op === "pointwise"
            ? windowAttributes(analyzed, kernel, [1, 1], [1, 1], "valid")
            : windowAttributes(analyzed, kernel, layer.stride, layer.dilation, layer.padding)
        const w = weight(`${name}.weight`, [filters, cin / groups, kernel[0], kernel[1]])
        const b = layer.bias ? [weight(`${name}.bias`, [filters])] : []
        node("Conv", name, [first, w, ...b], name, [...window, int("group", groups)])
        break
      }
      case "dense": {
        const b = layer.bias ? [weight(`${name}.bias`, [layer.units])] : []
        const input = analyzed.inputShapes[0] ?? { h: 1, w: 1, c: 1 }
        if (input.h === 1 && input.w === 1) {
          let source = first
          if (rank.get(first) !== 2) {
            source = `${name}/flatten`
            node("Flatten", source, [first], source, [int("axis", 1)])
          }
          node("Gemm", name, [source, weight(`${name}.weight`, [layer.units, cin]), ...b], name, [int("transB", 1)])
          rank.set(name, 2)
        } else node("Conv", name, [first, weight(`${name}.weight`, [layer.units, cin, 1, 1]), ...b], name, [ints("kernel_shape", [1, 1])])
        break
      }
      case "batchnorm": {
        const stats = ["scale", "bias", "mean", "var"].map((part) => weight(`${name}.${part}`, [cin]))
        node("BatchNormalization", name, [first, ...stats], name)
        rank.set(name, rank.get(first) ?? 4)
        break
      }
      case "activation": {
        rank.set(name, rank.get(first) ?? 4)
        if (layer.fn === "relu6") {
          node("Clip", name, [first, constant(`${name}.min`, [], [0], 1), constant(`${name}.max`, [], [6], 1)], name)
        } else if (layer.fn === "swish") {
          node("Sigmoid", `${name}/sigmoid`, [first], `${name}/sigmoid`)
          node("Mul", name, [first, `${name}/sigmoid`], name)
        } else if (layer.fn === "gelu") {
          // Erf-based GELU as opset 14 writes it: x * 0.5 * (1 + erf(x / sqrt(2))).
          node("Div", `${name}/scaled`, [first, constant(`${name}.sqrt2`, [], [Math.SQRT2], 1)], `${name}/scaled`)
          node("Erf", `${name}/erf`, [`${name}/scaled`], `${name}/erf`)
          node("Add", `${name}/shifted`, [`${name}/erf`, constant(`${name}.one`, [], [1], 1)], `${name}/shifted`)
          node("Mul", `${name}/gated`, [first, `${name}/shifted`], `${name}/gated`)
          node("Mul", name, [`${name}/gated`, constant(`${name}.half`, [], [0.5], 1)], name)
        } else {
          const op = { relu: "Relu", sigmoid: "Sigmoid", hsigmoid: "HardSigmoid", hswish: "HardSwish", tanh: "Tanh" }[layer.fn]
          node(op, name, [first], name, layer.fn === "hsigmoid" ? [float("alpha", 1 / 6), float("beta", 0.5)] : [])
        }
        break
      }
      case "add":
      case "mul":
        node(layer.op === "add" ? "Add" : "Mul", name, layer.inputs, name)
        rank.set(name, rank.get(first) ?? 4)
        break
      case "concat":
        node("Concat", name, layer.inputs, name, [int("axis", axisIndex[layer.axis])])
        break
      case "avgpool":
      case "maxpool":
        node(
          layer.op === "maxpool" ? "MaxPool" : "AveragePool",
          name,
          [first],
          name,
          windowAttributes(analyzed, layer.kernel, layer.stride, undefined, layer.padding),
        )
        break
      case "globalavgpool":
      case "globalmaxpool":
        node(layer.op === "globalavgpool" ? "GlobalAveragePool" : "GlobalMaxPool", name, [first], name)
        break
      case "flatten":
        node("Flatten", name, [first], name, [int("axis", 1)])
        rank.set(name, 2)
        break
      case "reshape": {
        const { c, h, w } = layer.shape
        node("Reshape", name, [first, constant(`${name}.shape`, [4], [network.batch, c, h, w], 7)], name)
        break
      }
      default:
        errors.push(`layer "${name}": ${layer.op} has no ONNX form here yet (importer and exporter read and write the same ops)`)
    }
  }
  if (errors.length > 0) return { ok: false, errors }
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "cosearch",
    opsetImport: [{ domain: "", version: 14 }],
    graph: {
      name: network.name,
      input: inputs,
      initializer: initializers,
      node: nodes,
      output: network.outputs.map((name) => ({ name, type: { tensorType: { elemType: 1 } } })),
    },
  })
  return { ok: true, bytes: onnx.ModelProto.encode(model).finish() }
}
