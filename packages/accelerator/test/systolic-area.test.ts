import { macAreaUm2At45nm, sramAreaUm2PerByteAt45nm, systolicArea, systolicAreaMm2, systolicPresets } from "@cosearch/accelerator"
import { describe, expect, it } from "vitest"

describe("the systolic area model (45 nm)", () => {
  it("a 4x8 int8 array with 1, 2 and 4 KiB SRAMs, counted by hand", () => {
    // 32 MACs of 282 + 137 = 419 µm² (Horowitz's 8-bit multiply and 32-bit add) = 13,408 µm²;
    // 7 KiB = 7,168 bytes of SRAM at 8 bits x 600 λ² x (0.045 µm)² = 9.72 µm² a byte = 69,672.96 µm².
    const area = systolicArea({
      rows: 4,
      columns: 8,
      dataflow: "ws",
      ifmapSramBytes: 1024,
      filterSramBytes: 2048,
      ofmapSramBytes: 4096,
      bytesPerElement: 1,
    })
    expect(macAreaUm2At45nm.int8).toBe(419)
    expect(sramAreaUm2PerByteAt45nm).toBeCloseTo(9.72, 12)
    expect(area.macsMm2).toBeCloseTo(0.013408, 12)
    expect(area.ifmapSramMm2).toBeCloseTo(0.00995328, 12)
    expect(area.filterSramMm2).toBeCloseTo(0.01990656, 12)
    expect(area.ofmapSramMm2).toBeCloseTo(0.03981312, 12)
    expect(area.sramMm2).toBeCloseTo(0.06967296, 12)
    expect(area.totalMm2).toBeCloseTo(0.08308096, 12)
  })

  it("takes the MAC of the element width: 2 bytes bf16 (1640 + 4184 µm²), 4 bytes fp32 (7700 + 4184 µm²)", () => {
    const base = { rows: 2, columns: 2, dataflow: "os", ifmapSramBytes: 0, filterSramBytes: 0, ofmapSramBytes: 0 } as const
    expect(systolicArea({ ...base, bytesPerElement: 2 }).macsMm2).toBeCloseTo((4 * 5824) / 1e6, 12)
    expect(systolicArea({ ...base, bytesPerElement: 4 }).macsMm2).toBeCloseTo((4 * 11884) / 1e6, 12)
  })

  it("the presets: 32x32 with 3 x 64 KiB, 128x128 with 4 + 4 + 8 MiB", () => {
    expect(systolicAreaMm2(systolicPresets["systolic-32x32"])).toBeCloseTo((1024 * 419 + 3 * 65536 * 9.72) / 1e6, 9)
    expect(systolicAreaMm2(systolicPresets["systolic-128x128"])).toBeCloseTo((16384 * 419 + 16 * 1048576 * 9.72) / 1e6, 9)
  })
})
