import type { SystolicArray } from "./array.js"

/**
 * Writes a SCALE-Sim v2 configuration file for an array, so that SCALE-Sim can be run on the
 * same design (e.g. to check the cost model on new shapes). SRAM sizes are written in whole KiB
 * (rounded down); the bandwidth mode is `CALC` unless the array has a numeric DRAM bandwidth,
 * which is written as `USER` words per cycle (rounded up). Assumes a valid array.
 *
 * @example
 * writeFileSync("a64x16_ws.cfg", scaleSimConfigText({ ...systolicPresets["systolic-32x32"], rows: 64, columns: 16, dataflow: "ws" }))
 */
export const scaleSimConfigText = (array: SystolicArray, runName: string = array.name ?? "cosearch"): string => {
  const kib = (bytes: number): number => Math.floor(bytes / 1024)
  const bandwidth = array.dramBytesPerCycle
  const user = typeof bandwidth === "number"
  return [
    "[general]",
    `run_name = ${runName}`,
    "",
    "[architecture_presets]",
    `ArrayHeight:    ${array.rows}`,
    `ArrayWidth:     ${array.columns}`,
    `IfmapSramSzkB:   ${kib(array.ifmapSramBytes)}`,
    `FilterSramSzkB:  ${kib(array.filterSramBytes)}`,
    `OfmapSramSzkB:   ${kib(array.ofmapSramBytes)}`,
    "IfmapOffset:    0",
    "FilterOffset:   10000000",
    "OfmapOffset:    20000000",
    `Bandwidth : ${user ? Math.ceil(bandwidth) : 10}`,
    `Dataflow : ${array.dataflow}`,
    "MemoryBanks:   1",
    "",
    "[run_presets]",
    `InterfaceBandwidth: ${user ? "USER" : "CALC"}`,
    "",
  ].join("\n")
}
