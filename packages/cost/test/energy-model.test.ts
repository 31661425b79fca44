import {
  defaultEdgeTpuConstants,
  type EdgeTpuAccelerator,
  type EdgeTpuEnergy,
  edgeTpuLeakageWatts,
  edgeTpuPresets,
  eyerissRelativeEnergy,
  KiB,
  MiB,
  macEnergyPj45nm,
  memoryInterfaces,
  sramAccessEnergyPjPerByte,
  systemPresets,
} from "@cosearch/accelerator"
import { costOn, edgeTpuWorkload, evaluateEdgeTpu } from "@cosearch/cost"
import { analyzeNetworkOrThrow, NetworkBuilder } from "@cosearch/network"
import { describe, expect, it } from "vitest"

// Equations of docs/energy.md, checked on the cost models: each part of the opt-in energy model
// changes the energy by exactly what its equation says.

const design = (peMemoryBytes: number, energy?: EdgeTpuEnergy): EdgeTpuAccelerator => ({
  kind: "edgetpu",
  name: "test",
  knobs: { ...edgeTpuPresets["edgetpu-v1"].knobs, peX: 2, peY: 2, coresPerPe: 1, ioBandwidthBytesPerSecond: 1e9, peMemoryBytes },
  clockHz: 1e9,
  precision: "int8",
  constants: defaultEdgeTpuConstants,
  ...(energy === undefined ? {} : { energy }),
})

const fcWorkload = (inputs: number, outputs: number) => {
  const b = new NetworkBuilder("fc")
  b.dense(b.input({ h: 1, w: 1, c: inputs }), outputs)
  const prepared = edgeTpuWorkload(b.build())
  if (!prepared.ok) throw new Error(prepared.issues[0]?.message)
  return prepared.workload
}

const energyOf = (result: ReturnType<typeof evaluateEdgeTpu>) => {
  if (!result.feasible) throw new Error(result.message)
  return result
}

describe("the Edge TPU's opt-in energy model", () => {
  const legacyPe = macEnergyPj45nm.int8 * eyerissRelativeEnergy.buffer
  const off: EdgeTpuEnergy = { sramByCapacity: false, memoryInterface: "lpddr4", leakage: false }

  it("without the model, or with it all off on LPDDR4, the energy is the Eyeriss-relative one", () => {
    const workload = fcWorkload(512, 512)
    expect(energyOf(evaluateEdgeTpu(workload, design(MiB, off))).energyPj).toBe(energyOf(evaluateEdgeTpu(workload, design(MiB))).energyPj)
  })

  it("PE memory by capacity: the energy moves by (E(C) - 6 x MAC) per PE-memory byte, the same bytes at any C that caches the layer", () => {
    const workload = fcWorkload(512, 512)
    const legacy = energyOf(evaluateEdgeTpu(workload, design(MiB))).energyPj
    const bytesAt = (capacity: number) => {
      const scaled = energyOf(evaluateEdgeTpu(workload, design(capacity, { ...off, sramByCapacity: true }))).energyPj
      return (scaled - legacy) / (sramAccessEnergyPjPerByte(capacity) - legacyPe)
    }
    // PE-memory traffic does not depend on the capacity once the weights (256 KiB) are cached.
    expect(bytesAt(MiB)).toBeGreaterThan(512 * 512)
    expect(bytesAt(4 * MiB) / bytesAt(MiB)).toBeCloseTo(1, 9)
  })

  it("the memory interface: DDR3 instead of LPDDR4 adds (243.75 - 60) pJ per streamed and I/O byte", () => {
    const workload = fcWorkload(4096, 1024) // 4 MiB of weights, 1 MiB cached: 3 MiB stream
    const lpddr4 = energyOf(evaluateEdgeTpu(workload, design(256 * KiB, off)))
    const ddr3 = energyOf(evaluateEdgeTpu(workload, design(256 * KiB, { ...off, memoryInterface: "ddr3" })))
    expect(lpddr4.streamedParameterBytes).toBe(4096 * 1024 - 4 * 256 * KiB)
    const bytes = lpddr4.streamedParameterBytes + (4096 + 1024)
    const perByte = memoryInterfaces.ddr3.energyPjPerByte - memoryInterfaces.lpddr4.energyPjPerByte
    expect(ddr3.energyPj - lpddr4.energyPj).toBeCloseTo(bytes * perByte, 3)
    expect(ddr3.latencySeconds).toBe(lpddr4.latencySeconds)
  })

  it("leakage: static power x latency, the inference overhead included", () => {
    const workload = fcWorkload(1024, 1024)
    const accelerator = design(MiB, { ...off, leakage: true })
    const leaking = energyOf(evaluateEdgeTpu(workload, accelerator))
    const tight = energyOf(evaluateEdgeTpu(workload, design(MiB, off)))
    expect(leaking.energyPj - tight.energyPj).toBeCloseTo(edgeTpuLeakageWatts(accelerator) * leaking.latencySeconds * 1e12, 6)
  })
})

describe("a hierarchical unit's static power", () => {
  it("adds staticPowerW x latency to the network's energy (Mensa's Jacquard)", () => {
    const jacquard = systemPresets.mensa.units.find((unit) => unit.name === "jacquard")
    if (jacquard?.kind !== "hierarchical") throw new Error("no jacquard")
    const power = jacquard.accelerator.staticPowerW ?? 0
    expect(power).toBeGreaterThan(0)
    const b = new NetworkBuilder("fc")
    b.dense(b.input({ h: 1, w: 1, c: 256 }), 256)
    const network = analyzeNetworkOrThrow(b.build())
    const withStatic = costOn(jacquard, network).totals
    const without = costOn({ ...jacquard, accelerator: { ...jacquard.accelerator, staticPowerW: undefined } }, network).totals
    if (withStatic?.energyMj == null || without?.energyMj == null || withStatic.latencyMs === null) throw new Error("infeasible")
    expect((withStatic.energyMj - without.energyMj) * 1e9).toBeCloseTo(power * withStatic.latencyMs * 1e-3 * 1e12, 6)
  })
})
