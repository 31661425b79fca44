import { cpuPresets, defaultImacAccelerator, type HeterogeneousSystem, lpddr4HostPath } from "@cosearch/accelerator"
import { analyzeNetworkOrThrow, buildZooNetwork, type Network } from "@cosearch/network"
import { describe, expect, it } from "vitest"
import { assignmentObjective, scheduleNetwork, systemProblem } from "../src/index.js"

const ffnn = (): Network => {
  const built = buildZooNetwork("ffnn:256-256-256-10")
  if (!built.ok) throw new Error(built.message)
  return built.network
}

const system = (crossbarCount: number): HeterogeneousSystem => ({
  name: "cpu+imac",
  units: [
    { kind: "cpu", name: "cpu", accelerator: cpuPresets["cortex-a53"] },
    { kind: "imac", name: "imac", accelerator: { ...defaultImacAccelerator, crossbarCount } },
  ],
  links: [{ from: "cpu", to: "imac", bandwidthBytesPerSecond: 10e9, energyPjPerByte: 1, latencySeconds: 1e-7 }],
  hostPath: lpddr4HostPath,
})

/** Every assignment of the problem's layers to units, by brute force, with a predicate. */
const bruteForce = (layers: number, units: number, keep: (assignment: number[]) => boolean, value: (assignment: number[]) => number) => {
  let best = Number.POSITIVE_INFINITY
  const assignment = new Array<number>(layers).fill(0)
  const visit = (i: number): void => {
    if (i === layers) {
      if (keep(assignment)) best = Math.min(best, value(assignment))
      return
    }
    for (let u = 0; u < units; u++) {
      assignment[i] = u
      visit(i + 1)
    }
  }
  visit(0)
  return best
}

describe("IMAC crossbar capacity in the scheduler", () => {
  // 128 x 128 crossbars, 1 weight bit: fc1 256x256 takes 2 x 2 = 4 crossbars, fc2 4, fc3 (256x10) 2 x 1 = 2.
  const crossbars: Record<string, number> = { "fc1/dense": 4, "fc2/dense": 4, "fc3/dense": 2 }
  const used = (placement: ReadonlyMap<string, string>): number =>
    [...placement].reduce((sum, [layer, unit]) => sum + (unit === "imac" ? (crossbars[layer] ?? 0) : 0), 0)

  it("with room for every layer, all three dense layers go to IMAC (10 crossbars)", () => {
    const result = scheduleNetwork(ffnn(), system(64), "latency")
    if (!result.ok) throw new Error(result.issues.join("; "))
    for (const layer of Object.keys(crossbars)) expect(result.placement.get(layer), layer).toBe("imac")
    expect(used(result.placement)).toBe(10)
  })

  it("with 4 crossbars each layer fits alone but no two together: the placed ones share the 4, and the result is the best such schedule", () => {
    const network = ffnn()
    const result = scheduleNetwork(network, system(4), "latency")
    if (!result.ok) throw new Error(result.issues.join("; "))
    expect(used(result.placement)).toBeLessThanOrEqual(4)
    // Brute force over every assignment whose IMAC layers fit 4 crossbars, on the original problem.
    const built = systemProblem(network, system(4))
    if (!built.ok) throw new Error(built.issues.join("; "))
    const { problem } = built
    const names = problem.graph.layers
    const fits = (assignment: number[]) => names.reduce((sum, name, i) => sum + (assignment[i] === 1 ? (crossbars[name] ?? 0) : 0), 0) <= 4
    const optimum = bruteForce(names.length, 2, fits, (assignment) => assignmentObjective(problem, assignment, "latency"))
    expect(Number.isFinite(optimum)).toBe(true)
    expect(assignmentObjective(problem, result.schedule.assignment, "latency")).toBeCloseTo(optimum, 15)
    expect(result.schedule.value).toBeCloseTo(optimum, 15)
  })

  it("with 3 crossbars only fc3 (2) fits: fc1 and fc2 are infeasible on IMAC per layer", () => {
    const result = scheduleNetwork(ffnn(), system(3), "latency")
    if (!result.ok) throw new Error(result.issues.join("; "))
    expect(result.placement.get("fc1/dense")).toBe("cpu")
    expect(result.placement.get("fc2/dense")).toBe("cpu")
    expect(used(result.placement)).toBeLessThanOrEqual(3)
  })
})

describe("IMAC capacity: shared weights and many layers", () => {
  const crossbarsOf = (inputs: number, outputs: number) => Math.ceil(inputs / 128) * Math.ceil(outputs / 128)
  /** Crossbars the placement holds on "imac": one charge per weight tensor (a sharing layer reads its owner's). */
  const heldCrossbars = (network: Network, placement: ReadonlyMap<string, string>): number => {
    const analyzed = analyzeNetworkOrThrow(network)
    const ownerOf = new Map<string, string>()
    for (const { layer } of analyzed.layers)
      if ("shareWeights" in layer && layer.shareWeights !== undefined) ownerOf.set(layer.name, layer.shareWeights)
    const root = (name: string): string => {
      let at = name
      while (ownerOf.has(at)) at = ownerOf.get(at) as string
      return at
    }
    const held = new Map<string, number>()
    for (const { layer, inputShapes } of analyzed.layers) {
      if (layer.op !== "dense" || placement.get(layer.name) !== "imac") continue
      const input = inputShapes[0]
      if (input === undefined) continue
      // A dense layer applies its C x K matrix at every position: C = the input's channels.
      held.set(root(layer.name), crossbarsOf(input.c, layer.units))
    }
    return [...held.values()].reduce((a, b) => a + b, 0)
  }

  it("an unrolled LSTM's steps share their weights' crossbars: room for each tensor once puts every step on IMAC", () => {
    const built = buildZooNetwork("lstm_encoder:layers=1,hidden=128,steps=4,features=128")
    if (!built.ok) throw new Error(built.message)
    const unlimited = scheduleNetwork(built.network, system(4096), "latency")
    if (!unlimited.ok) throw new Error(unlimited.issues.join("; "))
    const onImac = [...unlimited.placement].filter(([, unit]) => unit === "imac").map(([layer]) => layer)
    expect(onImac.length).toBeGreaterThan(2)
    const needed = heldCrossbars(built.network, unlimited.placement)
    // Charged per layer, the same placement would need more than charged per tensor.
    expect(needed).toBeLessThan(onImac.length * 4)
    const exact = scheduleNetwork(built.network, system(needed), "latency")
    if (!exact.ok) throw new Error(exact.issues.join("; "))
    expect(exact.schedule.value).toBeCloseTo(unlimited.schedule.value, 12)
    const tight = scheduleNetwork(built.network, system(needed - 1), "latency")
    if (!tight.ok) throw new Error(tight.issues.join("; "))
    expect(heldCrossbars(built.network, tight.placement)).toBeLessThanOrEqual(needed - 1)
    expect(tight.schedule.value).toBeGreaterThan(unlimited.schedule.value)
  })

  it("with more weight groups than the exact repair takes, the bulk repair fits the capacity and beats leaving IMAC out", () => {
    const built = buildZooNetwork(`ffnn:${Array.from({ length: 12 }, () => 256).join("-")}-10`)
    if (!built.ok) throw new Error(built.message)
    const all = scheduleNetwork(built.network, system(4096), "energy")
    if (!all.ok) throw new Error(all.issues.join("; "))
    const needed = heldCrossbars(built.network, all.placement)
    // One crossbar holds no layer's weights: IMAC left out.
    const none = scheduleNetwork(built.network, system(1), "energy")
    const half = scheduleNetwork(built.network, system(Math.floor(needed / 2)), "energy")
    if (!half.ok || !none.ok) throw new Error("unschedulable")
    expect(heldCrossbars(built.network, half.placement)).toBeLessThanOrEqual(Math.floor(needed / 2))
    expect(half.schedule.value).toBeLessThan(none.schedule.value)
    expect(half.schedule.value).toBeGreaterThanOrEqual(all.schedule.value)
  })
})
