import {
  cpuPresets,
  defaultImacAccelerator,
  edgeTpuPresets,
  eyerissV1Like,
  type HeterogeneousSystem,
  lpddr4HostPath,
  type SystolicArray,
  systolicPresets,
} from "@cosearch/accelerator"
import { analyzeNetworkOrThrow, buildZooNetwork, lowerNetwork, type Network } from "@cosearch/network"
import { describe, expect, it } from "vitest"
import { acceleratorKinds, assignmentObjective, scheduleNetwork } from "../src/index.js"

const zoo = (name: string): Network => {
  const built = buildZooNetwork(name)
  if (!built.ok) throw new Error(built.message)
  return built.network
}

const array = (name: string, rows: number, columns: number): SystolicArray => ({
  ...systolicPresets["systolic-32x32"],
  name,
  rows,
  columns,
  dataflow: "os",
  clockMhz: 1000,
})

describe("scheduleNetwork", () => {
  it("puts ResNet-18's convolutions on the square array and its FC layer on the wide row", () => {
    // Output stationary maps pixels onto rows and filters onto columns. A conv has thousands of
    // pixels: a 32x32 array folds them 32 at a time, a 1x256 row one at a time, so the square wins
    // by ~8x. The FC layer has one pixel: the square uses 1 of 32 rows and folds 1000 outputs 32 at
    // a time, (1000/32) x (512 + 62) = 18,368 cycles; the row folds them 256 at a time,
    // 4 x (512 + 255) = 3,068 cycles. Moving its 512-byte input over the link (10 GB/s, 1 µs) costs
    // ~1 µs, less than the 15 µs saved, so FC goes to the row.
    const system: HeterogeneousSystem = {
      name: "square+row",
      units: [
        { kind: "systolic", name: "square", accelerator: array("square", 32, 32) },
        { kind: "systolic", name: "row", accelerator: array("row", 1, 256) },
      ],
      links: [{ from: "square", to: "row", bandwidthBytesPerSecond: 10e9, energyPjPerByte: 1, latencySeconds: 1e-6 }],
      hostPath: lpddr4HostPath,
    }
    const network = zoo("resnet18")
    const result = scheduleNetwork(network, system, "latency")
    if (!result.ok) throw new Error(result.issues.join("; "))
    const nests = lowerNetwork(analyzeNetworkOrThrow(network))
    const convs = nests.filter((nest) => nest.kind === "conv").map((nest) => nest.layer)
    const fcs = nests.filter((nest) => nest.kind === "matmul").map((nest) => nest.layer)
    expect(convs.length).toBeGreaterThan(15)
    expect(fcs.length).toBe(1)
    for (const conv of convs) expect(result.placement.get(conv), conv).toBe("square")
    for (const fc of fcs) expect(result.placement.get(fc), fc).toBe("row")
    // Better than either unit alone.
    const n = result.problem.graph.layers.length
    for (const unit of [0, 1])
      expect(result.schedule.value).toBeLessThan(assignmentObjective(result.problem, new Int32Array(n).fill(unit), "latency"))
  })

  it("schedules over Edge TPU, hierarchical and systolic units together, never worse than one unit", () => {
    const system: HeterogeneousSystem = {
      name: "three",
      units: [
        { kind: "edgetpu", name: "tpu", accelerator: edgeTpuPresets.coral },
        { kind: "hierarchical", name: "eyeriss", accelerator: eyerissV1Like },
        { kind: "systolic", name: "sa", accelerator: array("sa", 32, 32), nearData: true },
      ],
      links: [],
      hostPath: lpddr4HostPath,
    }
    const network = zoo("ffnn")
    for (const objective of ["latency", "energy", "edp"] as const) {
      const result = scheduleNetwork(network, system, objective, { mapper: { maxMappings: 8 } })
      if (!result.ok) throw new Error(result.issues.join("; "))
      expect(result.schedule.feasible).toBe(true)
      expect(result.schedule.exact).toBe(true)
      const n = result.problem.graph.layers.length
      for (const unit of [0, 1, 2])
        expect(result.schedule.value).toBeLessThanOrEqual(assignmentObjective(result.problem, new Int32Array(n).fill(unit), objective))
    }
  })

  it("returns the system's issues instead of throwing", () => {
    const result = scheduleNetwork(zoo("ffnn"), { name: "bad", units: [], links: [], hostPath: lpddr4HostPath }, "latency")
    expect(result.ok).toBe(false)
  })
})

describe("systems with IMAC and CPU units", () => {
  const system: HeterogeneousSystem = {
    name: "tpu+imac+cpu",
    units: [
      { kind: "edgetpu", name: "tpu", accelerator: edgeTpuPresets["edgetpu-v3"] },
      { kind: "imac", name: "imac", accelerator: defaultImacAccelerator },
      { kind: "cpu", name: "cpu", accelerator: cpuPresets["cortex-a53"] },
    ],
    links: [{ from: "tpu", to: "imac", bandwidthBytesPerSecond: 10e9, energyPjPerByte: 1, latencySeconds: 1e-7 }],
    hostPath: lpddr4HostPath,
  }

  it("validate as system units", () => {
    expect(acceleratorKinds.validateSystem(system)).toEqual([])
    const bad = { ...system, units: [{ kind: "imac", name: "imac", accelerator: { ...defaultImacAccelerator, crossbarRows: 0 } }] }
    expect(acceleratorKinds.validateSystem(bad)[0]?.path).toBe("units[0].accelerator.crossbarRows")
  })

  it("never place a convolution on the IMAC, and schedule MobileNetV2 no worse than any unit alone", () => {
    const network = zoo("mobilenet_v2")
    for (const objective of ["latency", "energy"] as const) {
      const result = scheduleNetwork(network, system, objective)
      if (!result.ok) throw new Error(result.issues.join("; "))
      for (const nest of lowerNetwork(analyzeNetworkOrThrow(network)))
        if (nest.kind === "conv") expect(result.placement.get(nest.layer), nest.layer).not.toBe("imac")
      const n = result.problem.graph.layers.length
      for (const unit of [0, 2])
        expect(result.schedule.value).toBeLessThanOrEqual(assignmentObjective(result.problem, new Int32Array(n).fill(unit), objective))
    }
  })
})
