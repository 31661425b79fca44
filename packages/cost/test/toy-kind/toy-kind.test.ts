import { type AcceleratorUnit, lpddr4HostPath } from "@cosearch/accelerator"
import { acceleratorKinds, builtInKinds, kindRegistry } from "@cosearch/cost"
import { type AnalyzedNetwork, analyzeNetworkOrThrow, buildZooNetwork, type Network } from "@cosearch/network"
import { describe, expect, it } from "vitest"
import { toyKind } from "./kind.js"
import { toyPresets } from "./template.js"

/** The one registry line a new kind needs. */
const kinds = kindRegistry([...builtInKinds, toyKind])

const zoo = (spec: string): Network => {
  const built = buildZooNetwork(spec)
  if (!built.ok) throw new Error(built.message)
  return built.network
}

// ffnn:16-8-4: fc1/dense 16 x 8 = 128 MACs, fc1/relu, fc2/dense 8 x 4 = 32 MACs.
const ffnn = zoo("ffnn:16-8-4")
const analyzed: AnalyzedNetwork = analyzeNetworkOrThrow(ffnn)
const toy3 = kinds.preset("toy-3") as AcceleratorUnit

describe("a toy accelerator kind added through its template, its cost model and one registry line", () => {
  it("has its presets looked up, next to the built-in ones", () => {
    expect(kinds.names).toEqual(["edgetpu", "hierarchical", "systolic", "imac", "cpu", "toy"])
    expect(toy3).toEqual({ kind: "toy", name: "toy-3", accelerator: toyPresets["toy-3"] })
    expect(kinds.presetNames.at(-1)).toBe("toy-3")
    expect(kinds.preset("cortex-a53")?.kind).toBe("cpu")
    // The built-in registry is left as it was.
    expect(acceleratorKinds.preset("toy-3")).toBeUndefined()
    expect(() => acceleratorKinds.costOn(toy3, analyzed)).toThrowError('no accelerator kind "toy" is registered')
    expect(() => kindRegistry([...builtInKinds, toyKind, toyKind])).toThrowError('the kind name "toy" is used twice')
  })

  it("decodes and validates a document, and reads its own file format, naming the bad field", () => {
    const document = { kind: "toy", name: "mine", macsPerCycle: 2, clockMhz: 50, pjPerMac: 1, mm2PerMac: 0.02, maxLayerMacs: 500 }
    expect(kinds.decode(document)).toEqual({ ok: true, unit: { kind: "toy", name: "mine", accelerator: document } })
    const bad = kinds.decode({ ...document, macsPerCycle: 1.5 })
    expect(bad.ok === false && bad.issues).toEqual([
      { path: "macsPerCycle", value: 1.5, message: "macsPerCycle 1.5 must be a positive integer" },
    ])
    const unknown = kinds.decode({ ...document, kind: "gpu" })
    expect(unknown.ok === false && unknown.issues[0]?.message).toBe(
      'kind "gpu" must be "edgetpu", "hierarchical", "systolic", "imac", "cpu" or "toy"',
    )
    const read = kinds.readFile("designs/small.toy", "macsPerCycle = 4\n")
    expect(read?.ok === true && read.unit).toEqual({ kind: "toy", name: "small", accelerator: { ...toyPresets["toy-3"], macsPerCycle: 4 } })
    const unread = kinds.readFile("designs/small.toy", "macsPerCycle = 0\n")
    expect(unread?.ok === false && unread.issues.map((issue) => issue.message)).toEqual(["macsPerCycle 0 must be a positive integer"])
  })

  it("has an area: 3 MACs x 0.01 mm2", () => {
    expect(kinds.area(toy3)).toBeCloseTo(0.03, 15)
  })

  it("is costed by costOn, totals alone and per layer, as its formula gives by hand", () => {
    // fc1: ceil(128 / 3) = 43 cycles, 64 pJ; fc2: ceil(32 / 3) = 11 cycles, 16 pJ; 54 cycles at 100 MHz = 0.54 µs.
    const totals = { macs: 160, cycles: 54, latencyMs: 0.00054, energyMj: 8e-8, areaMm2: 0.03, utilization: 160 / 162 }
    const alone = kinds.costOn(toy3, analyzed)
    expect(alone.feasible).toBe(true)
    expect(alone.kind).toBe("toy")
    expect(alone.layers).toEqual([])
    for (const [figure, value] of Object.entries(totals))
      expect(alone.totals?.[figure as keyof typeof totals], figure).toBeCloseTo(value, 15)
    const withLayers = kinds.costOn(toy3, analyzed, { layers: true })
    expect(withLayers.totals).toEqual(alone.totals)
    expect(withLayers.layers.map((layer) => [layer.name, layer.macs, layer.cycles, layer.energyPj])).toEqual([
      ["fc1/dense", 128, 43, 64],
      ["fc2/dense", 32, 11, 16],
    ])
    // 64 x 32 = 2,048 MACs in one layer: over the toy's 1,000.
    const big = kinds.costOn(toy3, analyzeNetworkOrThrow(zoo("ffnn:64-32")))
    expect(big.feasible === false && big.failure).toEqual({
      layer: "fc1/dense",
      reason: "too-big",
      message: "2048 MACs; the toy takes 1000",
    })
    expect(kinds.optionIssue(toy3, { dataflow: "ws" })?.message).toBe(
      'needs a hierarchical or systolic accelerator; the toy accelerator "toy-3" runs every layer on its one array',
    )
  })

  it("runs in a heterogeneous system with a preset unit: scheduled, measured and validated", () => {
    const document = {
      name: "toy-pair",
      units: [
        { kind: "toy", name: "toy", accelerator: toyPresets["toy-3"] },
        { name: "a53", preset: "cortex-a53" },
      ],
      links: [],
      hostPath: lpddr4HostPath,
    }
    expect(kinds.validateSystem(document)).toEqual([])
    const read = kinds.resolveSystem(document)
    if (!read.ok) throw new Error("invalid system")
    const { system } = read
    const built = kinds.systemProblem(ffnn, system)
    if (!built.ok) throw new Error(built.issues.join("; "))
    const { graph, costs } = built.problem
    const toyColumn = (layer: string) => {
      const row = graph.layers.indexOf(layer)
      return [costs.latencySeconds[row * costs.units], costs.energyPj[row * costs.units]]
    }
    // Alone on the toy: 43 and 11 cycles at 100 MHz, 64 and 16 pJ; the activation is not the toy's.
    expect(toyColumn("fc1/dense")[0]).toBeCloseTo(4.3e-7, 18)
    expect(toyColumn("fc1/dense")[1]).toBe(64)
    expect(toyColumn("fc2/dense")[0]).toBeCloseTo(1.1e-7, 18)
    expect(toyColumn("fc2/dense")[1]).toBe(16)
    expect(toyColumn("fc1/relu")).toEqual([0, 0])
    const scheduled = kinds.scheduleNetwork(ffnn, system, "energy")
    if (!scheduled.ok) throw new Error(scheduled.issues.join("; "))
    expect(scheduled.placement.get("fc1/dense")).toBe("toy")
    expect(scheduled.placement.get("fc2/dense")).toBe("toy")
    const area = kinds.systemArea(system)
    expect(area.totalMm2).toBeCloseTo(0.03, 15)
    expect(area.unmodeled).toEqual(["a53"])
    const bad = { ...document, units: [{ kind: "toy", name: "toy", accelerator: { ...toyPresets["toy-3"], macsPerCycle: 0 } }] }
    expect(kinds.validateSystem(bad)[0]).toMatchObject({
      path: "units[0].accelerator.macsPerCycle",
      message: "units[0].accelerator.macsPerCycle 0 must be a positive integer",
    })
    expect(kinds.systemPreset("toy-3")?.units.map((unit) => unit.kind)).toEqual(["toy"])
    // The built-in registry does not know the kind.
    expect(acceleratorKinds.validateSystem(document)[0]?.path).toBe("units[0].kind")
  })

  it("decodes its knob space to units that costOn takes", () => {
    expect(kinds.knobSpaces.map((knobs) => knobs.name).at(-1)).toBe("toy-knobs")
    const unit = kinds.knobSpace("toy-knobs")?.decode({ macs_per_cycle: 8 })
    expect(unit).toMatchObject({ kind: "toy", name: "toy-8", accelerator: { macsPerCycle: 8 } })
    if (unit === undefined) throw new Error("no toy knobs")
    // ceil(128 / 8) + ceil(32 / 8) = 16 + 4 cycles.
    expect(kinds.costOn(unit, analyzed).totals?.cycles).toBe(20)
  })
})
