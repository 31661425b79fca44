/**
 * Readers of other tools' network descriptions into `Network`s: SCALE-Sim topology files and MAESTRO `.m` network files;
 * and the one CSV reader of user tables (`parseCsvTable`: quoted fields, errors naming line and column).
 *
 * @example
 * import { parseScaleSimTopology } from "@cosearch/network"
 * const parsed = parseScaleSimTopology("Layer, H, W, R, S, C, K, Stride,\nconv1, 8, 8, 3, 3, 4, 16, 1,\n", "tiny")
 */

export { type CsvRow, type CsvTable, type CsvTableOptions, type CsvTableParse, csvCellError, parseCsvTable } from "./csv-table.js"
export {
  type MaestroDataflowParse,
  type MaestroDirective,
  type MaestroLayer,
  type MaestroNetworkParse,
  type MaestroSize,
  maestroDirectiveText,
  maestroNetworkText,
  parseMaestroDataflow,
  parseMaestroNetwork,
} from "./maestro-network.js"
export { type MaestroToken, tokenizeMaestro } from "./maestro-tokens.js"
export { isNetworkFileName, type NetworkFileOptions, networkFileExtensions, networkFromFile, parseInputDims } from "./network-file.js"
export { type OnnxWritten, onnxFromNetwork } from "./onnx/onnx-export.js"
export { type OnnxOpReport, type OnnxRead, type OnnxReadOptions, readOnnxNetwork } from "./onnx/onnx-network.js"
export { parseScaleSimTopology, type ScaleSimTopologyParse, type ScaleSimTopologyText, scaleSimTopologyText } from "./scalesim-topology.js"
export { readTopologyRows, type ScaleSimTopologyRow, type TopologyError, topologyColumns } from "./topology-rows.js"
