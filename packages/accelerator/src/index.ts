/**
 * `@cosearch/accelerator`: accelerator templates, their knobs and presets: the knob spaces of the
 * Edge TPU template (full and Apollo's reduced variant) and of a systolic array with decoders to
 * typed records; systolic arrays after SCALE-Sim; and hierarchical accelerators (storage levels,
 * PE array, energies, area model) with presets.
 *
 * @example
 * import { edgeTpuKnobs, edgeTpuKnobsOf } from "@cosearch/accelerator"
 * import { sampleMany } from "@cosearch/space"
 * const knobs = edgeTpuKnobsOf(sampleMany(edgeTpuKnobs, 1, "seed-1")[0] ?? {})
 *
 * @packageDocumentation
 */

export * from "./cpu/index.js"
export * from "./edgetpu/index.js"
export * from "./hierarchical/index.js"
export * from "./imac/index.js"
export { KiB, MiB, powersOfTwo } from "./knobs/powers.js"
export * from "./system/index.js"
export * from "./systolic/index.js"
export {
  type AcceleratorFileRead,
  type AcceleratorFileReader,
  type AcceleratorTemplate,
  type AcceleratorUnit,
  defineTemplate,
  isUnitOf,
  type KnobSpace,
  presetNamesOf,
  presetUnitOf,
  type TemplateInput,
  templateOf,
} from "./template/template.js"
export {
  clockMhzIssues,
  type FieldIssue,
  type FlatFieldRules,
  fieldIssue,
  flatFieldIssues,
} from "./validation/field-rules.js"
