import { type AcceleratorTemplate, defineTemplate, type KnobSpace } from "../template/template.js"
import type { ImacAccelerator } from "./accelerator.js"
import { imacArea } from "./area.js"
import { defaultImacAccelerator } from "./defaults.js"
import { imacFromKnobs, imacKnobs, imacKnobsOf } from "./knobs.js"
import { validateImacAccelerator } from "./validate.js"

const crossbarKnobs: KnobSpace<"imac", ImacAccelerator> = {
  name: "imac-knobs",
  summary: "an IMAC unit: crossbar size and count (18 designs), TPU-IMAC's precisions",
  space: imacKnobs,
  decode: (configuration) => {
    const accelerator = imacFromKnobs(imacKnobsOf(configuration))
    return { kind: "imac", name: accelerator.name, accelerator }
  },
}

/**
 * The IMAC kind's description: its preset (`imac`, `defaultImacAccelerator`), validation, the
 * area model (`imacArea`) and the knob space `imac-knobs` (`imacKnobs`, decoded by
 * `imacFromKnobs`).
 *
 * @example
 * imacTemplate.presets.imac === defaultImacAccelerator // true
 */
export const imacTemplate: AcceleratorTemplate<"imac", ImacAccelerator> = defineTemplate({
  kind: "imac",
  summary: "analog in-memory compute crossbars for fully connected layers, weights resident (TPU-IMAC)",
  title: "IMAC unit",
  presets: { imac: defaultImacAccelerator },
  validate: validateImacAccelerator,
  area: (accelerator) => imacArea(accelerator).totalMm2,
  knobs: [crossbarKnobs],
})
