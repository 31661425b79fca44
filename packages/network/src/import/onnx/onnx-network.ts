import type { Network } from "../../graph/network.js"
import type { Layer } from "../../layer/layer.js"
import { convertNode } from "./convert-node.js"
import { GraphReader, ImportError, type Layout, layoutOf, type OnnxOpReport, shapeFrom } from "./graph-reader.js"
import { decodeOnnx, type OnnxModel, type OnnxValue } from "./onnx-model.js"

export type { OnnxOpReport } from "./graph-reader.js"

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

/**
 * Options of `readOnnxNetwork`.
 *
 * @example
 * const options: OnnxReadOptions = { strict: true, inputDims: { input: [1, 3, 224, 224] } }
 */
export interface OnnxReadOptions {
  /** Fail on ops not read and on ops passed through uncosted, instead of reporting them. */
  readonly strict?: boolean
  /**
   * Dims of graph inputs whose shapes the model leaves symbolic (a dynamic image size or sequence
   * length), by input name (`"*"` for every input): all of ONNX's dims, or all but the batch.
   */
  readonly inputDims?: Readonly<Record<string, readonly number[]>>
}

/**
 * The layout of a graph input's dims: images channels first; a 2-D float input read by a Conv as
 * (C, W), otherwise as a sequence (T, C); integer ids (a lookup's) along h.
 */
const inputLayout = (model: OnnxModel, input: OnnxValue, perSample: readonly number[]): Layout => {
  const integer = [2, 3, 4, 5, 6, 7, 12, 13].includes(input.elementType) // (u)int8, (u)int16, (u)int32, (u)int64
  if (integer && perSample.length <= 2) return perSample.length === 2 ? ["h", "w"] : perSample.length === 1 ? ["h"] : []
  if (perSample.length === 2) {
    const readByConv = model.nodes.some((node) => node.inputs[0] === input.name && (node.op === "Conv" || node.op === "ConvTranspose"))
    return layoutOf(perSample, readByConv ? "first" : "last")
  }
  return layoutOf(perSample, "first")
}

/**
 * Reads an ONNX model (protobuf bytes, opsets 11–21) into a cosearch network: the graph's inputs
 * (a symbolic batch read as 1); Conv (grouped, depthwise, dilated, 1-D and 2-D) and ConvTranspose;
 * Gemm and MatMul with a weight initializer (dense), MatMul of two activations (batched matmul,
 * as attention writes it); BatchNormalization, LayerNormalization, Softmax; Relu, Clip (relu6),
 * Sigmoid, HardSigmoid, HardSwish, Tanh, Gelu and the Erf of an erf-based GELU; Add/Sub/Mul/Div/Pow
 * (a constant operand folds into its producer, as a bias where it is one); Concat, Split, Slice,
 * Gather (an embedding lookup from a table, or a slice); MaxPool, AveragePool, the global pools,
 * ReduceMean and ReduceMax; Resize; Flatten, Reshape, Transpose, Squeeze and Unsqueeze (renamings
 * of dims, or a reshape or transpose layer where cosearch's shape changes); Pad (into the next
 * window); shape arithmetic on constants (Shape, Gather, Unsqueeze, Concat, Slice, ...); and
 * shape-preserving ops that cost nothing (Dropout, Identity, ...). Only shapes are read: a model
 * saved with external data loads without its weight files.
 *
 * Dims are placed on cosearch's HxWxC: images channels first (C, H, W), sequences channels last
 * (T, C; heads, T, C as heads x T x C on w, h, c).
 *
 * An op it does not read is passed through as if shape-preserving, uncosted, and named with its
 * count in the report (an error follows if it did change the shape); `strict` fails on it and on
 * the ops passed through. Never throws; a file that is not ONNX gives `{ ok: false, errors }`.
 *
 * @example
 * const read = readOnnxNetwork(readFileSync("mobilenet_v2.onnx"), "mobilenet_v2")
 * if (read.ok) console.log(read.network.layers.length, read.report)
 */
export const readOnnxNetwork = (bytes: Uint8Array, name = "onnx", options: OnnxReadOptions = {}): OnnxRead => {
  let model: OnnxModel
  try {
    model = decodeOnnx(bytes)
  } catch (error) {
    return { ok: false, errors: [(error as Error).message] }
  }
  const graph = new GraphReader(model)
  const errors: string[] = []
  let batch = 1
  const given = options.inputDims ?? {}
  for (const unknown of Object.keys(given).filter((key) => key !== "*" && !model.inputs.some((input) => input.name === key)))
    errors.push(
      `inputDims names "${unknown}", which is not an input of the model (its inputs: ${model.inputs.map((input) => input.name).join(", ")})`,
    )
  for (const input of model.inputs) {
    // An LSTM or GRU reading a graph input in its default layout takes it time-major: (T, batch, features).
    const batchAt = model.nodes.some(
      (node) => (node.op === "LSTM" || node.op === "GRU") && node.inputs[0] === input.name && node.attributes.get("layout")?.kind !== "int",
    )
      ? 1
      : 0
    const declared = input.dims
    const override = given[input.name] ?? given["*"]
    const dims =
      override === undefined || declared === undefined
        ? declared
        : override.length === declared.length
          ? override
          : override.length === declared.length - 1
            ? [...override.slice(0, batchAt), declared[batchAt], ...override.slice(batchAt)]
            : undefined
    if (override !== undefined && dims === undefined) {
      errors.push(`input "${input.name}": inputDims ${override.join("x")} for an input of ${declared?.length ?? 0} dims`)
      continue
    }
    if (override !== undefined && declared !== undefined && dims !== undefined) {
      const clash = declared.findIndex((dim, i) => dim !== undefined && dim !== dims[i])
      if (clash >= 0) {
        errors.push(
          `input "${input.name}": inputDims ${override.join("x")} differ from the model's ${declared.map((dim) => dim ?? "?").join("x")}`,
        )
        continue
      }
    }
    if (dims === undefined || dims.length < 2 || dims.some((dim, i) => i !== batchAt && dim === undefined)) {
      errors.push(
        `input "${input.name}": its shape (${dims?.map((dim) => dim ?? "?").join(" x ") ?? "none"}) must be known past the batch: give it (CLI: --input-dims ${input.name}=${(dims ?? [1, 3, 224, 224]).map((dim) => dim ?? "N").join("x")}, library: inputDims)`,
      )
      continue
    }
    batch = dims[batchAt] ?? 1 // a symbolic batch (undefined) reads as 1
    const perSample = dims.filter((_, i) => i !== batchAt) as number[]
    try {
      const axes = inputLayout(model, input, perSample)
      const layer: Layer = { name: graph.name(input.name), op: "input", inputs: [], shape: shapeFrom(perSample, axes) }
      graph.layers.push(layer)
      graph.tensors.set(input.name, { kind: "layer", layer: layer.name, dims: perSample, axes, ...(batchAt === 0 ? {} : { batchAt }) })
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
      convertNode(graph, node)
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
