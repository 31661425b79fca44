/**
 * The Edge TPU template (Seshadri et al., IISWC 2022; Yazdanbakhsh et al., Apollo, 2021): a 2-D
 * array of PEs, each with cores of SIMD compute lanes, PE / core / parameter / activation /
 * instruction memories and an I/O link; its free constants, presets, area model and validation.
 *
 * @example
 * import { edgeTpuArea, edgeTpuPresets } from "@cosearch/accelerator"
 * edgeTpuArea(edgeTpuPresets["edgetpu-v1"]).totalMm2
 */
export {
  type EdgeTpuAccelerator,
  type EdgeTpuConstants,
  type EdgeTpuEnergy,
  type EdgeTpuLayerClass,
  edgeTpuBytesPerElement,
  edgeTpuLayerClasses,
  edgeTpuPeakMacsPerSecond,
} from "./accelerator.js"
export { apolloEdgeTpuKnobs, apolloEdgeTpuKnobsOf, apolloFixedKnobs } from "./apollo-knobs.js"
export { type EdgeTpuArea, edgeTpuArea, edgeTpuLeakageWatts, edgeTpuSramBytes, instructionBytes } from "./area.js"
export { defaultEdgeTpuConstants } from "./constants.js"
export { type EdgeTpuKnobs, edgeTpuKnobs, edgeTpuKnobsOf, peakMacsPerCycle } from "./knobs.js"
export { nearDataEdgeTpuKnobs, nearDataEdgeTpuKnobsOf, nearDataFixedKnobs } from "./near-data-knobs.js"
export {
  type EdgeTpuDesignOptions,
  type EdgeTpuPresetName,
  edgeTpuFromKnobs,
  edgeTpuPreset,
  edgeTpuPresetNames,
  edgeTpuPresets,
} from "./presets.js"
export { edgeTpuTemplate } from "./template.js"
export { type EdgeTpuIssue, isValidEdgeTpuAccelerator, validateEdgeTpuAccelerator } from "./validate.js"
