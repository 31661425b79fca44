import { gruLayer } from "../../blocks/gru-cell.js"
import { lstmLayer } from "../../blocks/lstm-cell.js"
import { type Tensor as BuiltTensor, NetworkBuilder } from "../../builder/builder.js"
import type { Layer } from "../../layer/layer.js"
import { type GraphReader, ImportError, int, type LayerTensor, type Layout, shapeFrom, text } from "./graph-reader.js"
import type { OnnxNode } from "./onnx-model.js"

// Internal to the ONNX reader: LSTM and GRU nodes, unrolled in time into the same matmuls and
// element-wise layers as the zoo's recurrent blocks (`lstmLayer`, `gruLayer`).

/** Adds the layers a block builds on `input` to the graph, under the node's name; returns the new name of each built layer. */
const splice = (
  graph: GraphReader,
  node: OnnxNode,
  input: LayerTensor,
  build: (b: NetworkBuilder, x: BuiltTensor) => BuiltTensor,
): { readonly output: string; readonly renamed: ReadonlyMap<string, string> } => {
  const b = new NetworkBuilder(node.name)
  const x = b.input(shapeFrom(input.dims, input.axes), "x")
  const y = build(b, x)
  const built = b.build().layers
  const renamed = new Map<string, string>([["x", input.layer]])
  for (const layer of built) if (layer.name !== "x") renamed.set(layer.name, graph.name(`${node.name}/${layer.name}`))
  const rename = (name: string) => renamed.get(name) ?? name
  for (const layer of built) {
    if (layer.name === "x") continue
    const moved = { ...layer, name: rename(layer.name), inputs: layer.inputs.map(rename) }
    graph.layers.push(
      ("shareWeights" in moved && moved.shareWeights !== undefined
        ? { ...moved, shareWeights: rename(moved.shareWeights) }
        : moved) as Layer,
    )
  }
  return { output: rename(y.name), renamed }
}

/** A concat along w of one layer per direction (or the one layer). */
const perDirection = (graph: GraphReader, node: OnnxNode, names: readonly string[], label: string): string => {
  if (names.length === 1) return names[0] as string
  const layer: Layer = { name: graph.name(`${node.name}/${label}`), op: "concat", inputs: [...names], axis: "w" }
  graph.layers.push(layer)
  return layer.name
}

/**
 * LSTM and GRU (forward, reverse or bidirectional; ONNX's time-major layout 0 or batch-major 1):
 * each direction a recurrent block over the sequence, the directions side by side on w. Outputs
 * Y (T, directions, H past the batch), Y_h and, for an LSTM, Y_c (directions, H).
 */
export const convertRecurrent = (graph: GraphReader, node: OnnxNode): string | undefined => {
  if (node.op !== "LSTM" && node.op !== "GRU") return undefined
  const input = graph.layerInput(node, 0)
  const layout = int(node, "layout", 0)
  if (input.dims.length !== 2 || (input.batchAt ?? 0) !== (layout === 0 ? 1 : 0))
    throw new ImportError(
      `${node.op} "${node.name}": X must be ${layout === 0 ? "(T, batch, features)" : "(batch, T, features)"}; it has ${input.dims.length + 1} dims with the batch at ${input.batchAt ?? 0}`,
    )
  const weights = graph.constant(node, 1)
  const gates = node.op === "LSTM" ? 4 : 3
  const hidden = int(node, "hidden_size", (weights?.dims[1] ?? 0) / gates)
  const directions = text(node, "direction") === "bidirectional" ? 2 : 1
  if (!(hidden >= 1)) throw new ImportError(`${node.op} "${node.name}": no hidden_size, and no W initializer to read it from`)
  if ((node.inputs[3] ?? "") === "") throw new ImportError(`${node.op} "${node.name}": without a bias B (the unrolled cells add one)`)
  const steps = input.dims[0] ?? 1
  // The sequence on h, features on c (a renaming, or a transpose layer).
  const { batchAt: _batchAt, ...sequence } = graph.conform(node, input, ["h", "c"])
  const outputs: string[] = []
  const finals: string[] = []
  const cells: string[] = []
  for (let d = 0; d < directions; d++) {
    const label = directions === 1 ? (text(node, "direction") ?? "forward") : d === 0 ? "forward" : "reverse"
    const { output, renamed } = splice(graph, node, sequence, (b, x) =>
      node.op === "LSTM" ? lstmLayer(b, x, hidden, label) : gruLayer(b, x, hidden, label),
    )
    outputs.push(output)
    const last = `${label}/t${steps - 1}`
    finals.push(renamed.get(`${last}/h`) ?? output)
    const cell = renamed.get(`${last}/c`)
    if (cell !== undefined) cells.push(cell)
  }
  // Y: (T, directions, batch, H) in layout 0, (batch, T, directions, H) in layout 1.
  const y: Layout = directions === 2 ? ["h", "w", "c"] : ["h", undefined, "c"]
  const state: Layout = directions === 2 ? ["w", "c"] : [undefined, "c"]
  const place = (name: string, axes: Layout, dims: readonly number[], batchAt: number): LayerTensor => ({
    kind: "layer",
    layer: name,
    dims,
    axes,
    ...(batchAt === 0 ? {} : { batchAt }),
  })
  const set = (index: number, tensor: LayerTensor) => {
    const name = node.outputs[index] ?? ""
    if (name !== "") graph.tensors.set(name, tensor)
  }
  set(0, place(perDirection(graph, node, outputs, "y"), y, [steps, directions, hidden], layout === 0 ? 2 : 0))
  set(1, place(perDirection(graph, node, finals, "y_h"), state, [directions, hidden], layout === 0 ? 1 : 0))
  if (cells.length > 0) set(2, place(perDirection(graph, node, cells, "y_c"), state, [directions, hidden], layout === 0 ? 1 : 0))
  return `layers: unrolled over ${steps} steps into dense, slice, add, mul and activation layers${directions === 2 ? " (both directions)" : ""}`
}
