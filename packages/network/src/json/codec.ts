import { Either, Schema } from "effect"
import type { Network } from "../graph/network.js"
import { describeValue } from "./fields.js"
import { formatNetworkJsonIssues, networkJsonIssues } from "./issues.js"
import { type NetworkJson, NetworkJsonSchema } from "./network-schema.js"

const decode = Schema.decodeUnknownEither(NetworkJsonSchema, { errors: "all", onExcessProperty: "error" })
const encode = Schema.encodeSync(NetworkJsonSchema)

/**
 * Decodes a parsed network file to the canonical `Network`. On failure the message has one line
 * per problem, naming its path and the value found, e.g.
 * `layers[3].kernel: expected a positive integer or [h, w] with positive integers, got "3" (layer "conv")`.
 * Unknown fields are errors, so typos do not pass silently. The graph itself (dangling inputs,
 * cycles, shapes) is `analyzeNetwork`'s to check.
 *
 * @example
 * const result = decodeNetworkJson({ name: "tiny", layers: [{ name: "input", op: "input", shape: { h: 8, w: 8, c: 3 } }] })
 * if (Either.isRight(result)) analyzeNetwork(result.right)
 * else console.error(result.left)
 */
export const decodeNetworkJson = (input: unknown): Either.Either<Network, string> => {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return Either.left(`(root): expected a network object { "name", "batch"?, "layers" }, got ${describeValue(input)}`)
  }
  return Either.mapLeft(decode(input), (error) => formatNetworkJsonIssues(networkJsonIssues(error, input)))
}

/**
 * The canonical JSON form of a network: every field spelled out, sizes as `[h, w]`. It decodes
 * back to an equal network.
 *
 * @throws ParseError when a field cannot be written (e.g. a kernel of 0), which networks from
 * the builder never have.
 * @example
 * const text = JSON.stringify(encodeNetworkJson(network), null, 2)
 */
export const encodeNetworkJson = (network: Network): NetworkJson => encode(network)

/** Line and column (both from 1) of a character offset. */
const lineAndColumn = (text: string, offset: number): string => {
  const before = text.slice(0, offset).split("\n")
  return `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`
}

/**
 * Parses and decodes the text of a network file. Invalid JSON is reported with its line and
 * column; a valid document that is not a network, as by `decodeNetworkJson`.
 *
 * @example
 * const result = parseNetworkJsonText(readFileSync("net.json", "utf8"))
 * // Left("invalid JSON at line 4, column 3: Expected ',' or '}' after property value in JSON at position 51")
 */
export const parseNetworkJsonText = (text: string): Either.Either<Network, string> => {
  let input: unknown
  try {
    input = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const position = /at position (\d+)/.exec(reason)?.[1]
    const where = position === undefined ? "" : ` at ${lineAndColumn(text, Number(position))}`
    return Either.left(`invalid JSON${where}: ${reason}`)
  }
  return decodeNetworkJson(input)
}
