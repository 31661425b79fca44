/**
 * The CPU template (Cortex-A53-like): cores, clock, SIMD width, caches, DRAM bandwidth,
 * per-layer-class efficiencies and energies for a per-layer roofline; presets and validation.
 *
 * @example
 * import { cpuPeakOpsPerSecond, cpuPresets } from "@cosearch/accelerator"
 * cpuPeakOpsPerSecond(cpuPresets["cortex-a53"])
 */
export { type CpuAccelerator, type CpuLayerClass, cpuBytesPerElement, cpuLayerClasses, cpuPeakOpsPerSecond } from "./accelerator.js"
export { type CpuPresetName, cpuPreset, cpuPresetNames, cpuPresets } from "./presets.js"
export { cpuTemplate } from "./template.js"
export { isValidCpuAccelerator, validateCpuAccelerator } from "./validate.js"
