/**
 * Heterogeneous systems: named accelerator units of any template, near-data or not, direct links
 * between them, and the default path through the host's DRAM; with validation.
 *
 * @example
 * import { lpddr4HostPath, validateSystem } from "@cosearch/accelerator"
 * validateSystem({ name: "one", units: [{ kind: "edgetpu", name: "tpu", accelerator: edgeTpuPresets.coral }], links: [], hostPath: lpddr4HostPath }, [edgeTpuTemplate]) // []
 */

export type { PathCost } from "../energy/memory-interface.js"
export { type SystemArea, systemArea, type UnitArea } from "./area.js"
export {
  onChipLink,
  type SlotSystemOptions,
  type SlotSystemResult,
  type SystemSlots,
  slotUnitNames,
  stackedNearDataPath,
  systemFromSlots,
} from "./from-slots.js"
export { hbmNearDataPath, type MensaEnergyOptions, mensaSystems } from "./mensa.js"
export {
  type SystemPresetName,
  singleUnitSystem,
  systemPreset,
  systemPresetNames,
  systemPresets,
} from "./presets.js"
export {
  type CpuUnit,
  type EdgeTpuUnit,
  type HeterogeneousSystem,
  type HierarchicalUnit,
  HOST,
  type ImacUnit,
  lpddr4HostPath,
  type SystemLink,
  type SystemUnit,
  type SystemUnitKind,
  type SystolicUnit,
} from "./system.js"
export { type PresetUnit, resolveSystem, type SystemDocument, type SystemIssue, type SystemRead, validateSystem } from "./validate.js"
