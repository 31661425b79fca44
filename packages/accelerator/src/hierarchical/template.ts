import { type AcceleratorTemplate, defineTemplate } from "../template/template.js"
import { clockMhzIssues } from "../validation/field-rules.js"
import type { HierarchicalAccelerator } from "./accelerator.js"
import { acceleratorAreaMm2 } from "./area.js"
import { readMaestroHardware } from "./maestro-hardware.js"
import { allHierarchicalPresets } from "./presets.js"
import { validateHierarchicalAccelerator } from "./validate.js"

/**
 * The hierarchical kind's description (the general model's accelerators, after Timeloop): its
 * presets (`maestro-256pe`, `eyeriss-v1-like`, `simba-like`), validation and the 45 nm area model
 * (`acceleratorAreaMm2`); a system unit also needs `clockMhz`. No knob space.
 *
 * @example
 * hierarchicalTemplate.unitIssues(maestro256Pe)[0]?.path // "clockMhz": the preset states no clock
 */
export const hierarchicalTemplate: AcceleratorTemplate<"hierarchical", HierarchicalAccelerator> = defineTemplate({
  kind: "hierarchical",
  summary: "the hierarchical model's accelerator (after Timeloop): storage levels from DRAM inwards, a PE array, per-access energies",
  title: "hierarchical accelerator",
  presets: allHierarchicalPresets,
  validate: validateHierarchicalAccelerator,
  unitIssues: clockMhzIssues,
  area: acceleratorAreaMm2,
  readers: [{ extension: ".m", summary: "a MAESTRO hardware file", read: readMaestroHardware }],
})
