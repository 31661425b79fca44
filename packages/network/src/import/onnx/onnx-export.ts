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
 * A network as an ONNX model (opset 14, or 17 when it has a layer normalization), shapes only: its
 * inputs with their shapes (N, C, H, W; int64 for the token ids an embedding reads), one node or a
 * few per layer, tensors (N, C, H, W) between them, weights as initializers saved as external data
 * (`weights.bin`, never written: dims only), so a template can be taken to other tools and
 * `readOnnxNetwork` reads it back to the same layers' counts. It writes Conv for conv2d, depthwise
 * and pointwise layers; ConvTranspose for deconv2d (explicit pads, output_padding, group); Gemm for
 * a dense layer on 1x1xC, MatMul by a C x units weight (channels last, then Add of the bias) at
 * every position otherwise; MatMul of two activations for matmul (each operand transposed to
 * (N, W, H, C): batch B, then M x K); LayerNormalization over channels (channels last and back);
 * Softmax, ReduceMean and ReduceMax (keepdims) along the layer's axis; Gather from the table for an
 * embedding (the ids squeezed to (N, H, W), the rows transposed channels first); Slice with
 * constant starts, ends and axes; Transpose; Resize to constant sizes (nearest or linear); a
 * channel shuffle as Reshape, Transpose, Reshape; BatchNormalization, Relu, Clip(0, 6), Sigmoid,
 * HardSigmoid, HardSwish, Tanh, swish as Sigmoid and Mul, an erf-based GELU (Div, Erf, Add, Mul,
 * Mul), Add, Mul, Concat, MaxPool, AveragePool, the global pools, Flatten and Reshape. Refused,
 * naming the layer: tensors of zeros (no producer the importer reads). Never throws.
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
  const transpose = (name: string, input: string, perm: readonly number[]): string => {
    node("Transpose", name, [input], name, [ints("perm", perm)])
    return name
  }
  // A layer's input `index` as (N, C, H, W): a rank-2 tensor (N, F) after a flatten or a Gemm is
  // reshaped back to (N, F, 1, 1).
  const image = (source: string, analyzed: AnalyzedLayer, index: number): string => {
    if (rank.get(source) !== 2) return source
    const { c, h, w } = analyzed.inputShapes[index] ?? { h: 1, w: 1, c: 1 }
    const name = `${analyzed.layer.name}/image${index}`
    node("Reshape", name, [source, constant(`${name}.shape`, [4], [network.batch, c, h, w], 7)], name)
    return name
  }
  // LayerNormalization is opset 17's; the model says 17 only when it has one.
  let usesOpset17 = false
  // Inputs read by an embedding hold token ids: int64.
  const ids = new Set(network.layers.flatMap((analyzed) => (analyzed.layer.op === "embedding" ? analyzed.layer.inputs : [])))
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
              elemType: ids.has(name) ? 7 : 1,
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
        } else {
          // At every (h, w) position: (N, H, W, C) times a C x units weight, the bias added, channels first again.
          const last = transpose(`${name}/nhwc`, first, [0, 2, 3, 1])
          let product = `${name}/product`
          node("MatMul", product, [last, weight(`${name}.weight`, [cin, layer.units])], product)
          for (const bias of b) {
            node("Add", `${name}/biased`, [product, bias], `${name}/biased`)
            product = `${name}/biased`
          }
          transpose(name, product, [0, 3, 1, 2])
        }
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
      case "matmul": {
        // ONNX's MatMul multiplies the last two dims, batched over the leading ones: each operand
        // (N, C, H, W) = (N, K, M, B) goes to (N, B, M, K), and the product back.
        const [a = "", b = ""] = layer.inputs
        const left = transpose(`${name}/a`, image(a, analyzed, 0), [0, 3, 2, 1])
        const right = transpose(`${name}/b`, image(b, analyzed, 1), [0, 3, 2, 1])
        node("MatMul", `${name}/product`, [left, right], `${name}/product`)
        transpose(name, `${name}/product`, [0, 3, 2, 1])
        break
      }
      case "transpose": {
        const [h, w, c] = layer.perm
        transpose(name, image(first, analyzed, 0), [0, axisIndex[c], axisIndex[h], axisIndex[w]])
        break
      }
      case "softmax":
        node("Softmax", name, [image(first, analyzed, 0)], name, [int("axis", axisIndex[layer.axis])])
        break
      case "layernorm": {
        // Over the channels: LayerNormalization (opset 17) normalizes the last dim, so (N, H, W, C) and back.
        usesOpset17 = true
        const last = transpose(`${name}/nhwc`, image(first, analyzed, 0), [0, 2, 3, 1])
        const affine = [weight(`${name}.scale`, [cin]), weight(`${name}.bias`, [cin])]
        node("LayerNormalization", `${name}/normalized`, [last, ...affine], `${name}/normalized`, [int("axis", -1)])
        transpose(name, `${name}/normalized`, [0, 3, 1, 2])
        break
      }
      case "reduce":
        node(layer.fn === "max" ? "ReduceMax" : "ReduceMean", name, [image(first, analyzed, 0)], name, [
          ints("axes", [axisIndex[layer.axis]]),
          int("keepdims", 1),
        ])
        break
      case "slice": {
        const ranges = [
          constant(`${name}.starts`, [1], [layer.start], 7),
          constant(`${name}.ends`, [1], [layer.start + layer.size], 7),
          constant(`${name}.axes`, [1], [axisIndex[layer.axis]], 7),
        ]
        node("Slice", name, [image(first, analyzed, 0), ...ranges], name)
        break
      }
      case "embedding": {
        // Ids (N, 1, H, W) to (N, H, W), rows of the table (N, H, W, units), channels first again.
        const squeezed = `${name}/ids`
        node("Squeeze", squeezed, [image(first, analyzed, 0), constant(`${name}.squeeze`, [1], [1], 7)], squeezed)
        const table = weight(`${name}.weight`, [layer.vocab, layer.units])
        node("Gather", `${name}/rows`, [table, squeezed], `${name}/rows`, [int("axis", 0)])
        transpose(name, `${name}/rows`, [0, 3, 1, 2])
        break
      }
      case "deconv2d": {
        const { top, left, bottom, right } = layer.padding
        const w = weight(`${name}.weight`, [cin, layer.filters / layer.groups, layer.kernel[0], layer.kernel[1]])
        const b = layer.bias ? [weight(`${name}.bias`, [layer.filters])] : []
        node("ConvTranspose", name, [image(first, analyzed, 0), w, ...b], name, [
          ints("kernel_shape", layer.kernel),
          ints("strides", layer.stride),
          ints("dilations", layer.dilation),
          ints("pads", [top, left, bottom, right]),
          ints("output_padding", layer.outputPadding),
          int("group", layer.groups),
        ])
        break
      }
      case "resize": {
        const sizes = constant(`${name}.sizes`, [4], [network.batch, cin, layer.size[0], layer.size[1]], 7)
        node("Resize", name, [image(first, analyzed, 0), "", "", sizes], name, [
          { name: "mode", type: types.STRING, s: new TextEncoder().encode(layer.mode) },
        ])
        break
      }
      case "shuffle": {
        // As exporters write a channel shuffle: (N, g, C/g, H, W), the two channel dims swapped, back to (N, C, H, W).
        const { h, w } = analyzed.inputShapes[0] ?? { h: 1, w: 1 }
        const split = `${name}/split`
        const grouped = [network.batch, layer.groups, cin / layer.groups, h, w]
        node("Reshape", split, [image(first, analyzed, 0), constant(`${split}.shape`, [5], grouped, 7)], split)
        node("Transpose", `${name}/swapped`, [split], `${name}/swapped`, [ints("perm", [0, 2, 1, 3, 4])])
        node("Reshape", name, [`${name}/swapped`, constant(`${name}.shape`, [4], [network.batch, cin, h, w], 7)], name)
        break
      }
      default:
        errors.push(`layer "${name}": ${layer.op} has no ONNX form here yet (a tensor of zeros has no producer the importer reads)`)
    }
  }
  if (errors.length > 0) return { ok: false, errors }
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "cosearch",
    opsetImport: [{ domain: "", version: usesOpset17 ? 17 : 14 }],
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
