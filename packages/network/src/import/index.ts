/**
 * Readers of other tools' network descriptions into `Network`s: SCALE-Sim topology files.
 *
 * @example
 * import { parseScaleSimTopology } from "@cosearch/network"
 * const parsed = parseScaleSimTopology("Layer, H, W, R, S, C, K, Stride,\nconv1, 8, 8, 3, 3, 4, 16, 1,\n", "tiny")
 */
export { parseScaleSimTopology, type ScaleSimTopologyParse } from "./scalesim-topology.js"
export { readTopologyRows, type ScaleSimTopologyRow, type TopologyError, topologyColumns } from "./topology-rows.js"
