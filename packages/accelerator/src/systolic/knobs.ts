import { type Configuration, categorical, defineSpace, ordinal, type Space } from "@cosearch/space"
import { KiB, powersOfTwo } from "../knobs/powers.js"
import { numberKnob } from "../knobs/read-knob.js"

/** SCALE-Sim's dataflows: output-, weight- and input-stationary. */
export type SystolicDataflow = "os" | "ws" | "is"

/** The knobs of a systolic array (SCALE-Sim's model) as decoded values. */
export interface SystolicKnobs {
  readonly rows: number
  readonly columns: number
  readonly ifmapSramBytes: number
  readonly filterSramBytes: number
  readonly ofmapSramBytes: number
  readonly dataflow: SystolicDataflow
  /** Off-chip bandwidth in bytes per cycle. */
  readonly dramBytesPerCycle: number
}

const sramSizes = powersOfTwo(16 * KiB, 1024 * KiB)

/**
 * A systolic array's knobs, after SCALE-Sim's configuration: array rows and columns, SRAM per
 * operand (bytes), dataflow and DRAM bandwidth (bytes/cycle). 7 x 7 x 7^3 x 3 x 6 = 302,526
 * configurations.
 *
 * @example
 * systolicKnobsOf(sampleMany(systolicKnobs, 1, "seed")[0] ?? {}).dataflow // "ws"
 */
export const systolicKnobs: Space = defineSpace({
  name: "systolic-knobs",
  parameters: [
    ordinal("rows", powersOfTwo(4, 256), { description: "array rows" }),
    ordinal("columns", powersOfTwo(4, 256), { description: "array columns" }),
    ordinal("ifmap_sram", sramSizes, { description: "input feature map SRAM, bytes" }),
    ordinal("filter_sram", sramSizes, { description: "filter SRAM, bytes" }),
    ordinal("ofmap_sram", sramSizes, { description: "output feature map SRAM, bytes" }),
    categorical("dataflow", ["os", "ws", "is"], { description: "stationary operand" }),
    ordinal("dram_bandwidth", [4, 8, 16, 32, 64, 128], { description: "DRAM bandwidth, bytes/cycle" }),
  ],
})

/**
 * Decodes a configuration of `systolicKnobs` to typed knobs.
 *
 * @example
 * systolicKnobsOf({ rows: 32, columns: 32, ifmap_sram: 65536, filter_sram: 65536, ofmap_sram: 65536, dataflow: "os", dram_bandwidth: 16 })
 */
export const systolicKnobsOf = (config: Configuration): SystolicKnobs => {
  const read = (name: string): number => numberKnob(config, name)
  const dataflow = config.dataflow
  if (dataflow !== "os" && dataflow !== "ws" && dataflow !== "is") {
    throw new TypeError(`knob "dataflow" must be one of os, ws, is, got ${JSON.stringify(dataflow)}`)
  }
  return {
    rows: read("rows"),
    columns: read("columns"),
    ifmapSramBytes: read("ifmap_sram"),
    filterSramBytes: read("filter_sram"),
    ofmapSramBytes: read("ofmap_sram"),
    dataflow,
    dramBytesPerCycle: read("dram_bandwidth"),
  }
}
