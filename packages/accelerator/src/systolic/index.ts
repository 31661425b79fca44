/**
 * Systolic arrays after SCALE-Sim: the `SystolicArray` description, its validation, presets and
 * SCALE-Sim configuration files (read and written).
 *
 * @example
 * import { parseScaleSimConfig, systolicPresets, validateSystolicArray } from "@cosearch/accelerator"
 * validateSystolicArray(systolicPresets["systolic-32x32"]) // []
 */
export { type SystolicArea, systolicArea, systolicAreaMm2 } from "./area.js"
export { isSystolicDataflow, type SystolicArray, systolicDataflows } from "./array.js"
export { type SystolicDataflow, type SystolicKnobs, systolicKnobs, systolicKnobsOf } from "./knobs.js"
export { type SystolicPresetName, systolicPreset, systolicPresetNames, systolicPresets } from "./presets.js"
export { parseScaleSimConfig, type ScaleSimConfig, type ScaleSimConfigError, type ScaleSimConfigParse } from "./scalesim-config.js"
export { scaleSimConfigText } from "./scalesim-config-writer.js"
export { systolicTemplate } from "./template.js"
export { isValidSystolicArray, type SystolicArrayIssue, validateSystolicArray } from "./validate.js"
