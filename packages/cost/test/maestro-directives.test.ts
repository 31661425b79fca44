import { readFileSync } from "node:fs"
import { maestro256Pe } from "@cosearch/accelerator"
import {
  dataflowFamilyNames,
  dataflowNames,
  dataflowTemplates,
  directivesFromMapping,
  evaluateDirectives,
  evaluateMapping,
  maestroDataflowNames,
  maestroDataflows,
  mapLayer,
  mappingFromDirectives,
  validateMapping,
} from "@cosearch/cost"
import { type MaestroDirective, parseMaestroDataflow, parseMaestroNetwork } from "@cosearch/network"
import { describe, expect, it } from "vitest"
import { accelerator, level, simulateMapping, tinyNest } from "./loopnest-simulator.js"

const operandNames = ["weights", "inputs", "outputs"] as const

const directivesOf = (text: string) => {
  const parsed = parseMaestroDataflow(text)
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"))
  return parsed.directives
}

describe("dataflow names", () => {
  it("gives every name its record: a family its template, a MAESTRO dataflow its directives, each name once", () => {
    expect(Object.keys(dataflowTemplates).sort()).toEqual([...dataflowFamilyNames].sort())
    expect(Object.keys(maestroDataflows).sort()).toEqual([...maestroDataflowNames].sort())
    expect(new Set(dataflowNames).size).toBe(dataflowFamilyNames.length + maestroDataflowNames.length)
  })

  it("ships MAESTRO's directives as its files write them: each preset is the Dataflow block of MAESTRO's L1_<name>.m", () => {
    const strip = (directives: readonly MaestroDirective[]) => directives.map(({ line: _line, ...directive }) => directive)
    const nest = tinyNest({ K: 64, C: 3, P: 112, Q: 112, R: 7, S: 7, stride: 2 })
    for (const name of ["kcp_ws", "rs", "xp_ws", "ykp_os", "yxp_os"] as const) {
      const own = parseMaestroNetwork(readFileSync(new URL(`../data/maestro/L1_${name}.m`, import.meta.url), "utf8"))
      if (!own.ok) throw new Error(own.errors.join("\n"))
      expect({ name, directives: strip(maestroDataflows[name].directives(nest)) }).toEqual({
        name,
        directives: strip(own.layers[0]?.dataflow ?? []),
      })
    }
  })
})

describe("MAESTRO's directives as mappings", () => {
  it("derives kcp_ws on ResNet-50's 3x3 layer by hand: K over 4 clusters of 64, C over a cluster, the window per PE", () => {
    // 58x58x64 input, 64 3x3 filters, stride 1: P = Q = 56. SpatialMap(1,1) K over 256 / 64 = 4
    // clusters folds 64 filters 16 times; TemporalMap(64,64) C takes all 64 channels; the top's
    // Y and X slide one output at a time (56 x 56 DRAM steps); Cluster(64): SpatialMap(1,1) C puts
    // one channel on each PE; the R x S window is each PE's.
    const nest = { ...tinyNest({ K: 64, C: 64, P: 56, Q: 56, R: 3, S: 3 }, "L2"), H: 58, W: 58 }
    const converted = mappingFromDirectives(nest, maestro256Pe, maestroDataflows.kcp_ws.directives(nest))
    expect(converted).toEqual({
      ok: true,
      nest,
      padded: {},
      mapping: {
        levels: [
          { factors: { K: 16, P: 56, Q: 56 }, order: ["K", "P", "Q"] },
          { factors: {}, order: [] },
          { factors: { R: 3, S: 3 }, order: ["R", "S"] },
        ],
        spatial: { x: { C: 64 }, y: { K: 4 } },
        array: { x: 64, y: 4, clusters: true },
      },
    })
  })

  it("gives mappings whose counts are the brute-force simulator's, for every MAESTRO dataflow on small layers", () => {
    // 128 PEs, unbounded buffers: every preset's clusters fit, and the physical accounting applies.
    const small = accelerator([level("DRAM", "shared"), level("GLB", "shared"), level("RF", "pe")], 16, 8, "small")
    const layers = [
      tinyNest({ K: 32, C: 4, P: 4, Q: 4, R: 3, S: 3 }, "3x3"),
      tinyNest({ K: 16, C: 8, P: 2, Q: 8, R: 1, S: 1 }, "1x1"),
      tinyNest({ K: 16, C: 2, P: 4, Q: 4, R: 3, S: 3, stride: 2 }, "strided"),
    ]
    let checked = 0
    for (const nest of layers) {
      for (const name of maestroDataflowNames) {
        const converted = mappingFromDirectives(nest, small, maestroDataflows[name].directives(nest))
        if (!converted.ok) throw new Error(`${nest.layer} ${name}: ${converted.errors.join("; ")}`)
        if (Object.keys(converted.padded).length > 0) continue
        expect(validateMapping(nest, small, converted.mapping)).toEqual([])
        const cost = evaluateDirectives(nest, small, maestroDataflows[name].directives(nest), "physical")
        if (!cost.feasible) throw new Error(cost.message)
        const { x, y } = converted.mapping.array ?? small.array
        const simulated = simulateMapping(nest, { ...small, array: { ...small.array, x, y } }, converted.mapping)
        expect(cost.levels.map((l) => operandNames.map((o) => l.reads[o]))).toEqual(simulated.reads)
        expect(cost.levels.map((l) => operandNames.map((o) => l.writes[o]))).toEqual(simulated.writes)
        expect(cost.computeCycles).toBe(simulated.steps)
        checked++
      }
    }
    expect(checked).toBeGreaterThanOrEqual(12)
  })

  it("runs a partial last fold as a full one: 7 output rows over 4 clusters is 2 folds of 4, the MACs the layer's own", () => {
    // 32 PEs in clusters of 8: 4 clusters; SpatialMap(1,1) Y' spreads 7 rows: 4, then 3 (one idle).
    const directives = directivesOf("Dataflow {\n  SpatialMap(1,1) Y';\n  Cluster(8,P);\n  SpatialMap(1,1) K;\n}")
    const nest = tinyNest({ K: 8, C: 2, P: 7, Q: 3, R: 1, S: 1 }, "odd")
    const on = accelerator([level("DRAM", "shared"), level("RF", "pe")], 8, 4, "odd")
    const converted = mappingFromDirectives(nest, on, directives)
    if (!converted.ok) throw new Error(converted.errors.join("; "))
    expect(converted.padded).toEqual({ P: 8 })
    expect(converted.mapping.spatial).toEqual({ x: { K: 8 }, y: { P: 4 } })
    expect(converted.mapping.levels[0]).toEqual({ factors: { P: 2 }, order: ["P"] })
    const cost = evaluateDirectives(nest, on, directives, "physical")
    if (!cost.feasible) throw new Error(cost.message)
    expect(cost.macs).toBe(8 * 2 * 7 * 3)
    // Two folds of (C 2 x Q 3) steps, each PE one MAC a step: the partial fold takes as long.
    expect(cost.computeCycles).toBe(2 * 2 * 3)
    expect(cost.energy.macPj).toBeCloseTo(8 * 2 * 7 * 3 * on.macEnergyPj, 9)
  })

  it("charges, with MAESTRO's accounting, one delivery to the clusters per DRAM step (the initialization case)", () => {
    // L3-like 1x1 layer, yxp_os: one MAC per PE a step, and MAESTRO counts 2 cycles a step.
    const nest = { ...tinyNest({ K: 8, C: 16, P: 7, Q: 7, R: 1, S: 1 }, "1x1"), H: 7, W: 7 }
    const directives = maestroDataflows.yxp_os.directives(nest)
    const maestro = evaluateDirectives(nest, maestro256Pe, directives)
    const physical = evaluateMapping(
      nest,
      { ...maestro256Pe, levels: maestro256Pe.levels.map(({ capacityBytes: _c, ...l }) => l) },
      maestro.feasible ? maestro.mapping : { levels: [], spatial: { x: {}, y: {} } },
    )
    if (!maestro.feasible || !physical.feasible) throw new Error("infeasible")
    const steps = 8 * 16 // K and C one at a time, every output of the 7 x 7 in one step
    expect(maestro.computeCycles).toBe(steps)
    expect(maestro.cycles).toBeGreaterThanOrEqual(2 * steps)
    expect(physical.cycles).toBeLessThan(maestro.cycles)
  })

  it("refuses what it cannot map, naming the directive's line", () => {
    const nest = tinyNest({ K: 8, C: 4, P: 4, Q: 4, R: 3, S: 3 })
    const on = accelerator([level("DRAM", "shared"), level("RF", "pe")], 8, 4, "refusals")
    const errors = (text: string) => {
      const converted = mappingFromDirectives(nest, on, directivesOf(text))
      return converted.ok ? [] : converted.errors
    }
    expect(errors("Dataflow {\n  Cluster(4,P);\n  SpatialMap(1,1) K;\n  Cluster(2,P);\n}")).toEqual([
      "line 4: Cluster(2,P): a second Cluster level: cosearch maps one spatial fan-out (one Cluster); nested clusters are not supported yet",
    ])
    expect(errors("Dataflow {\n  SpatialMap(1,1) K;\n  SpatialMap(1,1) C;\n}")).toEqual([
      "line 3: SpatialMap(1,1) C: a second spatial map at this level (after line 2): one dimension is spread per level (or Y with R, X with S)",
    ])
    expect(errors("Dataflow {\n  TemporalMap(4,2) K;\n}")).toEqual([
      "line 2: TemporalMap(4,2) K: steps of 2 over tiles of 4 (in K): tiles that overlap or skip are not supported; a map's offset must equal its size",
    ])
    expect(errors("Dataflow {\n  TemporalMap(2,2) Y;\n}")).toEqual([
      "line 2: TemporalMap(2,2) Y: a tile of 2 input rows is narrower than the filter's window (3)",
    ])
    expect(errors("Dataflow {\n  Cluster(64,P);\n}")).toEqual(["line 2: Cluster(64,P): a cluster of 64 PEs on an accelerator with 32"])
  })
})

describe("mappings written as MAESTRO directives (cosearch convert --to maestro)", () => {
  const layers = [
    { ...tinyNest({ K: 64, C: 3, P: 112, Q: 112, R: 7, S: 7, stride: 2 }, "L1"), H: 229, W: 229 },
    { ...tinyNest({ K: 64, C: 64, P: 56, Q: 56, R: 3, S: 3 }, "L2"), H: 58, W: 58 },
    { ...tinyNest({ K: 512, C: 2048, P: 7, Q: 7, R: 1, S: 1 }, "L3"), H: 7, W: 7 },
  ]
  const withoutLines = (directives: readonly MaestroDirective[]) => directives.map(({ line: _line, ...directive }) => directive)

  it("reads MAESTRO's own dataflows back to the same mapping, and writes them back to the same directives", () => {
    for (const nest of layers)
      for (const name of maestroDataflowNames) {
        const first = mappingFromDirectives(nest, maestro256Pe, maestroDataflows[name].directives(nest))
        if (!first.ok) throw new Error(first.errors.join("; "))
        const written = directivesFromMapping(nest, maestro256Pe, first.mapping)
        if (!written.ok) throw new Error(`${nest.layer} ${name}: ${written.errors.join("; ")}`)
        const again = mappingFromDirectives(nest, maestro256Pe, written.directives)
        expect({ layer: nest.layer, name, mapping: again.ok && again.mapping }).toEqual({ layer: nest.layer, name, mapping: first.mapping })
        const twice = directivesFromMapping(nest, maestro256Pe, first.mapping)
        expect(twice.ok && withoutLines(twice.directives)).toEqual(withoutLines(written.directives))
      }
  })

  it("writes the mapper's mappings (one dimension per axis) as directives that read back to the same loops and cost", () => {
    let checked = 0
    for (const nest of layers)
      for (const family of dataflowFamilyNames) {
        const mapped = mapLayer(nest, maestro256Pe, { dataflow: family })
        if (!mapped.feasible) continue
        const written = directivesFromMapping(nest, maestro256Pe, mapped.mapping)
        if (!written.ok) {
          // Refused only for an axis spreading two dimensions, named.
          expect(written.errors.join(" ")).toMatch(/mapping\.spatial\.[xy]: spreads \w+ and \w+; MAESTRO spreads one dimension per level/)
          continue
        }
        const read = mappingFromDirectives(nest, maestro256Pe, written.directives)
        if (!read.ok) throw new Error(`${nest.layer} ${family}: ${read.errors.join("; ")}`)
        expect(read.padded).toEqual({})
        expect({ levels: read.mapping.levels, spatial: read.mapping.spatial }).toEqual({
          levels: mapped.mapping.levels,
          spatial: mapped.mapping.spatial,
        })
        const physical = evaluateDirectives(nest, maestro256Pe, written.directives, "physical")
        if (!physical.feasible) throw new Error(physical.message)
        expect(physical.cycles).toBe(mapped.cycles)
        expect(physical.energy.totalPj / mapped.energy.totalPj).toBeCloseTo(1, 12)
        checked++
      }
    expect(checked).toBeGreaterThanOrEqual(10)
  })

  it("refuses what MAESTRO cannot describe, naming the field", () => {
    const depthwise = tinyNest({ G: 8, K: 1, C: 1, P: 4, Q: 4, R: 3, S: 3 }, "dw")
    const mapping = {
      levels: [
        { factors: { G: 8, P: 4, Q: 4 }, order: ["G", "P", "Q"] as const },
        { factors: {}, order: [] },
        { factors: { R: 3, S: 3 }, order: ["R", "S"] as const },
      ],
      spatial: { x: {}, y: {} },
    }
    const written = directivesFromMapping(depthwise, maestro256Pe, {
      ...mapping,
      levels: mapping.levels.map((l) => ({ ...l, order: [...l.order] })),
    })
    expect(written.ok ? [] : written.errors).toEqual([
      'layer "dw": G=8: MAESTRO has no groups (a grouped or depthwise layer cannot be written)',
    ])
  })

  it("writes a padded mapping with whole sizes: 7 output rows in folds of 4 read back the same", () => {
    const nest = { ...tinyNest({ K: 8, C: 2, P: 7, Q: 3, R: 1, S: 1 }, "odd"), H: 7, W: 3 }
    const on = accelerator([level("DRAM", "shared"), level("GLB", "shared"), level("RF", "pe")], 8, 4, "odd")
    const first = mappingFromDirectives(
      nest,
      on,
      directivesOf("Dataflow {\n  SpatialMap(1,1) Y';\n  Cluster(8,P);\n  SpatialMap(1,1) K;\n}"),
    )
    if (!first.ok) throw new Error(first.errors.join("; "))
    expect(first.padded).toEqual({ P: 8 })
    const written = directivesFromMapping(nest, on, first.mapping)
    if (!written.ok) throw new Error(written.errors.join("; "))
    expect(written.directives.every((d) => d.kind === "Cluster" || (Number.isInteger(d.size) && Number.isInteger(d.offset)))).toBe(true)
    const again = mappingFromDirectives(nest, on, written.directives)
    expect(again.ok && [again.mapping, again.padded]).toEqual([first.mapping, first.padded])
  })

  it("reads Sz(Y) and Sz(X) as the input MAESTRO takes, padded: the rows and columns the windows span", () => {
    // A 3x3 layer with same padding: 8 x 8 outputs from an 8 x 8 input, MAESTRO's padded 10 x 10.
    const nest = { ...tinyNest({ K: 4, C: 2, P: 8, Q: 8, R: 3, S: 3 }, "same"), H: 8, W: 8 }
    const on = accelerator([level("DRAM", "shared"), level("RF", "pe")], 4, 1, "same")
    const converted = mappingFromDirectives(
      nest,
      on,
      directivesOf("Dataflow {\n  TemporalMap(Sz(Y),Sz(Y)) Y;\n  TemporalMap(Sz(X),Sz(X)) X;\n}"),
    )
    expect(converted.ok && converted.padded).toEqual({})
    expect(converted.ok && converted.mapping.levels[0]).toEqual({ factors: {}, order: [] })
  })
})
