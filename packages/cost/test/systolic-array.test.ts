import {
  isSystolicDataflow,
  isValidSystolicArray,
  type SystolicArray,
  systolicPreset,
  systolicPresetNames,
  systolicPresets,
  validateSystolicArray,
} from "@cosearch/accelerator"
import { describe, expect, it } from "vitest"

describe("SystolicArray", () => {
  it("presets are valid, JSON round-trips and follow SCALE-Sim's shipped configs", () => {
    expect(systolicPresetNames).toEqual(["systolic-32x32", "systolic-128x128"])
    for (const name of systolicPresetNames) {
      const preset = systolicPresets[name]
      expect(validateSystolicArray(preset)).toEqual([])
      expect(JSON.parse(JSON.stringify(preset))).toEqual(preset)
      expect(systolicPreset(name)).toBe(preset)
    }
    expect(systolicPresets["systolic-32x32"]).toMatchObject({
      rows: 32,
      columns: 32,
      dataflow: "os",
      ifmapSramBytes: 65536,
      dramBytesPerCycle: "calc",
    })
    expect(systolicPresets["systolic-128x128"]).toMatchObject({ rows: 128, columns: 128, dataflow: "ws", ofmapSramBytes: 8 * 1024 * 1024 })
    expect(systolicPreset("toString")).toBeUndefined()
  })

  it("validation names each bad field and its value", () => {
    const bad = {
      ...systolicPresets["systolic-32x32"],
      rows: 0,
      columns: -8,
      dataflow: "rs",
      filterSramBytes: 1.5,
      dramBytesPerCycle: "fast",
      clockMhz: 0,
    }
    expect(validateSystolicArray(bad).map((issue) => issue.message)).toEqual([
      "rows 0 must be a positive integer",
      "columns -8 must be a positive integer",
      "filterSramBytes 1.5 must be a positive integer",
      'dataflow "rs" must be one of os (output stationary), ws (weight stationary), is (input stationary)',
      'dramBytesPerCycle "fast" must be "calc" or a positive number of bytes per cycle',
      "clockMhz 0 must be a positive number of MHz",
    ])
    expect(validateSystolicArray(bad)[0]).toEqual({ field: "rows", value: 0, message: "rows 0 must be a positive integer" })
    expect(validateSystolicArray(null)).toMatchObject([{ field: "(root)", value: null }])
    const { rows: _rows, ...noRows } = systolicPresets["systolic-32x32"]
    expect(validateSystolicArray(noRows).map((issue) => issue.message)).toEqual(["rows undefined must be a positive integer"])
  })

  it("type guards", () => {
    const array: unknown = { ...systolicPresets["systolic-128x128"], clockMhz: 940 }
    expect(isValidSystolicArray(array) && (array satisfies SystolicArray).rows).toBe(128)
    expect(isSystolicDataflow("is")).toBe(true)
    expect(isSystolicDataflow("rs")).toBe(false)
  })
})
