import { type AcceleratorUnit, type HeterogeneousSystem, type HierarchicalAccelerator, systemPresetNames } from "@cosearch/accelerator"
import { acceleratorKinds, type MapperObjective, scheduleNetwork } from "@cosearch/cost"
import { type AnalyzedNetwork, toNetwork } from "@cosearch/network"
import { Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { Console, Effect, Option } from "effect"
import { CliError } from "../cli/cli-error.js"
import { accountingOption, dataflowOption, mappingOption, objectiveOption } from "../cli/cost-options.js"
import { evaluationJson, evaluationText } from "../format/evaluation.js"
import { systemScheduleRecord, systemScheduleText } from "../format/system-schedule.js"
import { acceleratorFileFormats, acceleratorPresetNames, loadAccelerator } from "../input/accelerator-input.js"
import { loadMappingFile, mappingFileReasons, refuseUnmatchedMappings } from "../input/mapping-input.js"
import { inputDimsOption, loadNetwork } from "../input/network-input.js"
import { loadSystemIfAny } from "../input/system-input.js"

const networks = Options.text("network").pipe(
  Options.withPseudoName("NETWORK"),
  Options.withDescription(
    "a zoo spec, a network .json file, a SCALE-Sim topology .csv, a MAESTRO .m network or a Timeloop problem .yaml; repeat for several",
  ),
  Options.repeated,
)
const networksFile = Options.file("networks").pipe(
  Options.withDescription("a file with one network argument per line (blank lines and # comments skipped)"),
  Options.optional,
)
const accelerator = Options.text("accelerator").pipe(
  Options.withPseudoName("ACCELERATOR"),
  Options.withDescription(
    `a preset (${acceleratorPresetNames.join(", ")}), a system (${systemPresetNames.join(", ")}), an accelerator or system .json file, or ${acceleratorFileFormats.join(", or ")}`,
  ),
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

/** Schedules one network on a system and prints the schedule per layer and the totals (or one JSON line). */
const printSystemSchedule = (
  name: string,
  network: AnalyzedNetwork,
  system: HeterogeneousSystem<AcceleratorUnit>,
  objective: MapperObjective,
  json: boolean,
) =>
  Effect.gen(function* () {
    const result = scheduleNetwork(toNetwork(network), system, objective)
    if (!result.ok)
      return yield* new CliError({ message: `cannot schedule "${name}" on "${system.name}":\n  ${result.issues.join("\n  ")}` })
    const record = systemScheduleRecord(name, system, result)
    yield* Console.log(json ? JSON.stringify(record) : `${systemScheduleText(record)}\n`)
  })

/**
 * `cosearch evaluate`: the cost of networks on an accelerator, per layer and in total; several
 * networks in one process (`--network` repeated or `--networks FILE`), one JSON line each with
 * `--json`. Every network and the accelerator are loaded before anything is printed, so a bad
 * argument fails the command without partial output. A system (`--accelerator mensa`, or a
 * system .json with `units`) is scheduled layer by layer (`--objective latency|energy|edp`) and
 * printed per layer (its unit) with the totals.
 *
 * @example
 * // cosearch evaluate --network mobilenet_v2 --accelerator eyeriss-v1-like --dataflow rs --json
 */
export const evaluateCommand = Command.make(
  "evaluate",
  {
    networks,
    networksFile,
    accelerator,
    dataflow: dataflowOption,
    mapping: mappingOption,
    objective: objectiveOption,
    accounting: accountingOption,
    inputDims: inputDimsOption,
    json,
  },
  (args) =>
    Effect.gen(function* () {
      const listed = Option.isSome(args.networksFile) ? yield* readNetworkList(args.networksFile.value) : []
      const specs = [...args.networks, ...listed]
      const networkOptions = Option.isSome(args.inputDims) ? { inputDims: args.inputDims.value } : {}
      if (specs.length === 0) return yield* new CliError({ message: "give at least one --network, or --networks FILE" })
      const system = yield* loadSystemIfAny(args.accelerator)
      if (system !== undefined) {
        if (Option.isSome(args.mapping))
          return yield* new CliError({
            message: `--mapping "${args.mapping.value}" applies to one hierarchical accelerator; the system "${system.name}" maps each unit its own way`,
          })
        if (Option.isSome(args.dataflow))
          return yield* new CliError({
            message: `--dataflow "${args.dataflow.value}" applies to one accelerator; the system "${system.name}" maps each unit its own way`,
          })
        if (Option.isSome(args.accounting))
          return yield* new CliError({
            message: `--accounting ${args.accounting.value} applies to one hierarchical accelerator; the system "${system.name}" is scheduled on its units' own models`,
          })
        const loaded: AnalyzedNetwork[] = []
        for (const spec of specs) loaded.push(yield* loadNetwork(spec, networkOptions))
        for (const [i, network] of loaded.entries())
          yield* printSystemSchedule(specs[i] ?? network.name, network, system, args.objective, args.json)
        return
      }
      const loadedUnit = yield* loadAccelerator(args.accelerator, `a system (${systemPresetNames.join(", ")}) or system .json file`)
      const accounting = Option.getOrUndefined(args.accounting)
      if (accounting !== undefined && loadedUnit.kind !== "hierarchical")
        return yield* new CliError({
          message: `--accounting ${accounting} needs a hierarchical accelerator; "${loadedUnit.name}" is ${loadedUnit.kind}`,
        })
      const unit: AcceleratorUnit =
        accounting === undefined
          ? loadedUnit
          : { ...loadedUnit, accelerator: { ...(loadedUnit.accelerator as HierarchicalAccelerator), accounting } }
      const dataflow = Option.getOrUndefined(args.dataflow)
      const refused = acceleratorKinds.optionIssue(unit, { ...(dataflow === undefined ? {} : { dataflow }), objective: args.objective })
      if (refused !== undefined) return yield* new CliError({ message: `--${refused.option} "${refused.value}" ${refused.message}` })
      if (Option.isSome(args.mapping) && unit.kind !== "hierarchical")
        return yield* new CliError({
          message: `--mapping "${args.mapping.value}" needs a hierarchical accelerator; "${unit.name}" is a ${acceleratorKinds.kinds.find((kind) => kind.kind === unit.kind)?.title ?? unit.kind}, which has no mappings to fix`,
        })
      const mappings = Option.isSome(args.mapping)
        ? yield* loadMappingFile(args.mapping.value, unit.accelerator as HierarchicalAccelerator)
        : undefined
      const loaded = []
      for (const spec of specs) loaded.push(yield* loadNetwork(spec, networkOptions))
      const options = {
        layers: true,
        objective: args.objective,
        ...(dataflow === undefined ? {} : { dataflow }),
        ...(mappings === undefined ? {} : { mappings }),
      }
      if (mappings !== undefined && Option.isSome(args.mapping)) yield* refuseUnmatchedMappings(args.mapping.value, mappings, loaded)
      for (const network of loaded) {
        const result = acceleratorKinds.costOn(unit, network, options)
        // A fixed mapping that does not fit its layer (factors, orders, spatial spread) is the file's
        // error, not the design's: refused, exit 1. A design whose buffers are too small is a result.
        if (mappings !== undefined && Option.isSome(args.mapping) && !result.feasible && mappingFileReasons.has(result.failure.reason))
          return yield* new CliError({ message: `mapping file "${args.mapping.value}" does not fit: ${result.failure.message}` })
        yield* Console.log(args.json ? JSON.stringify(evaluationJson(result)) : `${evaluationText(result)}\n`)
      }
    }),
).pipe(Command.withDescription("Cycles, energy, utilization and memory accesses of networks on an accelerator."))
