import { defaultEdgeTpuConstants, type EdgeTpuAccelerator, type EdgeTpuKnobs, edgeTpuPresets, KiB, MiB } from "@cosearch/accelerator"
import { edgeTpuSplit, edgeTpuWorkload, evaluateEdgeTpu } from "@cosearch/cost"
import { analyzeNetworkOrThrow, buildZooNetwork, lowerNetwork, type Network, NetworkBuilder } from "@cosearch/network"
import { describe, expect, it } from "vitest"

// edgetpu-v1's knobs (4x4 PEs, 4 cores of 64 lanes, 2 MiB PE memory, 16 KiB parameter memory) with changes.
const knobs = (overrides: Partial<EdgeTpuKnobs>): EdgeTpuKnobs => ({ ...edgeTpuPresets["edgetpu-v1"].knobs, ...overrides })

const design = (overrides: Partial<EdgeTpuKnobs>): EdgeTpuAccelerator => ({
  kind: "edgetpu",
  name: "test",
  knobs: knobs(overrides),
  clockHz: 1e9,
  precision: "int8",
  constants: defaultEdgeTpuConstants,
})

/** The nest of the single compute layer `build` adds after the input. */
const nestOf = (input: { h: number; w: number; c: number }, build: (b: NetworkBuilder, x: ReturnType<NetworkBuilder["input"]>) => void) => {
  const b = new NetworkBuilder("one")
  build(b, b.input(input))
  const nest = lowerNetwork(analyzeNetworkOrThrow(b.build()))[0]
  if (nest === undefined) throw new Error("no nest")
  return nest
}

const workloadOf = (network: Network) => {
  const prepared = edgeTpuWorkload(network)
  if (!prepared.ok) throw new Error(prepared.issues[0]?.message)
  return prepared.workload
}

describe("the split of each layer class over PEs x cores x lanes (hand-checked)", () => {
  it("a convolution spreads its 32x32 positions over the 64 cores and its 16 channels over one pass of 64 lanes", () => {
    const nest = nestOf({ h: 32, w: 32, c: 16 }, (b, x) => b.conv2d(x, { filters: 16, kernel: 3, padding: "same" }))
    // 1024 positions / 64 cores = 16 each; ceil(16 / 64) = 1 pass; 16 x 3 x 3 = 144 steps.
    expect(edgeTpuSplit(nest, knobs({}))).toMatchObject({
      spatialUnits: 64,
      channelGroups: 1,
      reductionSplit: 1,
      positionsPerUnit: 16,
      channelPasses: 1,
      steps: 144,
      idealCycles: 2304,
      weightSliceElements: 144 * 16,
    })
  })

  it("a wide convolution on few cores takes several channel passes", () => {
    const nest = nestOf({ h: 3, w: 3, c: 5 }, (b, x) => b.conv2d(x, { filters: 200, kernel: 1 }))
    // 2 cores; 9 positions -> 5 each; ceil(200 / 8) = 25 passes of 5 steps.
    expect(edgeTpuSplit(nest, knobs({ peX: 2, peY: 1, coresPerPe: 1, computeLanes: 8 }))).toMatchObject({
      spatialUnits: 2,
      channelGroups: 1,
      positionsPerUnit: 5,
      channelPasses: 25,
      steps: 5,
      idealCycles: 625,
    })
  })

  it("a depthwise convolution with fewer positions than cores splits its window over the spare cores", () => {
    const nest = nestOf({ h: 4, w: 4, c: 32 }, (b, x) => b.depthwise(x, { kernel: 3, padding: "same" }))
    // 16 positions on 64 cores; 32 channels need one group of 64 lanes; the 4 spare cores per
    // position split the 3x3 window: ceil(9 / 4) = 3 steps plus log2(4) = 2 to combine.
    expect(edgeTpuSplit(nest, knobs({}))).toMatchObject({
      spatialUnits: 16,
      channelGroups: 1,
      reductionSplit: 4,
      positionsPerUnit: 1,
      channelPasses: 1,
      steps: 9,
      stepsPerUnit: 5,
      idealCycles: 5,
    })
  })

  it("a fully connected layer has one position: the cores take channel groups, then split the reduction", () => {
    const nest = nestOf({ h: 1, w: 1, c: 1280 }, (b, x) => b.dense(x, 1000))
    // ceil(1000 / 64) = 16 groups cover the channels in one pass; the 64 / 16 = 4 cores of each
    // group split the 1280 inputs: 320 steps plus 2 to combine.
    expect(edgeTpuSplit(nest, knobs({}))).toMatchObject({
      spatialUnits: 1,
      channelGroups: 16,
      reductionSplit: 4,
      channelPasses: 1,
      steps: 1280,
      idealCycles: 322,
    })
  })

  it("pooling walks its window per lane; a three-way sum takes two cycles per output vector", () => {
    const pool = nestOf({ h: 8, w: 8, c: 100 }, (b, x) => b.avgpool(x, { kernel: 2, stride: 2 }))
    // 16 positions on 64 cores; 100 channels -> 2 groups of 64 lanes; the 2 cores left per group
    // split the 2x2 window: 2 steps plus 1 to combine.
    expect(edgeTpuSplit(pool, knobs({}))).toMatchObject({ channelGroups: 2, reductionSplit: 2, channelPasses: 1, steps: 4, idealCycles: 3 })
    // 256 positions on 64 cores: 4 each; 8 channels in one pass; 2 steps for three operands.
    const sum = nestOf({ h: 16, w: 16, c: 8 }, (b, x) => b.add([x, x, x]))
    expect(edgeTpuSplit(sum, knobs({}))).toMatchObject({ positionsPerUnit: 4, channelPasses: 1, steps: 2, idealCycles: 8 })
  })
})

describe("the parameter-memory cliff", () => {
  // One 4096 x 4096 fully connected layer: 16 MiB of int8 weights.
  const b = new NetworkBuilder("fc")
  b.dense(b.input({ h: 1, w: 1, c: 4096 }), 4096)
  const workload = workloadOf(b.build())
  const slowIo = { ioBandwidthBytesPerSecond: 1e9, peX: 2, peY: 2, coresPerPe: 1 }

  it("parameters beyond the PE memories stream over I/O, and the network is slower by their transfer time", () => {
    const cached = evaluateEdgeTpu(workload, design({ ...slowIo, peMemoryBytes: 16 * MiB }))
    const spilled = evaluateEdgeTpu(workload, design({ ...slowIo, peMemoryBytes: 256 * KiB }))
    if (!cached.feasible || !spilled.feasible) throw new Error("infeasible")
    expect(cached.streamedParameterBytes).toBe(0)
    // 4096 x 4096 bytes of weights minus 4 PEs x 256 KiB cached.
    expect(spilled.streamedParameterBytes).toBe(4096 * 4096 - 4 * 256 * 1024)
    const transferSeconds = spilled.streamedParameterBytes / (1e9 * defaultEdgeTpuConstants.ioEfficiency)
    // The stream overlaps the layer's compute (65,536 ideal cycles = 66 us), so the network is
    // slower by the transfer less that overlap.
    const slowdown = spilled.latencySeconds - cached.latencySeconds
    expect(slowdown).toBeGreaterThan(0.9 * transferSeconds)
    expect(slowdown).toBeLessThanOrEqual(transferSeconds)
  })

  it("Coral runs ResNet-50 (25 M parameters, 8 MiB on chip) far slower than MobileNetV2 per MAC", () => {
    const resnet = buildZooNetwork("resnet50")
    const mobilenet = buildZooNetwork("mobilenet_v2")
    if (!resnet.ok || !mobilenet.ok) throw new Error("zoo")
    const r = evaluateEdgeTpu(workloadOf(resnet.network), edgeTpuPresets.coral)
    const m = evaluateEdgeTpu(workloadOf(mobilenet.network), edgeTpuPresets.coral)
    if (!r.feasible || !m.feasible) throw new Error("infeasible")
    expect(r.streamedParameterBytes).toBeGreaterThan(0)
    expect(m.streamedParameterBytes).toBe(0)
    expect(r.latencySeconds / r.macs).toBeGreaterThan(m.latencySeconds / m.macs)
  })
})

describe("infeasible designs come back typed, with the figures", () => {
  const mobilenet = buildZooNetwork("mobilenet_v2")
  if (!mobilenet.ok) throw new Error("zoo")
  const workload = workloadOf(mobilenet.network)

  it("over the area budget", () => {
    const result = evaluateEdgeTpu(workload, edgeTpuPresets["edgetpu-v1"], { areaBudgetMm2: 10 })
    expect(result).toMatchObject({ feasible: false, reason: "area" })
    if (!result.feasible) expect(result.message).toContain("exceeds the budget of 10 mm²")
  })

  it("a program larger than the instruction memory", () => {
    const result = evaluateEdgeTpu(workload, design({ instructionMemoryEntries: 256 }))
    expect(result).toMatchObject({ feasible: false, reason: "instruction-memory" })
    if (!result.feasible) expect(result.message).toContain(`${workload.layers.length} layers`)
  })

  it("activations larger than all on-chip memory", () => {
    const result = evaluateEdgeTpu(workload, design({ peX: 1, peY: 1, coresPerPe: 1, peMemoryBytes: 256 * KiB, coreMemoryBytes: 4 * KiB }))
    expect(result).toMatchObject({ feasible: false, reason: "activation-memory" })
  })
})

describe("the three Edge TPU classes", () => {
  it("rank on compute-bound networks as their peak compute implies: v1 > v2 > v3", () => {
    const peak = (a: EdgeTpuAccelerator) => a.knobs.peX * a.knobs.peY * a.knobs.coresPerPe * a.knobs.computeLanes * a.clockHz
    const [v1, v2, v3] = [edgeTpuPresets["edgetpu-v1"], edgeTpuPresets["edgetpu-v2"], edgeTpuPresets["edgetpu-v3"]]
    expect(peak(v1)).toBeGreaterThan(peak(v2))
    expect(peak(v2)).toBeGreaterThan(peak(v3))
    for (const name of ["resnet50", "mobilenet_v1", "mobilenet_v2"]) {
      const built = buildZooNetwork(name)
      if (!built.ok) throw new Error(built.message)
      const workload = workloadOf(built.network)
      const latency = [v1, v2, v3].map((a) => {
        const result = evaluateEdgeTpu(workload, a)
        if (!result.feasible) throw new Error(result.message)
        return result.latencySeconds
      })
      expect(latency[0]).toBeLessThan(latency[1] as number)
      expect(latency[1]).toBeLessThan(latency[2] as number)
    }
  })
})

describe("the compiler's view of the network", () => {
  it("work that reaches no output costs nothing: an NB201 cell whose last edge is none drops node 2's branch", () => {
    // Edges 1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2: node 2 feeds only the none edge 3<-2.
    const live = buildZooNetwork("nb201:333330")
    const cut = buildZooNetwork("nb201:300330")
    if (!live.ok || !cut.ok) throw new Error("zoo")
    const a = evaluateEdgeTpu(workloadOf(live.network), edgeTpuPresets.coral)
    const b = evaluateEdgeTpu(workloadOf(cut.network), edgeTpuPresets.coral)
    if (!a.feasible || !b.feasible) throw new Error("infeasible")
    // Edges 2<-0 and 2<-1 differ (conv3x3 vs none) but node 2 is dead in both: the same cost.
    expect(b.latencySeconds).toBe(a.latencySeconds)
    expect(b.layersByClass.conv).toBe(a.layersByClass.conv)
  })
})
