import { readFileSync } from "node:fs"
import { parseScaleSimConfig, scaleSimConfigText, systolicPresets } from "@cosearch/accelerator"
import { analyzeNetwork, parseScaleSimTopology } from "@cosearch/network"
import { describe, expect, it } from "vitest"

const data = (name: string): string => readFileSync(new URL(`../data/scalesim/${name}`, import.meta.url), "utf8")

const HEADER = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,"

const topologyErrors = (text: string): string[] => {
  const parsed = parseScaleSimTopology(text)
  if (parsed.ok) throw new Error("expected errors")
  return parsed.errors.map((error) => error.message)
}

const configErrors = (text: string): string[] => {
  const parsed = parseScaleSimConfig(text)
  if (parsed.ok) throw new Error("expected errors")
  return parsed.errors.map((error) => error.message)
}

describe("parseScaleSimTopology", () => {
  it("reads the reference topology files (header line, trailing commas)", () => {
    const parsed = parseScaleSimTopology(data("L1.csv"), "L1")
    if (!parsed.ok) throw new Error(parsed.errors[0]?.message)
    expect(parsed.rows).toEqual([
      expect.objectContaining({
        line: 2,
        name: "L1_r50_conv1",
        ifmapHeight: 229,
        filterWidth: 7,
        channels: 3,
        filters: 64,
        strideHeight: 2,
      }),
    ])
    expect(parsed.network.name).toBe("L1")
    expect(parsed.network.layers).toEqual([
      { name: "L1_r50_conv1/input", op: "input", inputs: [], shape: { h: 229, w: 229, c: 3 } },
      {
        name: "L1_r50_conv1",
        op: "conv2d",
        inputs: ["L1_r50_conv1/input"],
        filters: 64,
        kernel: [7, 7],
        stride: [2, 2],
        dilation: [1, 1],
        padding: "valid",
        groups: 1,
        bias: false,
      },
    ])
    expect(analyzeNetwork(parsed.network).ok).toBe(true)
  })

  it("makes each row an independent layer with its own input; repeated names get a suffix", () => {
    const text = `${HEADER}\nconv, 8, 8, 3, 3, 4, 16, 1,\n\nconv, 16, 12, 1, 1, 16, 8, 1, 2,\nfc, 1, 1, 1, 1, 64, 10, 1\n`
    const parsed = parseScaleSimTopology(text, "three")
    if (!parsed.ok) throw new Error(parsed.errors[0]?.message)
    expect(parsed.network.layers.map((layer) => layer.name)).toEqual(["conv/input", "conv", "conv_1/input", "conv_1", "fc/input", "fc"])
    expect(parsed.network.layers[3]).toMatchObject({ stride: [1, 2], inputs: ["conv_1/input"] })
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 4, 5])
  })

  it("accepts a file without a header line", () => {
    const parsed = parseScaleSimTopology("conv, 8, 8, 3, 3, 4, 16, 1,\n")
    expect(parsed.ok && parsed.rows.length).toBe(1)
  })

  it("names the line and column of a bad number", () => {
    expect(topologyErrors(`${HEADER}\nconv, 8, 8, 3, x3, 4, 16, 1,\nfc, 1, 1, 1, 1, 0, 10, 1,\n`)).toEqual([
      'line 2, column 5 (Filter Width): "x3" is not a positive integer',
      'line 3, column 6 (Channels): "0" is not a positive integer',
    ])
  })

  it("names the line of a row with the wrong number of fields", () => {
    expect(topologyErrors(`${HEADER}\nconv, 8, 8, 3, 3, 4,\nbig, 8, 8, 3, 3, 4, 16, 1, 1, 7,\n`)).toEqual([
      "line 2, column 7 (Num Filter): expected 8 fields (Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides) or 9 (with Stride Width), got 6",
      "line 3, column 10: expected 8 fields (Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides) or 9 (with Stride Width), got 10",
    ])
  })

  it("rejects a filter larger than its input, an empty name and an empty file", () => {
    expect(topologyErrors(`${HEADER}\nconv, 7, 7, 9, 3, 4, 16, 1,\n, 8, 8, 3, 3, 4, 16, 1,\n`)).toEqual([
      "line 2, column 4 (Filter Height): 9 is larger than the IFMAP height 7",
      "line 3, column 1 (Layer name): the layer name is empty",
    ])
    expect(topologyErrors(`${HEADER}\n`)).toEqual(["line 2, column 1 (Layer name): the file has no layer rows"])
  })
})

describe("parseScaleSimConfig", () => {
  it("reads the reference configurations", () => {
    for (const dataflow of ["os", "ws", "is"] as const) {
      const parsed = parseScaleSimConfig(data(`a32_${dataflow}.cfg`))
      if (!parsed.ok) throw new Error(parsed.errors[0]?.message)
      expect(parsed.config).toEqual({
        runName: `a32_${dataflow}`,
        interfaceBandwidth: "CALC",
        array: {
          name: `a32_${dataflow}`,
          rows: 32,
          columns: 32,
          dataflow,
          ifmapSramBytes: 65536,
          filterSramBytes: 65536,
          ofmapSramBytes: 65536,
          dramBytesPerCycle: "calc",
          bytesPerElement: 1,
        },
      })
    }
  })

  it("reads USER bandwidth (the first bank's), case-insensitive keys and trailing spaces", () => {
    const text = data("a32_ws.cfg")
      .replace("ArrayWidth:     32", "arraywidth = 8")
      .replace("CALC", "USER ")
      .replace("Bandwidth : 10", "Bandwidth : 24, 12")
    const parsed = parseScaleSimConfig(text)
    expect(parsed.ok && parsed.config.array).toMatchObject({ rows: 32, columns: 8, dramBytesPerCycle: 24 })
  })

  it("names the key and line of bad values", () => {
    const text = data("a32_os.cfg").replace("ArrayHeight:    32", "ArrayHeight:    0").replace("Dataflow : os", "Dataflow : rs")
    expect(configErrors(text)).toEqual([
      'line 5: ArrayHeight "0" must be a positive integer',
      'line 14: Dataflow "rs" must be one of os, ws, is',
    ])
    expect(configErrors(data("a32_os.cfg").replace("IfmapSramSzkB:   64", "IfmapSramSzkB:   64.5"))).toEqual([
      'line 7: IfmapSramSzkB "64.5" must be a positive integer',
    ])
    expect(configErrors(data("a32_os.cfg").replace("CALC", "FAST"))).toEqual(['line 18: InterfaceBandwidth "FAST" must be CALC or USER'])
  })

  it("reports missing keys by section, repeated keys and stray lines by line", () => {
    expect(configErrors(data("a32_os.cfg").replace("ArrayWidth:     32\n", ""))).toEqual(["[architecture_presets] ArrayWidth is missing"])
    expect(configErrors(data("a32_os.cfg").replace("Dataflow : os", "Dataflow : os\ndataflow : ws"))).toEqual([
      "line 15: dataflow repeats the key on line 14 of [architecture_presets]",
    ])
    expect(configErrors(`ArrayHeight: 4\n${data("a32_os.cfg")}`)).toEqual(["line 1: ArrayHeight comes before any [section]"])
    expect(configErrors(data("a32_os.cfg").replace("MemoryBanks:   1", "MemoryBanks"))).toEqual([
      'line 15: "MemoryBanks" is not `[section]`, `key = value` or `key: value`',
    ])
    expect(configErrors(data("a32_os.cfg").replace("CALC", "USER").replace("Bandwidth : 10\n", ""))).toEqual([
      "[architecture_presets] Bandwidth is missing",
    ])
  })

  it("reads back what scaleSimConfigText writes", () => {
    for (const array of [
      systolicPresets["systolic-32x32"],
      systolicPresets["systolic-128x128"],
      { ...systolicPresets["systolic-32x32"], rows: 64, columns: 16, dataflow: "is" as const },
    ]) {
      const parsed = parseScaleSimConfig(scaleSimConfigText(array))
      expect(parsed.ok && parsed.config.array).toEqual(array)
    }
  })
})
