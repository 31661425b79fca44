import { isSystolicDataflow } from "@cosearch/accelerator"
import { dataflowNames, isDataflowName, type MapperObjective, mapperObjectives } from "@cosearch/cost"
import { type DataflowChoice, evaluationRecord } from "@cosearch/engine"
import { Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { Console, Effect, Option } from "effect"
import { acceleratorPresetNames, loadAccelerator } from "../accelerator-input.js"
import { CliError } from "../cli-error.js"
import { evaluationText } from "../format/evaluation.js"
import { loadNetwork } from "../network-input.js"
import { invalid } from "../options.js"

const networks = Options.text("network").pipe(
  Options.withPseudoName("NETWORK"),
  Options.withDescription("a zoo spec, a network .json file or a SCALE-Sim topology .csv; repeat for several"),
  Options.repeated,
)
const networksFile = Options.file("networks").pipe(
  Options.withDescription("a file with one network argument per line (blank lines and # comments skipped)"),
  Options.optional,
)
const accelerator = Options.text("accelerator").pipe(
  Options.withPseudoName("ACCELERATOR"),
  Options.withDescription(`a preset (${acceleratorPresetNames.join(", ")}), an accelerator .json file or a SCALE-Sim .cfg file`),
)
const dataflow = Options.text("dataflow").pipe(
  Options.withPseudoName([...dataflowNames, "auto"].join("|")),
  Options.mapEffect((text) =>
    text === "auto" || isDataflowName(text)
      ? Effect.succeed(text as DataflowChoice)
      : invalid(`--dataflow "${text}" is not a dataflow; use one of ${[...dataflowNames, "auto"].join(", ")}`),
  ),
  Options.withDescription("the dataflow preset, or auto to try every one (default: auto; a systolic array keeps its own unless given)"),
  Options.optional,
)
const objective = Options.text("objective").pipe(
  Options.withPseudoName(mapperObjectives.join("|")),
  Options.mapEffect((text) =>
    (mapperObjectives as readonly string[]).includes(text)
      ? Effect.succeed(text as MapperObjective)
      : invalid(`--objective "${text}" is not an objective; use one of ${mapperObjectives.join(", ")}`),
  ),
  Options.withDefault<MapperObjective>("latency"),
  Options.withDescription("what the mapper minimises per layer"),
)
const json = Options.boolean("json").pipe(Options.withDescription("print one JSON line per network instead of tables"))

/** The network arguments of `--networks FILE`. */
const readNetworkList = (path: string): Effect.Effect<string[], CliError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs
      .readFileString(path)
      .pipe(Effect.mapError((error) => new CliError({ message: `cannot read --networks file "${path}": ${error.message}` })))
    return text
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"))
  })

/**
 * `cosearch evaluate`: the cost of networks on an accelerator, per layer and in total; several
 * networks in one process (`--network` repeated or `--networks FILE`), one JSON line each with
 * `--json`. Every network and the accelerator are loaded before anything is printed, so a bad
 * argument fails the command without partial output.
 *
 * @example
 * // cosearch evaluate --network mobilenet_v2 --accelerator eyeriss-v1-like --dataflow rs --json
 */
export const evaluateCommand = Command.make("evaluate", { networks, networksFile, accelerator, dataflow, objective, json }, (args) =>
  Effect.gen(function* () {
    const listed = Option.isSome(args.networksFile) ? yield* readNetworkList(args.networksFile.value) : []
    const specs = [...args.networks, ...listed]
    if (specs.length === 0) return yield* new CliError({ message: "give at least one --network, or --networks FILE" })
    const target = yield* loadAccelerator(args.accelerator)
    const chosen: DataflowChoice = Option.getOrElse(
      args.dataflow,
      (): DataflowChoice => (target.kind === "systolic" ? target.array.dataflow : "auto"),
    )
    if (target.kind === "systolic" && chosen !== "auto" && !isSystolicDataflow(chosen)) {
      return yield* new CliError({
        message: `--dataflow "${chosen}" needs a hierarchical accelerator; the systolic array "${target.name}" runs os, ws or is (or auto)`,
      })
    }
    if (target.kind === "edgetpu" && Option.isSome(args.dataflow)) {
      return yield* new CliError({
        message: `--dataflow "${args.dataflow.value}" needs a hierarchical or systolic accelerator; the Edge TPU "${target.name}" splits every layer its own way`,
      })
    }
    if (target.kind === "systolic" && args.objective !== "latency") {
      return yield* new CliError({ message: `--objective "${args.objective}" needs an energy model; the systolic mode models cycles only` })
    }
    const loaded = []
    for (const spec of specs) loaded.push(yield* loadNetwork(spec, {}))
    for (const network of loaded) {
      const record = evaluationRecord(network, target, chosen, args.objective)
      yield* Console.log(args.json ? JSON.stringify(record) : `${evaluationText(record)}\n`)
    }
  }),
).pipe(Command.withDescription("Cycles, energy, utilisation and memory accesses of networks on an accelerator."))
