import { countNetwork, type ZooOptions } from "@cosearch/network"
import { Args, Command, Options } from "@effect/cli"
import { Console, Effect, Option } from "effect"
import { numberOption, precisionOption } from "../cli/options.js"
import { summaryJson, summaryText } from "../format/summary.js"
import { inputDimsOption, loadNetwork } from "../input/network-input.js"

const network = Args.text({ name: "network" }).pipe(
  Args.withDescription(
    "a zoo spec (mobilenet_v2, nb201:<arch>, fbnet:<ids>; see `network list`) or a network file (.json, .csv, .m, .onnx, .yaml)",
  ),
)
const resolution = numberOption("resolution", "integer", "input height and width (zoo networks)", { min: 1, max: 4096 })
const width = numberOption("width", "number", "width multiplier (zoo networks)", { min: 0.01, max: 16 })
const classes = numberOption("classes", "integer", "output classes (zoo networks)", { min: 1, max: 100_000 })
const batch = numberOption("batch", "integer", "samples per inference (default: the network's)", { min: 1, max: 65_536 })
const json = Options.boolean("json").pipe(Options.withDescription("print one JSON document instead of the table"))

/** Collects the options that were given into `ZooOptions` (absent ones stay unset). */
const zooOptions = (given: Record<keyof ZooOptions, Option.Option<number>>): ZooOptions => {
  const options: { -readonly [K in keyof ZooOptions]: number } = {}
  for (const key of ["resolution", "width", "classes", "batch"] as const) {
    const value = given[key]
    if (Option.isSome(value)) options[key] = value.value
  }
  return options
}

/**
 * `cosearch network summary <network>`: per-layer shapes, MACs, parameters and bytes, and totals,
 * as a table or (`--json`) as one JSON document on stdout.
 *
 * @example
 * // cosearch network summary mobilenet_v2 --precision bf16 --json
 */
export const networkSummaryCommand = Command.make(
  "summary",
  { network, resolution, width, classes, batch, inputDims: inputDimsOption, precision: precisionOption, json },
  (args) =>
    Effect.gen(function* () {
      const options = zooOptions(args)
      const analyzed = yield* loadNetwork(
        args.network,
        Option.isSome(args.inputDims) ? { ...options, inputDims: args.inputDims.value } : options,
      )
      const counts = countNetwork(analyzed, args.precision)
      yield* Console.log(args.json ? JSON.stringify(summaryJson(counts), null, 2) : summaryText(counts))
    }),
).pipe(Command.withDescription("Per-layer shapes, MACs, parameters and bytes of a zoo network or a network file."))
