import {
  defaultImacAccelerator,
  edgeTpuArea,
  edgeTpuFromKnobs,
  edgeTpuKnobs,
  edgeTpuPresets,
  type HeterogeneousSystem,
  imacArea,
  imacKnobs,
  lpddr4HostPath,
  nearDataEdgeTpuKnobs,
} from "@cosearch/accelerator"
import { acceleratorKinds, scheduleNetwork } from "@cosearch/cost"
import { decodeExperiment, heteroSystemEntry, heteroSystemSpace, systemEvaluator } from "@cosearch/engine"
import { buildZooNetwork } from "@cosearch/network"
import { type Configuration, joinConfigurations, sampleMany, validateConfiguration } from "@cosearch/space"
import { Effect, Either } from "effect"
import { describe, expect, it } from "vitest"
import { fixtures, freshDatabase, runToEnd, storeAt } from "./engine-test-kit.js"

// Each slot as [presence flag, knob namespace, knob space, unit name].
const slots = [
  ["use_compute", "compute", edgeTpuKnobs, "compute"],
  ["use_near_data", "near_data", nearDataEdgeTpuKnobs, "near-data"],
  ["use_imac", "imac", imacKnobs, "imac"],
] as const

describe("the hetero-system space", () => {
  it("decodes every sample to a valid system whose units are the present slots, and absent slots have no knobs", () => {
    for (const configuration of sampleMany(heteroSystemSpace, 200, "hetero-system-test")) {
      const decoded = heteroSystemEntry.decode(configuration)
      if (decoded.kind !== "system" || !decoded.build.ok) throw new Error(`no system for ${JSON.stringify(configuration)}`)
      expect(acceleratorKinds.validateSystem(decoded.build.system)).toEqual([])
      const present = slots.filter(([flag]) => configuration[flag] === true)
      expect(decoded.build.system.units.map((unit) => unit.name)).toEqual(present.map(([, , , unit]) => unit))
      for (const [flag, namespace, space] of slots) {
        const keys = Object.keys(configuration).filter((key) => key.startsWith(`${namespace}.`))
        const expected = configuration[flag] === true ? space.parameters.map((parameter) => `${namespace}.${parameter.name}`) : []
        expect(keys.sort()).toEqual([...expected].sort())
      }
    }
  })

  it("refuses knobs of an absent slot and a system with no slot", () => {
    const imacOnly = { use_compute: false, use_near_data: false, use_imac: true, "imac.crossbar_size": 128, "imac.crossbar_count": 64 }
    expect(validateConfiguration(heteroSystemSpace, imacOnly)).toEqual([])
    const stray = validateConfiguration(heteroSystemSpace, { ...imacOnly, "compute.pe_x": 4 })
    expect(stray.map((issue) => issue.kind)).toContain("inactive-parameter")
    const none = validateConfiguration(heteroSystemSpace, { use_compute: false, use_near_data: false, use_imac: false })
    expect(none.map((issue) => issue.kind)).toContain("constraint-violated")
  })
})

/** A compute Edge TPU (edgetpu-v2's knobs) and an IMAC unit, as a configuration of the space. */
const twoUnits: Configuration = joinConfigurations({
  compute: {
    pe_x: 4,
    pe_y: 4,
    compute_lanes: 64,
    cores_per_pe: 2,
    pe_memory: 1048576,
    core_memory: 32768,
    instruction_memory: 16384,
    parameter_memory: 16384,
    activation_memory: 16384,
    io_bandwidth: 20,
  },
  imac: { crossbar_size: 128, crossbar_count: 128 },
})
const twoUnitConfiguration: Configuration = { use_compute: true, use_near_data: false, use_imac: true, ...twoUnits }

describe("the system evaluator", () => {
  it("reports the scheduler's figures for a hand-built two-unit system", async () => {
    const networks = ["ffnn", "lstm_encoder"]
    const context = { space: heteroSystemSpace, entry: heteroSystemEntry, baseDirectory: "." }
    const evaluate = await systemEvaluator.create({ kind: "system", networks, objective: "energy" }, context)
    const { metrics, infeasible } = await evaluate({ study: "t", number: 0, configuration: twoUnitConfiguration })
    expect(infeasible).toBeUndefined()
    // The same system written out by hand: the on-chip link is one global-buffer access a byte (6 x 0.3 pJ).
    const compute = edgeTpuFromKnobs(edgeTpuPresets["edgetpu-v2"].knobs, { name: "compute" })
    const imac = { ...defaultImacAccelerator, name: "imac-128x128", crossbarCount: 128 }
    const system: HeterogeneousSystem = {
      name: "hand",
      units: [
        { kind: "edgetpu", name: "compute", accelerator: compute },
        { kind: "imac", name: "imac", accelerator: imac },
      ],
      links: [{ from: "compute", to: "imac", bandwidthBytesPerSecond: 64e9, energyPjPerByte: 1.8, latencySeconds: 10e-9 }],
      hostPath: lpddr4HostPath,
    }
    const direct = networks.map((spec) => {
      const built = buildZooNetwork(spec)
      if (!built.ok) throw new Error(built.message)
      const result = scheduleNetwork(built.network, system, "energy")
      if (!result.ok) throw new Error(result.issues.join("; "))
      expect(metrics[`${spec}.latencyMs`]).toBeCloseTo(result.schedule.latencySeconds * 1e3, 12)
      expect(metrics[`${spec}.energyMj`]).toBeCloseTo(result.schedule.energyPj / 1e9, 12)
      expect(metrics[`${spec}.throughput`]).toBeCloseTo(result.schedule.throughputPerSecond, 6)
      const units = result.schedule.assignment.map((unit) => (unit === 0 ? "c" : "i")).join("")
      const runs = String(metrics[`${spec}.schedule`])
        .split(" ")
        .map((run) => {
          const [name, count] = run.split("*")
          return (name === "compute" ? "c" : "i").repeat(Number(count))
        })
        .join("")
      expect(runs).toBe(units)
      return result.schedule
    })
    const [a, b] = direct as [(typeof direct)[0], (typeof direct)[0]]
    expect(metrics.latencyMs).toBeCloseTo(Math.sqrt(a.latencySeconds * b.latencySeconds) * 1e3, 12)
    expect(metrics.energyMj).toBeCloseTo(Math.sqrt(a.energyPj * b.energyPj) / 1e9, 12)
    expect(metrics.areaMm2).toBeCloseTo(edgeTpuArea(compute).totalMm2 + imacArea(imac).totalMm2, 9)
    expect(metrics.units).toBe(2)
    expect(metrics.mix).toBe("compute+imac")
  })

  it("sums the mix when asked and marks a system that cannot run a layer infeasible with the layer", async () => {
    const context = { space: heteroSystemSpace, entry: heteroSystemEntry, baseDirectory: "." }
    const summed = await systemEvaluator.create({ kind: "system", networks: ["ffnn", "lstm_encoder"], aggregate: "sum" }, context)
    const { metrics } = await summed({ study: "t", number: 0, configuration: twoUnitConfiguration })
    expect(metrics.latencyMs).toBeCloseTo(Number(metrics["ffnn.latencyMs"]) + Number(metrics["lstm_encoder.latencyMs"]), 12)
    expect(metrics.throughput).toBeCloseTo(1 / (1 / Number(metrics["ffnn.throughput"]) + 1 / Number(metrics["lstm_encoder.throughput"])), 6)
    const evaluate = await systemEvaluator.create({ kind: "system", networks: ["mobilenet_v2"] }, context)
    const imacOnly = { use_compute: false, use_near_data: false, use_imac: true, "imac.crossbar_size": 128, "imac.crossbar_count": 64 }
    const result = await evaluate({ study: "t", number: 1, configuration: imacOnly })
    expect(result.infeasible).toMatch(/^network mobilenet_v2: layer .+ runs on no unit of the system \(imac\)$/)
    expect(result.metrics.areaMm2).toBeGreaterThan(0)
  })
})

const smallStudy = (trials: number) => ({
  name: "mensa-small",
  space: "hetero-system",
  evaluator: { kind: "system", networks: ["ffnn"], objective: "edp" },
  objectives: [
    { metric: "energyMj", direction: "minimize" },
    { metric: "latencyMs", direction: "minimize" },
  ],
  constraints: [{ metric: "areaMm2", max: 450 }],
  optimizer: { name: "nsga2", population: 8, batch: 4 },
  budget: { trials },
  seed: 3,
})

const trialsOf = async (path: string) => {
  const store = storeAt(path)
  const study = await store.findStudy("mensa-small")
  const trials = study === undefined ? [] : await store.trials(study.id)
  await store.close()
  return trials.map((trial) => [trial.number, trial.state, trial.params, trial.metrics])
}

describe("a small mensa-like study", () => {
  it("completes, and a resumed run reaches the trials of an uninterrupted one", async () => {
    const resumed = freshDatabase()
    const store = storeAt(resumed)
    await runToEnd(smallStudy(8), store)
    const second = await runToEnd(smallStudy(16), store)
    expect(second.resumed).toBe(true)
    expect(second.counts.total).toBe(16)
    await store.close()
    const straight = freshDatabase()
    const report = await runToEnd(smallStudy(16), storeAt(straight))
    expect(report.counts.failed).toBe(0)
    expect(report.counts.complete).toBeGreaterThan(0)
    expect(await trialsOf(resumed)).toEqual(await trialsOf(straight))
  })
})

describe("system experiment errors", () => {
  const problems = async (raw: unknown): Promise<string[]> => {
    const result = await Effect.runPromise(Effect.either(decodeExperiment(raw, { source: "test.json", baseDirectory: fixtures })))
    return Either.isRight(result) ? [] : result.left.issues.map((issue) => `${issue.path}: ${issue.message}`)
  }
  const withEvaluator = (evaluator: Record<string, unknown>, space = "hetero-system") => ({ ...smallStudy(4), space, evaluator })

  it("accepts the small study and names the path of each problem", async () => {
    expect(await problems(smallStudy(4))).toEqual([])
    expect(await problems(withEvaluator({ kind: "system", networks: ["ffnn", "resnet99"] }))).toEqual([
      expect.stringMatching(/^evaluator\.networks\[1\]: expected a zoo network, got "resnet99"/),
    ])
    expect(await problems(withEvaluator({ kind: "system", networks: ["ffnn", "ffnn"] }))).toEqual([
      'evaluator.networks[1]: "ffnn" is listed twice',
    ])
    expect(await problems(withEvaluator({ kind: "system", networks: [] }))).toEqual([
      "evaluator.networks: expected a non-empty list of zoo network specs (the workload mix), got []",
    ])
    expect(await problems(withEvaluator({ kind: "system", networks: ["ffnn"], objective: "fast" }))).toEqual([
      'evaluator.objective: expected "latency", "energy" or "edp", got "fast"',
    ])
    expect(await problems(withEvaluator({ kind: "system", networks: ["ffnn"] }, "nb201"))).toEqual([
      'evaluator.kind: the system evaluator needs a space that decodes to heterogeneous systems (hetero-system); space "nb201" does not',
    ])
    expect(await problems(withEvaluator({ kind: "cost", network: "ffnn" }))).toEqual([
      'evaluator.kind: space "hetero-system" describes heterogeneous systems: use the "system" evaluator',
    ])
  })
})
