import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"

describe("cosearch layers cluster", () => {
  it("groups the layers of several networks into the families asked for, as JSON", async () => {
    const run = await runInProcess(["layers", "cluster", "--network", "ffnn", "--network", "mobilenet_v2", "--families", "3", "--json"])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.families).toHaveLength(3)
    // ffnn's 3 dense layers and MobileNetV2's 52 convolutions and its classifier.
    expect(report.layers).toBe(3 + 53)
    expect(report.families.reduce((sum: number, family: { layers: number }) => sum + family.layers, 0)).toBe(report.layers)
    // The large weight-bound dense layers (each weight used once; 256 KiB, 64 KiB and 1.2 MiB of
    // parameters) share a family, apart from every depthwise convolution.
    const familyOf = (member: string) => report.families.findIndex((family: { members: string[] }) => family.members.includes(member))
    const fc = familyOf("ffnn:fc1/dense")
    expect(fc).toBeGreaterThanOrEqual(0)
    expect(familyOf("ffnn:fc2/dense")).toBe(fc)
    expect(familyOf("mobilenet_v2:classifier/fc")).toBe(fc)
    expect(report.families[fc].types.depthwise ?? 0).toBe(0)
  })

  it("names a bad network", async () => {
    const run = await runInProcess(["layers", "cluster", "--network", "not_a_net"])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain("not_a_net")
  })
})
