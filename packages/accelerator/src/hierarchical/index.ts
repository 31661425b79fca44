/**
 * The general accelerator of the hierarchical cost model (after Timeloop's architecture model):
 * storage levels from DRAM inwards, the PE array at the spatial fan-out, per-access energies,
 * validation, presets and the 45 nm area model.
 *
 * @example
 * import { acceleratorAreaMm2, hierarchicalPresets, validateHierarchicalAccelerator } from "@cosearch/accelerator"
 * validateHierarchicalAccelerator(hierarchicalPresets["eyeriss-v1-like"]) // []
 */
export {
  type Accounting,
  type EnergyModel,
  type HierarchicalAccelerator,
  isOperand,
  type LevelScope,
  laneCount,
  lastPeLevel,
  lastSharedLevel,
  type MacPrecision,
  macCount,
  macPrecision,
  type Operand,
  operands,
  type PeArray,
  peCount,
  precisionOfBytes,
  type StorageLevel,
  type TrafficModel,
} from "./accelerator.js"
export { type AcceleratorArea, acceleratorArea, acceleratorAreaMm2 } from "./area.js"
export {
  eyerissRelativeEnergy,
  macAreaUm2At45nm,
  macEnergyPj45nm,
  maestroRelativeEnergy,
  sramAreaUm2PerByteAt45nm,
} from "./constants.js"
export { maestroHardwareText, readMaestroHardware } from "./maestro-hardware.js"
export {
  allHierarchicalPresets,
  eyerissV1Like,
  type HierarchicalPresetName,
  hierarchicalPreset,
  hierarchicalPresetNames,
  hierarchicalPresets,
  maestro256Pe,
  simbaLike,
} from "./presets.js"
export { hierarchicalTemplate } from "./template.js"
export { type HierarchyIssue, isValidHierarchicalAccelerator, validateHierarchicalAccelerator } from "./validate.js"
