/**
 * The IMAC template (TPU-IMAC, Elbtity et al.): analog in-memory compute crossbars for fully
 * connected layers, with resident weights; its defaults, area model, validation, knobs and template.
 *
 * @example
 * import { defaultImacAccelerator, imacArea } from "@cosearch/accelerator"
 * imacArea(defaultImacAccelerator).totalMm2
 */
export type { ImacAccelerator } from "./accelerator.js"
export { type ImacArea, imacArea } from "./area.js"
export { defaultImacAccelerator } from "./defaults.js"
export { type ImacKnobs, imacFromKnobs, imacKnobs, imacKnobsOf } from "./knobs.js"
export { imacTemplate } from "./template.js"
export { isValidImacAccelerator, validateImacAccelerator } from "./validate.js"
