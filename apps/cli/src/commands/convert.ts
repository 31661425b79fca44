import { join } from "node:path"
import {
  type AcceleratorUnit,
  type HierarchicalAccelerator,
  isSystolicDataflow,
  maestroHardwareText,
  type SystolicArray,
  scaleSimConfigText,
} from "@cosearch/accelerator"
import {
  acceleratorKinds,
  type DataflowChoice,
  directivesFromMapping,
  evaluateNetwork,
  type FixedMappings,
  type MapperObjective,
  timeloopArchitectureYaml,
  timeloopErtYaml,
  timeloopMappingYaml,
  timeloopProblemYaml,
} from "@cosearch/cost"
import {
  type AnalyzedNetwork,
  type LoopNest,
  lowerNetwork,
  type MaestroLayer,
  maestroNetworkText,
  scaleSimTopologyText,
} from "@cosearch/network"
import { Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { Console, Effect, Option } from "effect"
import { CliError } from "../cli/cli-error.js"
import { dataflowOption, mappingOption, objectiveOption } from "../cli/cost-options.js"
import { invalid } from "../cli/options.js"
import { checkOutputPath } from "../cli/output-path.js"
import { terminalSafe } from "../cli/terminal-safe.js"
import { acceleratorFileFormats, acceleratorPresetNames, loadAccelerator } from "../input/accelerator-input.js"
import { loadMappingFile, refuseUnmatchedMappings } from "../input/mapping-input.js"
import { loadNetwork } from "../input/network-input.js"

/** The peer tools `cosearch convert` writes for. */
const peers = ["maestro", "timeloop", "scalesim"] as const
type Peer = (typeof peers)[number]

const to = Options.text("to").pipe(
  Options.withPseudoName(peers.join("|")),
  Options.mapEffect((text) =>
    (peers as readonly string[]).includes(text)
      ? Effect.succeed(text as Peer)
      : invalid(`--to "${text}" is not a peer tool; use one of ${peers.join(", ")}`),
  ),
  Options.withDescription("the tool to write for: MAESTRO (.m), Timeloop/Accelergy (YAML) or SCALE-Sim (.cfg and topology .csv)"),
)
const accelerator = Options.text("accelerator").pipe(
  Options.withPseudoName("ACCELERATOR"),
  Options.withDescription(
    `a preset (${acceleratorPresetNames.join(", ")}), an accelerator .json file, or ${acceleratorFileFormats.join(", or ")}`,
  ),
)
const networks = Options.text("network").pipe(
  Options.withPseudoName("NETWORK"),
  Options.withDescription("a zoo spec or a network file whose layers (and their mappings) are written too; repeat for several"),
  Options.repeated,
)
const out = Options.directory("out").pipe(Options.withDescription("the folder to write into (created when missing)"))

/** A file to write: where, and what. */
interface Written {
  readonly path: string
  readonly text: string
}

/** A file's name from a network's or layer's name: letters, digits, dots, dashes and underscores kept. */
const fileName = (name: string): string => name.replace(/[^\w.-]+/g, "_")

const refuse = (message: string) => new CliError({ message })

/** Each network's compute layers mapped on the accelerator as the options say (refused when a layer cannot be). */
const mappedLayers = (network: AnalyzedNetwork, accelerator: HierarchicalAccelerator, options: ConvertOptions) => {
  const cost = evaluateNetwork(lowerNetwork(network), accelerator, options)
  if (!cost.feasible) throw refuse(`cannot map "${network.name}" on "${accelerator.name}": ${cost.message}`)
  return cost.layers.map(({ mapped }) => mapped)
}
type ConvertOptions = { readonly dataflow?: DataflowChoice; readonly objective: MapperObjective; readonly mappings?: FixedMappings }

/** A nest as a MAESTRO CONV layer (its input the window the outputs read), or why not. */
const maestroLayer = (nest: LoopNest): Omit<MaestroLayer, "dataflow"> | string => {
  if (nest.dilationH !== 1 || nest.dilationW !== 1) return `dilation ${nest.dilationH}x${nest.dilationW}: MAESTRO has none`
  const dimensions: Record<string, number> = {
    K: nest.K,
    C: nest.C,
    R: nest.R,
    S: nest.S,
    Y: (nest.P - 1) * nest.strideH + nest.R,
    X: (nest.Q - 1) * nest.strideW + nest.S,
  }
  if (nest.N > 1) dimensions.N = nest.N
  return { name: nest.layer, type: "CONV", stride: { X: nest.strideW, Y: nest.strideH }, dimensions, line: 0 }
}

/**
 * Names as MAESTRO's parser reads them (letters, digits and underscores, not starting with a
 * digit), each distinct: `stem/conv` is `stem_conv`.
 */
const maestroNames = (): ((name: string) => string) => {
  const taken = new Set<string>()
  return (name) => {
    let base = name.replace(/[^A-Za-z0-9_]/g, "_")
    if (!/^[A-Za-z_]/.test(base)) base = `_${base}`
    let unique = base
    for (let i = 2; taken.has(unique); i++) unique = `${base}_${i}`
    taken.add(unique)
    return unique
  }
}

/** MAESTRO: the hardware file and, per network, a `.m` network file whose layers carry their mappings' directives. */
const forMaestro = (unit: AcceleratorUnit, loaded: readonly AnalyzedNetwork[], options: ConvertOptions, notes: string[]): Written[] => {
  if (unit.kind !== "hierarchical") throw refuse(`--to maestro needs a hierarchical accelerator; "${unit.name}" is ${unit.kind}`)
  const accelerator = unit.accelerator as HierarchicalAccelerator
  const hardware = maestroHardwareText(accelerator)
  if (!hardware.ok) throw refuse(`"${unit.name}" has no MAESTRO form:\n  ${hardware.errors.join("\n  ")}`)
  const files: Written[] = [{ path: `${fileName(accelerator.name)}.m`, text: hardware.text }]
  for (const network of loaded) {
    const layers: MaestroLayer[] = []
    const named = maestroNames()
    const nests = lowerNetwork(network)
    for (const mapped of mappedLayers(network, accelerator, options)) {
      const nest = nests.find((candidate) => candidate.layer === mapped.layer)
      if (nest === undefined) continue
      const layer = maestroLayer(nest)
      const directives = directivesFromMapping(nest, accelerator, mapped.mapping)
      if (typeof layer === "string") notes.push(`${network.name}/${nest.layer}: left out: ${layer}`)
      else if (!directives.ok) notes.push(`${network.name}/${nest.layer}: left out: ${directives.errors.join("; ")}`)
      else {
        const name = named(nest.layer)
        if (name !== nest.layer) notes.push(`${network.name}/${nest.layer}: written as ${name} (MAESTRO's names are identifiers)`)
        layers.push({ ...layer, name, dataflow: directives.directives })
      }
    }
    if (layers.length > 0)
      files.push({ path: `${fileName(network.name)}.m`, text: maestroNetworkText(maestroNames()(network.name), layers) })
  }
  return files
}

/** Timeloop: the architecture and its ERT, and per network layer its problem and mapping. */
const forTimeloop = (unit: AcceleratorUnit, loaded: readonly AnalyzedNetwork[], options: ConvertOptions, notes: string[]): Written[] => {
  if (unit.kind !== "hierarchical") throw refuse(`--to timeloop needs a hierarchical accelerator; "${unit.name}" is ${unit.kind}`)
  const accelerator = unit.accelerator as HierarchicalAccelerator
  const architecture = timeloopArchitectureYaml(accelerator)
  const ert = timeloopErtYaml(accelerator)
  if (!architecture.ok || !ert.ok)
    throw refuse(
      `"${unit.name}" has no Timeloop form:\n  ${[...(architecture.ok ? [] : architecture.errors), ...(ert.ok ? [] : ert.errors)].join("\n  ")}`,
    )
  const files: Written[] = [
    { path: "architecture.yaml", text: architecture.text },
    { path: "ERT.yaml", text: ert.text },
  ]
  for (const network of loaded) {
    const nests = lowerNetwork(network)
    for (const mapped of mappedLayers(network, accelerator, options)) {
      const nest = nests.find((candidate) => candidate.layer === mapped.layer)
      if (nest === undefined) continue
      const where = `${network.name}/${nest.layer}`
      if (mapped.mapping.array !== undefined) {
        notes.push(
          `${where}: left out: its mapping groups the PEs ${mapped.mapping.array.x} x ${mapped.mapping.array.y} (MAESTRO's clusters); Timeloop's mesh is the accelerator's`,
        )
        continue
      }
      const problem = timeloopProblemYaml(nest)
      const mapping = timeloopMappingYaml(mapped.mapping, accelerator, nest)
      if (!problem.ok || !mapping.ok) {
        notes.push(`${where}: left out: ${[...(problem.ok ? [] : problem.errors), ...(mapping.ok ? [] : mapping.errors)].join("; ")}`)
        continue
      }
      const base = join(fileName(network.name), fileName(nest.layer))
      files.push({ path: `${base}.problem.yaml`, text: problem.text }, { path: `${base}.mapping.yaml`, text: mapping.text })
    }
  }
  return files
}

/** SCALE-Sim: the array's config (its dataflow the one given, if any) and a topology per network. */
const forScaleSim = (
  unit: AcceleratorUnit,
  loaded: readonly AnalyzedNetwork[],
  dataflow: string | undefined,
  notes: string[],
): Written[] => {
  if (unit.kind !== "systolic") throw refuse(`--to scalesim needs a systolic array; "${unit.name}" is ${unit.kind}`)
  const given = unit.accelerator as SystolicArray
  if (dataflow !== undefined && !isSystolicDataflow(dataflow)) throw refuse(`--dataflow "${dataflow}": a SCALE-Sim array runs os, ws or is`)
  const array: SystolicArray = dataflow === undefined ? given : { ...given, dataflow }
  const files: Written[] = [{ path: `${fileName(unit.name)}.cfg`, text: scaleSimConfigText(array, unit.name) }]
  for (const network of loaded) {
    const { text, skipped } = scaleSimTopologyText(lowerNetwork(network))
    for (const { layer, reason } of skipped) notes.push(`${network.name}/${layer}: left out: ${reason}`)
    files.push({ path: `${fileName(network.name)}.csv`, text })
  }
  return files
}

/**
 * `cosearch convert`: writes a design for a peer tool, to cross-check it there — an accelerator
 * (and networks' layers with the mappings cosearch gives them: `--dataflow`, `--mapping` or the
 * mapper) as MAESTRO `.m` files, Timeloop/Accelergy YAML (architecture, ERT, per layer a problem
 * and a mapping) or a SCALE-Sim config and topologies. Every file is made before any is written,
 * so a refusal writes nothing, and a file that cannot be written removes those written before it;
 * layers a tool cannot describe are left out and named on stderr, as are names MAESTRO's parser
 * would not read (written as identifiers: `stem/conv` as `stem_conv`).
 *
 * @example
 * // cosearch convert --to timeloop --accelerator eyeriss-v1-like --network resnet18 --dataflow row-stationary --out tl/
 */
export const convertCommand = Command.make(
  "convert",
  { to, accelerator, networks, dataflow: dataflowOption, mapping: mappingOption, objective: objectiveOption, out },
  (args) =>
    Effect.gen(function* () {
      yield* checkOutputPath(args.out, { folder: true })
      const unit = yield* loadAccelerator(args.accelerator)
      const dataflow = Option.getOrUndefined(args.dataflow)
      const refused =
        args.to === "scalesim"
          ? undefined
          : acceleratorKinds.optionIssue(unit, { ...(dataflow === undefined ? {} : { dataflow }), objective: args.objective })
      if (refused !== undefined) return yield* new CliError({ message: `--${refused.option} "${refused.value}" ${refused.message}` })
      if (Option.isSome(args.mapping) && unit.kind !== "hierarchical")
        return yield* new CliError({
          message: `--mapping "${args.mapping.value}" needs a hierarchical accelerator; "${unit.name}" is ${unit.kind}`,
        })
      const mappings = Option.isSome(args.mapping)
        ? yield* loadMappingFile(args.mapping.value, unit.accelerator as HierarchicalAccelerator)
        : undefined
      const loaded: AnalyzedNetwork[] = []
      for (const spec of args.networks) loaded.push(yield* loadNetwork(spec, {}))
      if (mappings !== undefined && Option.isSome(args.mapping)) yield* refuseUnmatchedMappings(args.mapping.value, mappings, loaded)
      const options: ConvertOptions = {
        objective: args.objective,
        ...(dataflow === undefined ? {} : { dataflow }),
        ...(mappings === undefined ? {} : { mappings }),
      }
      const notes: string[] = []
      const files = yield* Effect.try({
        try: () =>
          args.to === "maestro"
            ? forMaestro(unit, loaded, options, notes)
            : args.to === "timeloop"
              ? forTimeloop(unit, loaded, options, notes)
              : forScaleSim(unit, loaded, dataflow, notes),
        catch: (error) => (error instanceof CliError ? error : new CliError({ message: String(error) })),
      })
      const fs = yield* FileSystem.FileSystem
      const write = (file: Written) =>
        Effect.gen(function* () {
          const path = join(args.out, file.path)
          yield* fs.makeDirectory(join(path, ".."), { recursive: true })
          yield* fs.writeFileString(path, file.text)
        }).pipe(Effect.mapError((error) => new CliError({ message: `cannot write "${join(args.out, file.path)}": ${error.message}` })))
      // A file that cannot be written takes the ones written before it with it.
      const written: string[] = []
      for (const file of files) {
        const failed = yield* write(file).pipe(Effect.flip, Effect.option)
        if (Option.isSome(failed)) {
          for (const path of written) yield* fs.remove(path).pipe(Effect.ignore)
          return yield* failed.value
        }
        written.push(join(args.out, file.path))
      }
      for (const note of notes) yield* Console.error(terminalSafe(note))
      yield* Console.log(files.map((file) => join(args.out, file.path)).join("\n"))
    }),
).pipe(Command.withDescription("Write an accelerator, and networks' layers with their mappings, for MAESTRO, Timeloop or SCALE-Sim."))
