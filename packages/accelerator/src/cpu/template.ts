import { type AcceleratorTemplate, defineTemplate } from "../template/template.js"
import type { CpuAccelerator } from "./accelerator.js"
import { cpuPresets } from "./presets.js"
import { validateCpuAccelerator } from "./validate.js"

/**
 * The CPU kind's description: its preset (`cortex-a53`) and validation. A CPU has no area model
 * (it is the host processor, not part of an accelerator's silicon budget) and no knob space.
 *
 * @example
 * cpuTemplate.area(cpuPresets["cortex-a53"]) // null
 */
export const cpuTemplate: AcceleratorTemplate<"cpu", CpuAccelerator> = defineTemplate({
  kind: "cpu",
  summary: "a multi-core CPU with SIMD units (Cortex-A53-like), costed as a roofline per layer",
  title: "CPU",
  presets: cpuPresets,
  validate: validateCpuAccelerator,
  area: () => null,
})
