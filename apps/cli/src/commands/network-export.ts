import { onnxFromNetwork, toNetwork } from "@cosearch/network"
import { Args, Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { Console, Effect } from "effect"
import { CliError } from "../cli/cli-error.js"
import { checkOutputPath } from "../cli/output-path.js"
import { terminalSafe } from "../cli/terminal-safe.js"
import { loadNetwork } from "../input/network-input.js"

const network = Args.text({ name: "network" }).pipe(Args.withDescription("a zoo spec or a network file"))
const format = Options.choice("format", ["json", "onnx"] as const).pipe(
  Options.withDescription("json: cosearch's network file; onnx: an ONNX graph with shapes and no weights (external data, not written)"),
)
const out = Options.file("out").pipe(Options.withDescription("the file to write"))

/**
 * `cosearch network export <network> --format json|onnx --out FILE`: a zoo network (or any network
 * the CLI reads) as cosearch's network .json, or as an ONNX model with its shapes and no weights,
 * to start from a template in another tool. The file is written only when the whole network could be.
 *
 * @example
 * // cosearch network export mobilenet_v2 --format onnx --out mobilenet_v2.onnx
 */
export const networkExportCommand = Command.make("export", { network, format, out }, (args) =>
  Effect.gen(function* () {
    yield* checkOutputPath(args.out)
    const analyzed = yield* loadNetwork(args.network, {})
    const fs = yield* FileSystem.FileSystem
    let data: Uint8Array | string
    if (args.format === "onnx") {
      const written = onnxFromNetwork(analyzed)
      if (!written.ok) return yield* new CliError({ message: `"${args.network}" has no ONNX form:\n  ${written.errors.join("\n  ")}` })
      data = written.bytes
    } else data = `${JSON.stringify(toNetwork(analyzed), null, 2)}\n`
    yield* (typeof data === "string" ? fs.writeFileString(args.out, data) : fs.writeFile(args.out, data)).pipe(
      Effect.mapError((error) => new CliError({ message: `cannot write "${args.out}": ${error.message}` })),
    )
    yield* Console.log(`${terminalSafe(analyzed.name)}: ${analyzed.layers.length} layers written to ${args.out} (${args.format})`)
  }),
).pipe(Command.withDescription("Write a network as cosearch's JSON or as an ONNX graph (shapes, no weights)."))
