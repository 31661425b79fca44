import { type OnnxOpReport, readOnnxNetwork } from "@cosearch/network"
import { Args, Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { Console, Effect } from "effect"
import { CliError } from "../cli/cli-error.js"
import { checkOutputPath } from "../cli/output-path.js"
import { formatTable } from "../format/table.js"
import { inputDimsOption } from "../input/network-input.js"

const file = Args.file({ name: "model", exists: "yes" }).pipe(
  Args.withDescription("an ONNX model (.onnx); its weights may be external data"),
)
const report = Options.boolean("report").pipe(Options.withDescription("print how each op type was treated, with its count"))
const strict = Options.boolean("strict").pipe(
  Options.withDescription("fail when an op is passed through uncosted, not only when one is not read"),
)
const out = Options.file("out").pipe(Options.withDescription("write the network as cosearch's network .json"), Options.optional)

const reportText = (rows: readonly OnnxOpReport[]): string =>
  formatTable<OnnxOpReport>(
    [
      { header: "op", align: "left", cell: (row) => row.op },
      { header: "nodes", align: "right", cell: (row) => String(row.count) },
      { header: "treatment", align: "left", cell: (row) => row.treatment },
      { header: "as", align: "left", cell: (row) => row.detail },
    ],
    rows,
  )

/**
 * `cosearch network import <model.onnx>`: reads an ONNX model as a cosearch network (`--out`
 * writes its network .json), with the per-op coverage report (`--report`); `--strict` fails on ops
 * passed through uncosted. An op it does not read fails the import (exit 1), named with its count.
 *
 * @example
 * // cosearch network import mobilenet_v2.onnx --report --out mobilenet_v2.json
 */
export const networkImportCommand = Command.make("import", { file, report, strict, out, inputDims: inputDimsOption }, (args) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    if (args.out._tag === "Some") yield* checkOutputPath(args.out.value)
    const bytes = yield* fs
      .readFile(args.file)
      .pipe(Effect.mapError((error) => new CliError({ message: `cannot read "${args.file}": ${error.message}` })))
    const name = (args.file.split("/").pop() ?? args.file).replace(/\.onnx$/, "")
    const read = readOnnxNetwork(bytes, name, {
      strict: args.strict,
      ...(args.inputDims._tag === "Some" ? { inputDims: args.inputDims.value } : {}),
    })
    if (args.report && read.report !== undefined) yield* Console.log(reportText(read.report))
    if (!read.ok) return yield* new CliError({ message: `ONNX file "${args.file}" cannot be read:\n  ${read.errors.join("\n  ")}` })
    if (args.out._tag === "Some") {
      const path = args.out.value
      yield* fs
        .writeFileString(path, `${JSON.stringify(read.network, null, 2)}\n`)
        .pipe(Effect.mapError((error) => new CliError({ message: `cannot write "${path}": ${error.message}` })))
    }
    const layers = read.network.layers.length
    yield* Console.log(
      `${name}: ${layers} layers from ${read.producer || "an unnamed producer"} (opset ${read.opset ?? "unknown"}), ${read.initializerElements.toLocaleString("en-US")} initializer elements${args.out._tag === "Some" ? `; written to ${args.out.value}` : ""}`,
    )
  }),
).pipe(Command.withDescription("Read an ONNX model as a network, with how each op was treated."))
