export { adaptCpuFewShot, cpuLinearTemplate, defaultFewShotRidge, evaluateCpuFewShot } from "./few-shot.js"
export {
  type CpuCalibration,
  type CpuCalibrationReport,
  type CpuCalibrationSample,
  calibrateCpu,
  calibrateCpuWithHoldout,
  cpuPredictions,
} from "./fit.js"
export { type CpuSamplesRead, cpuSamplesFromCsv } from "./samples.js"
export {
  type CpuLatencyTerms,
  cpuCoefficientNames,
  cpuCoefficients,
  cpuLatencyTerms,
  withCpuCoefficients,
} from "./terms.js"
