import { type AcceleratorTemplate, type AcceleratorUnit, defineTemplate, type KnobSpace } from "../template/template.js"
import { clockMhzIssues, type FieldIssue } from "../validation/field-rules.js"
import { systolicAreaMm2 } from "./area.js"
import type { SystolicArray } from "./array.js"
import { systolicKnobs, systolicKnobsOf } from "./knobs.js"
import { systolicPresets } from "./presets.js"
import { parseScaleSimConfig } from "./scalesim-config.js"
import { validateSystolicArray } from "./validate.js"

const arrayKnobs: KnobSpace<"systolic", SystolicArray> = {
  name: "systolic-knobs",
  summary: "a SCALE-Sim systolic array: rows, columns, SRAM per operand, dataflow, DRAM bandwidth",
  space: systolicKnobs,
  // SCALE-Sim's 1-byte words; no clock, so cycles only.
  decode: (configuration): AcceleratorUnit<"systolic", SystolicArray> => {
    const knobs = systolicKnobsOf(configuration)
    return {
      kind: "systolic",
      name: `systolic-${knobs.rows}x${knobs.columns}-${knobs.dataflow}`,
      accelerator: {
        name: "systolic-knobs",
        rows: knobs.rows,
        columns: knobs.columns,
        dataflow: knobs.dataflow,
        ifmapSramBytes: knobs.ifmapSramBytes,
        filterSramBytes: knobs.filterSramBytes,
        ofmapSramBytes: knobs.ofmapSramBytes,
        dramBytesPerCycle: knobs.dramBytesPerCycle,
        bytesPerElement: 1,
      },
    }
  },
}

const validate = (document: unknown): FieldIssue[] =>
  validateSystolicArray(document).map((issue) => ({ path: issue.field, value: issue.value, message: issue.message }))

/**
 * The systolic kind's description (SCALE-Sim's model): its presets (`systolic-32x32`,
 * `systolic-128x128`), validation, the 45 nm area model (`systolicAreaMm2`), the knob space
 * `systolic-knobs` and SCALE-Sim's `.cfg` files; a system unit also needs `clockMhz`. Its
 * description has no `kind` field: a document's `kind` is dropped (`fromDocument`).
 *
 * @example
 * systolicTemplate.readers[0]?.read(readFileSync("a32_ws.cfg", "utf8"))
 */
export const systolicTemplate: AcceleratorTemplate<"systolic", SystolicArray> = defineTemplate({
  kind: "systolic",
  summary: "a systolic array after SCALE-Sim: rows x columns of MACs, three double-buffered SRAMs, a dataflow",
  title: "systolic array",
  presets: systolicPresets,
  validate,
  unitIssues: clockMhzIssues,
  fromDocument: (document) => {
    const { kind: _, ...array } = document
    return array as unknown as SystolicArray
  },
  area: systolicAreaMm2,
  knobs: [arrayKnobs],
  readers: [
    {
      extension: ".cfg",
      summary: "a SCALE-Sim .cfg file",
      read: (text) => {
        const parsed = parseScaleSimConfig(text)
        return parsed.ok
          ? { ok: true, accelerator: parsed.config.array }
          : { ok: false, errors: parsed.errors.map((error) => error.message) }
      },
    },
  ],
})
