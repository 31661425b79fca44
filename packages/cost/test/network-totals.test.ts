import { eyerissV1Like, type HierarchicalAccelerator, maestro256Pe } from "@cosearch/accelerator"
import { type DataflowName, evaluateNetwork, evaluateNetworkTotals, type MapperObjective, type NetworkResult } from "@cosearch/cost"
import { analyzeNetworkOrThrow, buildZooNetwork, type LoopNest, lowerNetwork } from "@cosearch/network"
import { describe, expect, it } from "vitest"
import { accelerator, level, random, tinyNest } from "./loopnest-simulator.js"

const zoo = (spec: string): LoopNest[] => {
  const built = buildZooNetwork(spec)
  if (!built.ok) throw new Error(built.message)
  return lowerNetwork(analyzeNetworkOrThrow(built.network))
}

/** The totals of a network result, or its reason, message and layer. */
const totalsOf = (result: NetworkResult | ReturnType<typeof evaluateNetworkTotals>): unknown => {
  if (!result.feasible) return { reason: result.reason, message: result.message, layer: result.layer }
  const { macs, cycles, computeCycles, latencyMs, energyPj, utilization, dramBytes, dataflows } = result
  return { macs, cycles, computeCycles, latencyMs, energyPj, utilization, dramBytes, dataflows }
}

// The MAESTRO hardware with an L2 of `l2` bytes (the hand-off happens when a tensor fits), and a
// single-buffered variant (first fills count); Eyeriss-like (weights bypass the GLB, 16-bit).
const maestroWith = (l2: number, doubleBuffered = true): HierarchicalAccelerator => ({
  ...maestro256Pe,
  name: `maestro-l2-${l2}${doubleBuffered ? "" : "-single"}`,
  levels: maestro256Pe.levels.map((lvl) => (lvl.name === "L2" ? { ...lvl, capacityBytes: l2, doubleBuffered } : lvl)),
})
const accelerators: readonly HierarchicalAccelerator[] = [maestro256Pe, maestroWith(262144), maestroWith(65536, false), eyerissV1Like]

describe("evaluateNetworkTotals", () => {
  const networks = ["mobilenet_v2", "resnet18", "mobilenet_v3_small", "efficientnet_b0"].map((spec) => ({ spec, nests: zoo(spec) }))
  const cases: { dataflow: DataflowName | "auto"; objective: MapperObjective; maxMappings?: number }[] = [
    { dataflow: "kc-partitioned", objective: "latency", maxMappings: 1 },
    { dataflow: "kc-partitioned", objective: "energy" },
    { dataflow: "row-stationary", objective: "edp" },
    { dataflow: "ws", objective: "latency", maxMappings: 5 },
    { dataflow: "yk-partitioned", objective: "energy", maxMappings: 3 },
    { dataflow: "auto", objective: "latency", maxMappings: 16 },
    // MAESTRO's dataflows: one mapping per layer from its directives (depthwise layers' groups one after another).
    { dataflow: "kcp_ws", objective: "latency" },
    { dataflow: "yxp_os", objective: "energy" },
  ]

  it("equals evaluateNetwork's totals exactly on zoo networks, accelerators, dataflows and objectives", () => {
    let compared = 0
    let handedOn = 0
    for (const { nests } of networks) {
      for (const on of accelerators) {
        for (const options of cases) {
          const slow = evaluateNetwork(nests, on, options)
          expect(totalsOf(evaluateNetworkTotals(nests, on, options))).toEqual(totalsOf(slow))
          // Twice: the second call reads every layer from the shape memo.
          expect(totalsOf(evaluateNetworkTotals(nests, on, options))).toEqual(totalsOf(slow))
          compared++
          if (slow.feasible && slow.layers.some((layer) => layer.inputOnChip)) handedOn++
        }
      }
    }
    expect(compared).toBe(networks.length * accelerators.length * cases.length)
    // The comparison covers networks with activations handed on on-chip as well as through DRAM.
    expect(handedOn).toBeGreaterThan(10)
    expect(handedOn).toBeLessThan(compared)
  })

  it("equals evaluateNetwork's totals on every other zoo network (MobileNetV1/V3, EfficientNets, ResNet-50, NB201, FBNet, FFNN, LSTM)", () => {
    const specs = [
      "mobilenet_v1",
      "mobilenet_v3_large",
      "efficientnet_edgetpu_s",
      "efficientnet_edgetpu_m",
      "resnet50",
      "nb201:012343",
      "fbnet:a",
      "ffnn",
      "lstm_encoder",
    ]
    for (const spec of specs) {
      const nests = zoo(spec)
      for (const on of [maestro256Pe, eyerissV1Like]) {
        for (const options of [
          { dataflow: "kc-partitioned", maxMappings: 1 },
          { dataflow: "row-stationary", objective: "energy" },
        ] as const) {
          expect({ spec, totals: totalsOf(evaluateNetworkTotals(nests, on, options)) }).toEqual({
            spec,
            totals: totalsOf(evaluateNetwork(nests, on, options)),
          })
        }
      }
    }
  })

  it("keeps the memo per accelerator and options: interleaved calls give each one's own totals", () => {
    const [mobilenet, resnet] = networks
    if (mobilenet === undefined || resnet === undefined) throw new Error("no networks")
    const small = maestroWith(1024)
    const runs = [
      [mobilenet.nests, maestro256Pe, { dataflow: "kc-partitioned" }],
      [resnet.nests, maestro256Pe, { dataflow: "kc-partitioned" }],
      [mobilenet.nests, small, { dataflow: "kc-partitioned" }],
      [mobilenet.nests, small, { dataflow: "kc-partitioned", objective: "energy" }],
      [mobilenet.nests, maestro256Pe, { dataflow: "kc-partitioned", maxMappings: 2 }],
      [mobilenet.nests, maestro256Pe, { dataflow: "kc-partitioned" }],
    ] as const
    for (const [nests, on, options] of runs) {
      expect(totalsOf(evaluateNetworkTotals(nests, on, options))).toEqual(totalsOf(evaluateNetwork(nests, on, options)))
    }
  })

  it("equals evaluateNetwork's totals on random accelerators, with networks following one another on each", () => {
    // A new accelerator writes the rows of a network's shapes in order, and another network on
    // the same accelerator object stores them as shapes first: both compared with the slow path.
    const next = random(4242)
    const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T
    const [dram, l2, l1] = maestro256Pe.levels
    if (dram === undefined || l2 === undefined || l1 === undefined) throw new Error("maestro-256pe has three levels")
    let compared = 0
    for (let trial = 0; trial < 24; trial++) {
      const on: HierarchicalAccelerator = {
        ...maestro256Pe,
        name: `random-${trial}`,
        bytesPerElement: pick([1, 2]),
        array: { ...maestro256Pe.array, x: pick([4, 8, 16]), y: pick([2, 8, 16]) },
        levels: [
          { ...dram, bandwidthBytesPerCycle: pick([8, 16, 50, 128]) },
          { ...l2, capacityBytes: pick([64, 1024, 3000, 8192, 131072]), doubleBuffered: next() < 0.7 },
          { ...l1, capacityBytes: pick([8, 64, 100, 256, 1024]), doubleBuffered: next() < 0.7 },
        ],
      }
      const options = pick([
        { dataflow: "kc-partitioned", maxMappings: 1 },
        { dataflow: "ws", objective: "energy", maxMappings: 3 },
        { dataflow: "auto", maxMappings: 8 },
      ] as const)
      for (let run = 0; run < 3; run++) {
        const { nests } = pick(networks)
        expect(totalsOf(evaluateNetworkTotals(nests, on, options))).toEqual(totalsOf(evaluateNetwork(nests, on, options)))
        compared++
      }
    }
    expect(compared).toBe(72)
  })

  it("accepts an analyzed network, like evaluateNetwork", () => {
    const built = buildZooNetwork("resnet18")
    if (!built.ok) throw new Error(built.message)
    const network = analyzeNetworkOrThrow(built.network)
    const options = { dataflow: "row-stationary" } as const
    expect(totalsOf(evaluateNetworkTotals(network, eyerissV1Like, options))).toEqual(
      totalsOf(evaluateNetwork(network, eyerissV1Like, options)),
    )
  })

  it("reports the same reason, message and layer as evaluateNetwork when a network cannot be evaluated", () => {
    const first = tinyNest({ K: 8, C: 4, P: 4, Q: 4 }, "first")
    const second = tinyNest({ K: 4, C: 8, P: 4, Q: 4 }, "second")
    // One weight and one input element do not fit a 1-byte PE buffer.
    const tiny = accelerator([level("DRAM", "shared"), level("RF", "pe", undefined, { capacityBytes: 1 })], 2, 2, "tiny")
    const broken: HierarchicalAccelerator = { ...maestro256Pe, array: { ...maestro256Pe.array, x: 0 } }
    const inputs: [readonly LoopNest[], HierarchicalAccelerator][] = [
      [[first, { ...second, C: 0 }], maestro256Pe],
      [[first, second], tiny],
      [[first, second], broken],
    ]
    for (const [nests, on] of inputs) {
      const slow = evaluateNetwork(nests, on, { dataflow: "ws" })
      expect(slow.feasible).toBe(false)
      expect(totalsOf(evaluateNetworkTotals(nests, on, { dataflow: "ws" }))).toEqual(totalsOf(slow))
    }
  })
})
