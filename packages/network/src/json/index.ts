/**
 * The JSON form of networks: schemas for network files and the functions that read and write them.
 *
 * @example
 * import { encodeNetworkJson, parseNetworkJsonText } from "./json/index.js"
 * const again = parseNetworkJsonText(JSON.stringify(encodeNetworkJson(network)))
 */
export { decodeNetworkJson, encodeNetworkJson, parseNetworkJsonText } from "./codec.js"
export { formatNetworkJsonIssues, type NetworkJsonIssue, networkJsonIssues } from "./issues.js"
export { type LayerJson, LayerJsonSchema } from "./layer-schema.js"
export { type NetworkJson, NetworkJsonSchema } from "./network-schema.js"
