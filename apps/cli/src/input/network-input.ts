import { readTimeloopProblem } from "@cosearch/cost"
import {
  type AnalyzedNetwork,
  analyzeNetwork,
  buildZooNetwork,
  InvalidNetworkError,
  type Network,
  nestNetwork,
  networkFromFile,
  parseInputDims,
  type ZooOptions,
  zooNames,
} from "@cosearch/network"
import { Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { Effect } from "effect"
import { CliError } from "../cli/cli-error.js"
import { invalid } from "../cli/options.js"
import { readInputFile } from "./input-file.js"

/**
 * Where a network comes from: a zoo spec or a file path.
 *
 * @example
 * const source: NetworkSource = { kind: "file", path: "nets/tiny.json" }
 */
export type NetworkSource = { readonly kind: "zoo"; readonly spec: string } | { readonly kind: "file"; readonly path: string }

const indent = (text: string): string =>
  text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n")

/**
 * Tells a network file from a zoo spec: a path ending in `.json` (a network file), `.csv` (a
 * SCALE-Sim topology), `.m` (a MAESTRO network), `.yaml` (a Timeloop problem) or `.onnx` (an ONNX
 * model), or any argument naming an existing file, is a file.
 *
 * @example
 * const source = yield* classifyNetworkArgument("nets/tiny.json") // { kind: "file", path: "nets/tiny.json" }
 */
export const classifyNetworkArgument = (argument: string): Effect.Effect<NetworkSource, never, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    if ([".json", ".csv", ".m", ".yaml", ".yml"].some((extension) => argument.endsWith(extension)))
      return { kind: "file", path: argument } as const
    const fs = yield* FileSystem.FileSystem
    const isFile = yield* fs.stat(argument).pipe(
      Effect.map((info) => info.type === "File"),
      Effect.orElseSucceed(() => false),
    )
    return isFile ? ({ kind: "file", path: argument } as const) : ({ kind: "zoo", spec: argument } as const)
  })

/** Reads and decodes a network file; zoo-only options are refused, `batch` overrides the file's. */
const readNetworkFile = (path: string, options: NetworkOptions): Effect.Effect<Network, CliError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const zooOnly = (["resolution", "width", "classes"] as const).filter((key) => options[key] !== undefined)
    if (zooOnly.length > 0) {
      const flags = zooOnly.map((key) => `--${key}`).join(", ")
      return yield* new CliError({
        message: `${flags} ${zooOnly.length > 1 ? "apply" : "applies"} to zoo networks only, not to the network file "${path}", whose input layers fix its shapes`,
      })
    }
    const bytes = yield* readInputFile("network", path)
    if (path.endsWith(".yaml") || path.endsWith(".yml")) {
      // A Timeloop problem: one convolution.
      const read = readTimeloopProblem({ name: path, text: new TextDecoder().decode(bytes) })
      const network = read.ok ? nestNetwork(read.nest) : undefined
      if (!read.ok || typeof network === "string" || network === undefined) {
        const errors = read.ok ? [String(network)] : read.errors
        return yield* new CliError({ message: `Timeloop file "${path}" has no valid problem:\n${indent(errors.join("\n"))}` })
      }
      return options.batch === undefined ? network : { ...network, batch: options.batch }
    }
    const read = networkFromFile(path, bytes, options.inputDims === undefined ? {} : { inputDims: options.inputDims })
    if (!read.ok) return yield* new CliError({ message: read.message })
    return options.batch === undefined ? read.network : { ...read.network, batch: options.batch }
  })

/**
 * How a network argument is read: the zoo's options, and for ONNX models the dims of inputs the
 * model leaves symbolic (`--input-dims`).
 */
export interface NetworkOptions extends ZooOptions {
  readonly inputDims?: Readonly<Record<string, readonly number[]>>
}

/** Builds a zoo network, pointing at network files when the name is not in the zoo. */
const buildFromZoo = (spec: string, options: NetworkOptions): Effect.Effect<Network, CliError> => {
  if (options.inputDims !== undefined)
    return Effect.fail(new CliError({ message: `--input-dims applies to ONNX models only, not to the zoo network "${spec}"` }))
  const built = buildZooNetwork(spec, options)
  if (built.ok) return Effect.succeed(built.network)
  const name = spec.split(":")[0] ?? spec
  const hint = zooNames.includes(name)
    ? ""
    : `\n(to read a network file, give a path ending in .json; see \`cosearch network list\` for zoo specs)`
  return Effect.fail(new CliError({ message: `${built.message}${hint}` }))
}

/**
 * Resolves the `<network>` argument to an analyzed network: builds a zoo spec, or reads, decodes
 * and checks a network file. Every failure is a `CliError` naming the spec, file, field or layer.
 *
 * @example
 * const network = yield* loadNetwork("mobilenet_v2", { resolution: 160 })
 */
export const loadNetwork = (argument: string, options: NetworkOptions): Effect.Effect<AnalyzedNetwork, CliError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const source = yield* classifyNetworkArgument(argument)
    const network = source.kind === "file" ? yield* readNetworkFile(source.path, options) : yield* buildFromZoo(source.spec, options)
    const analysis = analyzeNetwork(network)
    if (analysis.ok) return analysis.network
    const where = source.kind === "file" ? `network file "${source.path}": ` : ""
    return yield* new CliError({ message: `${where}${new InvalidNetworkError(network.name, analysis.issues).message}` })
  })

/** `--input-dims [name=]AxBxC[,...]`: dims an ONNX model leaves symbolic (`parseInputDims`). */
export const inputDimsOption = Options.text("input-dims").pipe(
  Options.withPseudoName("[NAME=]DIMS"),
  Options.mapEffect((text) => {
    const parsed = parseInputDims(text)
    return parsed.ok ? Effect.succeed(parsed.inputDims) : invalid(`--input-dims: ${parsed.message}`)
  }),
  Options.withDescription(
    "dims of ONNX inputs the model leaves symbolic, e.g. input=1x3x224x224 or 1x40 for every input (several joined by commas)",
  ),
  Options.optional,
)
