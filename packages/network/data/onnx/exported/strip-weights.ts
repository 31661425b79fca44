// Rewrites an ONNX model with its weights moved out to external data that is not kept: every
// initializer of more than 64 elements keeps its name, type and dims, and loses its values (as
// torch.onnx writes a model saved with external data). Shapes, attributes and small constants
// stay, which is all cosearch's importer reads.
//
//   node --import tsx packages/network/data/onnx/exported/strip-weights.ts <in.onnx> <out.onnx>
import { readFileSync, writeFileSync } from "node:fs"
import onnxProto from "onnx-proto"

const { onnx } = onnxProto
const [source, target] = process.argv.slice(2)
if (source === undefined || target === undefined) throw new Error("usage: strip-weights.ts <in.onnx> <out.onnx>")
const model = onnx.ModelProto.decode(readFileSync(source))
for (const tensor of model.graph?.initializer ?? []) {
  const size = (tensor.dims ?? []).reduce<number>((product, dim) => product * Number(dim), 1)
  if (size <= 64) continue
  for (const field of ["rawData", "floatData", "int32Data", "int64Data", "doubleData", "uint64Data"] as const)
    tensor[field] = undefined as never
  tensor.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL
  tensor.externalData = [{ key: "location", value: "weights.bin" }]
}
writeFileSync(target, onnx.ModelProto.encode(model).finish())
