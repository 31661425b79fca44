/**
 * `@cosearch/accelerator`: the description side of each accelerator kind, one folder per kind
 * (`edgetpu`, `hierarchical`, `systolic`, `imac`, `cpu`): its accelerator type, presets,
 * validation, area model, knob spaces and a template gathering them (`AcceleratorTemplate`);
 * heterogeneous systems of units of any kind. `@cosearch/cost` joins each template with its cost
 * model and registers the kinds (`acceleratorKinds`).
 *
 * @example
 * import { edgeTpuPresets, edgeTpuTemplate } from "@cosearch/accelerator"
 * edgeTpuTemplate.area(edgeTpuPresets.coral) // mm², 45 nm
 * edgeTpuTemplate.validate({ ...edgeTpuPresets.coral, clockHz: 0 })[0]?.path // "clockHz"
 *
 * @packageDocumentation
 */

export * from "./cpu/index.js"
export * from "./edgetpu/index.js"
export * from "./energy/index.js"
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
