export {
  type CalibrationSample,
  calibrateEdgeTpu,
  calibrateWithHoldout,
  type EdgeTpuCalibration,
  type EdgeTpuCalibrationReport,
} from "./calibration/fit.js"
export { type Measurement, type MeasurementsParse, parseMeasurementsCsv } from "./calibration/measurements.js"
export {
  defaultEdgeTpuFewShotRidge,
  edgeTpuCoefficientNames,
  edgeTpuCoefficients,
  edgeTpuLatencyTerms,
  edgeTpuLinearTemplate,
  withEdgeTpuCoefficients,
} from "./calibration/terms.js"
export {
  type EdgeTpuEvaluateOptions,
  type EdgeTpuInfeasible,
  type EdgeTpuInfeasibleReason,
  type EdgeTpuLayerCost,
  type EdgeTpuNetworkCost,
  type EdgeTpuResult,
  evaluateEdgeTpu,
} from "./evaluate.js"
export { edgeTpuCost, edgeTpuKind, edgeTpuWorkloadOf } from "./kind.js"
export { type EdgeTpuSplit, edgeTpuSplit } from "./split.js"
export {
  type EdgeTpuWorkload,
  type EdgeTpuWorkloadLayer,
  type EdgeTpuWorkloadResult,
  edgeTpuLayerClassOf,
  edgeTpuWorkload,
} from "./workload.js"
