import { type AcceleratorTemplate, type AcceleratorUnit, defineTemplate, type KnobSpace } from "../template/template.js"
import type { EdgeTpuAccelerator } from "./accelerator.js"
import { apolloEdgeTpuKnobs, apolloEdgeTpuKnobsOf } from "./apollo-knobs.js"
import { edgeTpuArea } from "./area.js"
import { type EdgeTpuKnobs, edgeTpuKnobs, edgeTpuKnobsOf } from "./knobs.js"
import { edgeTpuFromKnobs, edgeTpuPresets } from "./presets.js"
import { validateEdgeTpuAccelerator } from "./validate.js"

/** A searched design as a unit: `edgeTpuFromKnobs`' defaults (800 MHz, int8, the Coral calibration), named after its array. */
const designUnit = (knobs: EdgeTpuKnobs): AcceleratorUnit<"edgetpu", EdgeTpuAccelerator> => {
  const accelerator = edgeTpuFromKnobs(knobs)
  return { kind: "edgetpu", name: accelerator.name, accelerator }
}

const fullKnobs: KnobSpace<"edgetpu", EdgeTpuAccelerator> = {
  name: "edgetpu-knobs",
  summary: "Edge TPU template knobs as searched by Apollo and PRIME (10 ordinal knobs)",
  space: edgeTpuKnobs,
  decode: (configuration) => designUnit(edgeTpuKnobsOf(configuration)),
}

const apolloKnobs: KnobSpace<"edgetpu", EdgeTpuAccelerator> = {
  name: "apollo-edgetpu-knobs",
  summary: "Apollo's reduced Edge TPU space (6 knobs), mapped onto the full template",
  space: apolloEdgeTpuKnobs,
  decode: (configuration) => designUnit(apolloEdgeTpuKnobsOf(configuration)),
}

/**
 * The Edge TPU kind's description: its presets (`edgetpu-v1` to `v3`, `coral`), validation, the
 * 45 nm area model (`edgeTpuArea`) and two knob spaces, `edgetpu-knobs` (the template's ten
 * knobs) and `apollo-edgetpu-knobs` (Apollo's reduced space), whose designs take
 * `edgeTpuFromKnobs`' defaults.
 *
 * @example
 * edgeTpuTemplate.area(edgeTpuTemplate.presets.coral) // edgeTpuArea(edgeTpuPresets.coral).totalMm2
 */
export const edgeTpuTemplate: AcceleratorTemplate<"edgetpu", EdgeTpuAccelerator> = defineTemplate({
  kind: "edgetpu",
  summary: "the Edge TPU template: a 2-D array of PEs of SIMD cores, PE, core, parameter, activation and instruction memories, an I/O link",
  title: "Edge TPU",
  presets: edgeTpuPresets,
  validate: validateEdgeTpuAccelerator,
  area: (accelerator) => edgeTpuArea(accelerator).totalMm2,
  knobs: [fullKnobs, apolloKnobs],
})
