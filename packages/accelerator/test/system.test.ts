import { describe, expect, it } from "vitest"
import { edgeTpuPresets, type HeterogeneousSystem, lpddr4HostPath, systolicPresets, validateSystem } from "../src/index.js"
import { templates } from "./templates.js"

const system: HeterogeneousSystem = {
  name: "pair",
  units: [
    { kind: "edgetpu", name: "tpu", accelerator: edgeTpuPresets.coral },
    { kind: "systolic", name: "fc", accelerator: { ...systolicPresets["systolic-32x32"], clockMhz: 1000 }, nearData: true },
  ],
  links: [{ from: "tpu", to: "fc", bandwidthBytesPerSecond: 8e9, energyPjPerByte: 2, latencySeconds: 1e-6 }],
  hostPath: lpddr4HostPath,
}

describe("validateSystem", () => {
  it("accepts a valid system", () => {
    expect(validateSystem(system, templates)).toEqual([])
    expect(validateSystem({ ...system, home: "tpu" }, templates)).toEqual([])
  })

  it("names the path and value of an unknown unit in a link, a non-positive bandwidth and a duplicate name", () => {
    const issues = validateSystem(
      {
        ...system,
        units: [...system.units, { kind: "edgetpu", name: "tpu", accelerator: edgeTpuPresets.coral }],
        links: [{ ...system.links[0], to: "gpu", bandwidthBytesPerSecond: 0 }],
      },
      templates,
    )
    expect(issues.map((issue) => issue.path)).toEqual(["units[2].name", "links[0].to", "links[0].bandwidthBytesPerSecond"])
    expect(issues[0]?.message).toBe('units[2].name "tpu" is used by an earlier unit')
    expect(issues[1]?.message).toBe('links[0].to "gpu" is not a unit of the system; known: host, tpu, fc')
    expect(issues[2]?.value).toBe(0)
  })

  it("checks each unit with its template's validator and asks systolic units for a clock", () => {
    const issues = validateSystem(
      {
        ...system,
        units: [
          { kind: "systolic", name: "s", accelerator: { ...systolicPresets["systolic-32x32"], rows: 0 } },
          { kind: "gpu", name: "g" },
        ],
        links: [],
        home: "nowhere",
      },
      templates,
    )
    expect(issues.map((issue) => issue.path)).toEqual([
      "units[0].accelerator.rows",
      "units[0].accelerator.clockMhz",
      "units[1].kind",
      "home",
    ])
    expect(issues[0]?.message).toBe("units[0].accelerator.rows 0 must be a positive integer")
  })

  it("rejects a non-object and the reserved host name", () => {
    expect(validateSystem(3, templates)[0]?.path).toBe("(root)")
    expect(validateSystem({ ...system, units: [{ ...system.units[0], name: "host" }], links: [] }, templates)[0]?.message).toBe(
      'units[0].name "host" is reserved for the host',
    )
  })
})
