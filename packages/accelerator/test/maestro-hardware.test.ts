import { eyerissV1Like, maestro256Pe, maestroHardwareText, readMaestroHardware } from "@cosearch/accelerator"
import { describe, expect, it } from "vitest"

describe("readMaestroHardware", () => {
  it("reads MAESTRO's 256-PE hardware as the maestro-256pe preset, under its own name", () => {
    const text = "num_pes: 256\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 50\n"
    const read = readMaestroHardware(text)
    if (!read.ok) throw new Error(read.errors.join("\n"))
    expect({ ...read.accelerator, name: maestro256Pe.name }).toEqual(maestro256Pe)
  })

  it("lays a flat PE count out as the squarest array and leaves out the bounds the file does not give", () => {
    const read = readMaestroHardware("// 168 PEs, Eyeriss-sized\nnum_pes: 168\n\nl2_size_cstr: 4096 // bytes\n")
    if (!read.ok) throw new Error(read.errors.join("\n"))
    expect(read.accelerator.array).toMatchObject({ x: 14, y: 12 })
    const [dram, l2, l1] = read.accelerator.levels
    expect(dram?.bandwidthBytesPerCycle).toBeUndefined()
    expect([l2?.capacityBytes, l2?.bandwidthBytesPerCycle]).toEqual([4096, undefined])
    expect(l1?.capacityBytes).toBeUndefined()
  })

  it("names the line and the key of every problem", () => {
    const read = readMaestroHardware("num_pes: 0\nl1_size: 100\nl2_size_cstr: 30\nl2_size_cstr: 40\nbandwidth 50\n")
    expect(read).toEqual({
      ok: false,
      errors: [
        'line 1: num_pes: expected a positive whole number, got "0"',
        "line 2: l1_size: not a MAESTRO hardware key (num_pes, l1_size_cstr, l2_size_cstr, noc_bw_cstr, offchip_bw_cstr)",
        "line 4: l2_size_cstr: given twice",
        'line 5: expected "key: value", got "bandwidth 50"',
      ],
    })
    expect(readMaestroHardware("l1_size_cstr: 100\n")).toEqual({ ok: false, errors: ["num_pes: missing"] })
  })

  it("writes only what MAESTRO can describe, naming the rest", () => {
    const written = maestroHardwareText({ ...maestro256Pe, array: { x: 8, y: 4, macsPerPe: 1 } })
    expect(written).toEqual({
      ok: true,
      text: "num_pes: 32\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 50\n",
    })
    const refused = maestroHardwareText(eyerissV1Like)
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.errors).toHaveLength(2)
    expect(refused.errors[0]).toMatch(
      /^levels: MAESTRO describes an off-chip DRAM, one shared L2 and one per-PE L1; "eyeriss-v1-like" has DRAM \(off-chip\), /,
    )
    expect(refused.errors[1]).toBe("bytesPerElement: MAESTRO's sizes count elements, written here for 1-byte elements, got 2")
  })
})
