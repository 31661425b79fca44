import onnxProto from "onnx-proto"

// Internal to @cosearch/network: an ONNX file decoded (protobuf, through onnx-proto's schema) into
// the plain values the graph reader needs — no weights: only shapes, attributes and the values of
// small integer tensors (the shapes a Reshape takes, a Clip's bounds).

const { onnx } = onnxProto

/** A whole number from protobuf's int64 (a number, or a Long for values beyond 2^31). */
export const wholeNumber = (value: unknown): number => {
  if (typeof value === "number") return value
  if (typeof value === "object" && value !== null && "toNumber" in value) return (value as { toNumber(): number }).toNumber()
  return Number(value)
}

/** A tensor's dims and, for small numeric tensors with their data in the file, its values. */
export interface OnnxTensor {
  readonly name: string
  readonly dims: readonly number[]
  /** The element count (the product of the dims). */
  readonly size: number
  /** The values, when the tensor is small (at most 64 elements) and stored in the file. */
  readonly values?: readonly number[]
}

/** One attribute, as the converters read it. */
export type OnnxAttribute =
  | { readonly kind: "int"; readonly value: number }
  | { readonly kind: "float"; readonly value: number }
  | { readonly kind: "ints"; readonly value: readonly number[] }
  | { readonly kind: "floats"; readonly value: readonly number[] }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "tensor"; readonly value: OnnxTensor }
  | { readonly kind: "other" }

/** A node of the graph. */
export interface OnnxNode {
  readonly name: string
  readonly op: string
  readonly domain: string
  readonly inputs: readonly string[]
  readonly outputs: readonly string[]
  readonly attributes: ReadonlyMap<string, OnnxAttribute>
}

/** A graph input or output: its name and dims (a symbolic dim, such as a batch size, as undefined). */
export interface OnnxValue {
  readonly name: string
  readonly dims: readonly (number | undefined)[] | undefined
  /** ONNX's element type (1 float, 6 int32, 7 int64, ...), 0 when not given. */
  readonly elementType: number
}

/** A decoded model. */
export interface OnnxModel {
  readonly producer: string
  readonly opset: number | undefined
  readonly graphName: string
  readonly inputs: readonly OnnxValue[]
  readonly outputs: readonly OnnxValue[]
  readonly initializers: ReadonlyMap<string, OnnxTensor>
  readonly nodes: readonly OnnxNode[]
}

/** ONNX's element types whose values are read (as numbers): float, int32/64, and the small ints. */
const tensorValues = (tensor: onnxProto.onnx.ITensorProto, size: number): number[] | undefined => {
  if (size > 64) return undefined
  const ints = tensor.int64Data ?? []
  if (ints.length === size) return ints.map(wholeNumber)
  for (const list of [tensor.int32Data, tensor.floatData, tensor.doubleData])
    if (list !== null && list !== undefined && list.length === size) return [...list]
  const raw = tensor.rawData
  if (raw === null || raw === undefined || raw.length === 0) return undefined
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
  const type = tensor.dataType ?? 0
  const width = type === 7 || type === 11 ? 8 : type === 1 || type === 6 ? 4 : 0
  if (width === 0 || raw.byteLength !== width * size) return undefined
  const values: number[] = []
  for (let i = 0; i < size; i++) {
    if (type === 7) values.push(Number(view.getBigInt64(i * 8, true)))
    else if (type === 11) values.push(view.getFloat64(i * 8, true))
    else if (type === 6) values.push(view.getInt32(i * 4, true))
    else values.push(view.getFloat32(i * 4, true))
  }
  return values
}

const tensorOf = (tensor: onnxProto.onnx.ITensorProto): OnnxTensor => {
  const dims = (tensor.dims ?? []).map(wholeNumber)
  const size = dims.reduce((product, dim) => product * dim, 1)
  const values = tensorValues(tensor, size)
  return { name: tensor.name ?? "", dims, size, ...(values === undefined ? {} : { values }) }
}

const attributeOf = (attribute: onnxProto.onnx.IAttributeProto): OnnxAttribute => {
  const types = onnx.AttributeProto.AttributeType
  switch (attribute.type) {
    case types.INT:
      return { kind: "int", value: wholeNumber(attribute.i ?? 0) }
    case types.FLOAT:
      return { kind: "float", value: attribute.f ?? 0 }
    case types.INTS:
      return { kind: "ints", value: (attribute.ints ?? []).map(wholeNumber) }
    case types.FLOATS:
      return { kind: "floats", value: attribute.floats ?? [] }
    case types.STRING:
      return { kind: "string", value: new TextDecoder().decode(attribute.s ?? new Uint8Array()) }
    case types.TENSOR:
      return attribute.t === null || attribute.t === undefined ? { kind: "other" } : { kind: "tensor", value: tensorOf(attribute.t) }
    default:
      return { kind: "other" }
  }
}

const graphValueOf = (value: onnxProto.onnx.IValueInfoProto): OnnxValue => {
  const shape = value.type?.tensorType?.shape
  const dims = shape?.dim?.map((dim) => (dim.dimValue === null || dim.dimValue === undefined ? undefined : wholeNumber(dim.dimValue)))
  return {
    name: value.name ?? "",
    dims: shape === null || shape === undefined ? undefined : dims,
    elementType: value.type?.tensorType?.elemType ?? 0,
  }
}

/**
 * Decodes an ONNX file. Weights are not read (a model saved with external data decodes without its
 * weight files; stored weights are skipped over), only shapes, attributes and small integer tensors.
 * Throws an `Error` whose message says what is wrong for bytes that are not an ONNX model.
 */
export const decodeOnnx = (bytes: Uint8Array): OnnxModel => {
  let model: onnxProto.onnx.ModelProto
  try {
    model = onnx.ModelProto.decode(bytes)
  } catch (error) {
    throw new Error(`not an ONNX model (protobuf: ${(error as Error).message})`)
  }
  const graph = model.graph
  if (graph === null || graph === undefined || (graph.node ?? []).length === 0)
    throw new Error("not an ONNX model: no graph with nodes (a truncated file, or another protobuf message)")
  const opset = (model.opsetImport ?? []).find((entry) => (entry.domain ?? "") === "" || entry.domain === "ai.onnx")
  const initializers = new Map<string, OnnxTensor>()
  for (const tensor of graph.initializer ?? []) initializers.set(tensor.name ?? "", tensorOf(tensor))
  return {
    producer: `${model.producerName ?? ""} ${model.producerVersion ?? ""}`.trim(),
    opset: opset === undefined ? undefined : wholeNumber(opset.version ?? 0),
    graphName: graph.name ?? "",
    inputs: (graph.input ?? []).filter((input) => !initializers.has(input.name ?? "")).map(graphValueOf),
    outputs: (graph.output ?? []).map(graphValueOf),
    initializers,
    nodes: (graph.node ?? []).map((node, index) => ({
      name: node.name || `${node.opType ?? "node"}_${index}`,
      op: node.opType ?? "",
      domain: node.domain ?? "",
      inputs: node.input ?? [],
      outputs: node.output ?? [],
      attributes: new Map((node.attribute ?? []).map((attribute) => [attribute.name ?? "", attributeOf(attribute)])),
    })),
  }
}
