import onnxProto from "onnx-proto"

// Test support: ONNX models written here with onnx-proto's encoder (the graphs a test needs,
// attributes and shapes only; weights as dims without data, as a model saved with external data).

const { onnx } = onnxProto
const types = onnx.AttributeProto.AttributeType

export type Attribute = number | readonly number[] | string | { readonly tensor: readonly number[]; readonly values: readonly number[] }

const attribute = (name: string, value: Attribute): onnxProto.onnx.IAttributeProto => {
  if (typeof value === "number")
    return Number.isInteger(value) ? { name, type: types.INT, i: value } : { name, type: types.FLOAT, f: value }
  if (typeof value === "string") return { name, type: types.STRING, s: new TextEncoder().encode(value) }
  if ("tensor" in value) return { name, type: types.TENSOR, t: { dims: [...value.tensor], dataType: 7, int64Data: [...value.values] } }
  return { name, type: types.INTS, ints: [...value] }
}

/** A graph input: its name, dims (a string is a symbolic dim) and ONNX element type (1 float by default, 7 int64). */
export interface GraphInput {
  readonly name: string
  readonly dims: readonly (number | string)[]
  readonly elementType?: number
}

export interface NodeSpec {
  readonly op: string
  readonly inputs: readonly string[]
  readonly outputs: readonly string[]
  readonly name?: string
  readonly attributes?: Readonly<Record<string, Attribute>>
}

/** An ONNX model's bytes: one input, initializers by dims (no data), the nodes, the outputs. */
export const onnxModel = (spec: {
  readonly input: GraphInput | readonly GraphInput[]
  readonly initializers: Readonly<Record<string, readonly number[]>>
  readonly nodes: readonly NodeSpec[]
  readonly outputs: readonly string[]
  readonly opset?: number
}): Uint8Array => {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "cosearch-test",
    opsetImport: [{ domain: "", version: spec.opset ?? 13 }],
    graph: {
      name: "test",
      input: (Array.isArray(spec.input) ? (spec.input as readonly GraphInput[]) : [spec.input as GraphInput]).map((input) => ({
        name: input.name,
        type: {
          tensorType: {
            elemType: input.elementType ?? 1,
            shape: { dim: input.dims.map((dim) => (typeof dim === "number" ? { dimValue: dim } : { dimParam: dim })) },
          },
        },
      })),
      initializer: Object.entries(spec.initializers).map(([name, dims]) => ({
        name,
        dims: [...dims],
        dataType: 1,
        dataLocation: 1,
        externalData: [{ key: "location", value: "weights.bin" }],
      })),
      node: spec.nodes.map((node, i) => ({
        name: node.name ?? `${node.op}_${i}`,
        opType: node.op,
        input: [...node.inputs],
        output: [...node.outputs],
        attribute: Object.entries(node.attributes ?? {}).map(([name, value]) => attribute(name, value)),
      })),
      output: spec.outputs.map((name) => ({ name, type: { tensorType: { elemType: 1 } } })),
    },
  })
  return onnx.ModelProto.encode(model).finish()
}
