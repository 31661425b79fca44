import { Either } from "effect"
import type { Network } from "../graph/network.js"
import { parseNetworkJsonText } from "../json/codec.js"
import { parseMaestroNetwork } from "./maestro-network.js"
import { readOnnxNetwork } from "./onnx/onnx-network.js"
import { parseScaleSimTopology } from "./scalesim-topology.js"

/**
 * The file formats `networkFromFile` reads, by the file name's ending.
 *
 * @example
 * networkFileExtensions // [".json", ".csv", ".m", ".onnx"]
 */
export const networkFileExtensions: readonly string[] = [".json", ".csv", ".m", ".onnx"]

/**
 * Whether a name is a network file `networkFromFile` reads (by its ending), not a zoo spec.
 *
 * @example
 * isNetworkFileName("models/kws.onnx") // true
 */
export const isNetworkFileName = (name: string): boolean => networkFileExtensions.some((extension) => name.endsWith(extension))

const indent = (lines: readonly string[]): string => lines.map((line) => `  ${line}`).join("\n")

/** Options of `networkFromFile`. */
export interface NetworkFileOptions {
  /** For ONNX models: dims of inputs the model leaves symbolic, by input name (`"*"`: every input); see `OnnxReadOptions`. */
  readonly inputDims?: Readonly<Record<string, readonly number[]>>
}

/**
 * Parses input dims as written on a command line: `[name=]AxBxC`, several joined by commas
 * (`x=1x3x224x224,mask=1x128`); without a name, for every input (`"*"`). Never throws.
 *
 * @example
 * parseInputDims("input=1x40") // { ok: true, inputDims: { input: [1, 40] } }
 * parseInputDims("3x224x224") // { ok: true, inputDims: { "*": [3, 224, 224] } }
 */
export const parseInputDims = (
  text: string,
):
  | { readonly ok: true; readonly inputDims: Readonly<Record<string, readonly number[]>> }
  | { readonly ok: false; readonly message: string } => {
  const inputDims: Record<string, number[]> = {}
  for (const entry of text.split(",")) {
    const at = entry.lastIndexOf("=")
    const name = at < 0 ? "*" : entry.slice(0, at).trim()
    const dims = (at < 0 ? entry : entry.slice(at + 1)).trim().split("x")
    const values = dims.map(Number)
    if (name === "" || values.some((value) => !Number.isSafeInteger(value) || value < 1))
      return { ok: false, message: `expected [name=]dims such as input=1x3x224x224 (positive integers joined by x), got "${entry}"` }
    inputDims[name] = values
  }
  return { ok: true, inputDims }
}

/**
 * A network from a file's bytes, by its name's ending: a cosearch network `.json`, a SCALE-Sim
 * topology `.csv`, a MAESTRO `.m` network or an ONNX model `.onnx` (named after the file). The one
 * way every front end (the CLI, experiment configs) reads a network file. Never throws: a bad file
 * gives a message naming the file and every problem.
 *
 * @example
 * const read = networkFromFile("kws.onnx", readFileSync("kws.onnx"))
 * if (read.ok) analyzeNetworkOrThrow(read.network)
 */
export const networkFromFile = (
  path: string,
  bytes: Uint8Array,
  options: NetworkFileOptions = {},
): { readonly ok: true; readonly network: Network } | { readonly ok: false; readonly message: string } => {
  const base = path.split("/").pop() ?? path
  const stem = base.includes(".") ? base.slice(0, base.lastIndexOf(".")) : base
  if (options.inputDims !== undefined && !path.endsWith(".onnx"))
    return { ok: false, message: `input dims apply to ONNX models only, not to "${path}", whose input layers fix its shapes` }
  if (path.endsWith(".onnx")) {
    const read = readOnnxNetwork(bytes, stem, options.inputDims === undefined ? {} : { inputDims: options.inputDims })
    return read.ok
      ? { ok: true, network: read.network }
      : {
          ok: false,
          message: `ONNX file "${path}" cannot be read:\n${indent(read.errors)}\n(\`cosearch network import ${path} --report\` lists how each op is treated)`,
        }
  }
  const text = new TextDecoder().decode(bytes)
  if (path.endsWith(".csv")) {
    // A SCALE-Sim topology: one independent layer per row.
    const parsed = parseScaleSimTopology(text, stem)
    return parsed.ok
      ? { ok: true, network: parsed.network }
      : {
          ok: false,
          message: `topology file "${path}" is not a valid SCALE-Sim topology:\n${indent(parsed.errors.map((error) => error.message))}`,
        }
  }
  if (path.endsWith(".m")) {
    // A MAESTRO network: one independent CONV layer per Layer block.
    const parsed = parseMaestroNetwork(text)
    return parsed.ok
      ? { ok: true, network: parsed.network }
      : { ok: false, message: `MAESTRO file "${path}" is not a valid network:\n${indent(parsed.errors)}` }
  }
  const parsed = parseNetworkJsonText(text)
  return Either.isRight(parsed)
    ? { ok: true, network: parsed.right }
    : { ok: false, message: `network file "${path}" is not a valid network file:\n${indent(parsed.left.split("\n"))}` }
}
