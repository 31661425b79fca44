import {
  cpuPresets,
  defaultImacAccelerator,
  edgeTpuPresets,
  type HeterogeneousSystem,
  lpddr4HostPath,
  validateSystem,
} from "@cosearch/accelerator"
import { analyseNetworkOrThrow, buildZooNetwork, lowerNetwork, type Network } from "@cosearch/network"
import { describe, expect, it } from "vitest"
import { assignmentObjective, scheduleNetwork } from "../src/index.js"

const zoo = (name: string): Network => {
  const built = buildZooNetwork(name)
  if (!built.ok) throw new Error(built.message)
  return built.network
}

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
    expect(validateSystem(system)).toEqual([])
    const bad = { ...system, units: [{ kind: "imac", name: "imac", accelerator: { ...defaultImacAccelerator, crossbarRows: 0 } }] }
    expect(validateSystem(bad)[0]?.path).toBe("units[0].accelerator.crossbarRows")
  })

  it("never place a convolution on the IMAC, and schedule MobileNetV2 no worse than any unit alone", () => {
    const network = zoo("mobilenet_v2")
    for (const objective of ["latency", "energy"] as const) {
      const result = scheduleNetwork(network, system, objective)
      if (!result.ok) throw new Error(result.issues.join("; "))
      for (const nest of lowerNetwork(analyseNetworkOrThrow(network)))
        if (nest.kind === "conv") expect(result.placement.get(nest.layer), nest.layer).not.toBe("imac")
      const n = result.problem.graph.layers.length
      for (const unit of [0, 2])
        expect(result.schedule.value).toBeLessThanOrEqual(assignmentObjective(result.problem, new Int32Array(n).fill(unit), objective))
    }
  })
})
