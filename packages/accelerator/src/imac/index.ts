/**
 * The IMAC template (TPU-IMAC, Elbtity et al.): analog in-memory compute crossbars for fully
 * connected layers, with resident weights; its defaults, area model and validation.
 *
 * @example
 * import { defaultImacAccelerator, imacArea } from "@cosearch/accelerator"
 * imacArea(defaultImacAccelerator).totalMm2
 */
export type { ImacAccelerator } from "./accelerator.js"
export { type ImacArea, imacArea } from "./area.js"
export { defaultImacAccelerator } from "./defaults.js"
export { isValidImacAccelerator, validateImacAccelerator } from "./validate.js"
