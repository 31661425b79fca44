import { edgeTpuFromKnobs, type SystolicKnobs } from "@cosearch/accelerator"
import type { DecodedConfiguration } from "../../spaces/named-space.js"
import type { AcceleratorTarget } from "./accelerator-target.js"

/**
 * Turns the accelerator part of a configuration (decoded knobs) into an accelerator the cost
 * model runs.
 *
 * @example
 * const template: AcceleratorTemplate = (decoded) => ({ kind: "systolic", name: "knobs", array: arrayOf(decoded) })
 */
export type AcceleratorTemplate = (decoded: DecodedConfiguration) => AcceleratorTarget

/** SCALE-Sim's array from the systolic knobs; 1-byte words as in SCALE-Sim; no clock, so cycles only. */
const systolicTemplate: AcceleratorTemplate = (decoded) => {
  if (decoded.kind !== "systolic-knobs") throw new TypeError(`the systolic template reads systolic-knobs, got ${decoded.kind}`)
  const knobs: SystolicKnobs = decoded.knobs
  return {
    kind: "systolic",
    name: `systolic-${knobs.rows}x${knobs.columns}-${knobs.dataflow}`,
    array: {
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
}

/**
 * The Edge TPU template from its ten knobs: 800 MHz, int8, and the Coral calibration's constants
 * (`edgeTpuFromKnobs`'s defaults; docs/edgetpu.md).
 */
const edgeTpuTemplate: AcceleratorTemplate = (decoded) => {
  if (decoded.kind !== "edgetpu-knobs") throw new TypeError(`the Edge TPU template reads edgetpu-knobs, got ${decoded.kind}`)
  const accelerator = edgeTpuFromKnobs(decoded.knobs)
  return { kind: "edgetpu", name: accelerator.name, accelerator }
}

/**
 * The accelerator templates of the `cost` evaluator, by the kind of decoded knobs they read. A
 * space whose accelerator part decodes to a kind listed here can be searched jointly with a
 * network; add an entry (and, for a new kind of accelerator, a case in `evaluationRecord`) to
 * plug in a new template.
 *
 * @example
 * acceleratorTemplates["systolic-knobs"]?.({ kind: "systolic-knobs", knobs }).kind // "systolic"
 */
export const acceleratorTemplates: Readonly<Partial<Record<DecodedConfiguration["kind"], AcceleratorTemplate>>> = {
  "systolic-knobs": systolicTemplate,
  "edgetpu-knobs": edgeTpuTemplate,
}
