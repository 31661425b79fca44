import { Schema } from "effect"
import type { Network } from "../graph/network.js"
import { PositiveIntJson, withDefault } from "./fields.js"
import { LayerJsonSchema } from "./layer-schema.js"

const networkStruct = Schema.Struct({
  name: Schema.String,
  batch: withDefault(PositiveIntJson, () => 1),
  layers: Schema.Array(LayerJsonSchema),
  outputs: Schema.optionalWith(Schema.Array(Schema.String), { exact: true }),
}).annotations({ identifier: "Network" })

/**
 * A network file: `{ name, batch? (default 1), layers: LayerJson[], outputs?: string[] }`.
 *
 * @example
 * const file: NetworkJson = { name: "tiny", layers: [{ name: "input", op: "input", shape: { h: 8, w: 8, c: 3 } }] }
 */
export type NetworkJson = Schema.Schema.Encoded<typeof networkStruct>

/**
 * Decodes a network file to the canonical `Network` and encodes a `Network` to its canonical
 * JSON. Only the form is checked here; `analyzeNetwork` checks the graph (names, cycles, shapes).
 *
 * @example
 * const network = Schema.decodeUnknownSync(NetworkJsonSchema)({ name: "empty", layers: [] }) // batch 1
 */
export const NetworkJsonSchema: Schema.Schema<Network, NetworkJson> = networkStruct
