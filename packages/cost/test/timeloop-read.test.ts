import { readTimeloopSpec, timeloopAccounting } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { timeloopRuns } from "./timeloop-runs.js"

// What the reader makes of a Timeloop description, field by field, checked against the files
// (the shipped runs) and against a hand-written v0.3 description.

const [ex04, eyeriss] = timeloopRuns()
if (ex04 === undefined || eyeriss === undefined) throw new Error("two runs expected")

describe("readTimeloopSpec on the tutorial's 1-D convolution (v0.4, mapping in the input)", () => {
  const { accelerator, nest, mapping } = ex04.spec

  it("makes the storage components levels and the dummy a fan-out point", () => {
    expect(accelerator.levels.map((level) => [level.name, level.scope])).toEqual([
      ["MainMemory", "shared"],
      ["GlobalBuffer", "pe"],
      ["RegisterFile", "pe"],
    ])
    // MACC[1..16], meshX 16 (meshY 1).
    expect(accelerator.array).toEqual({ x: 16, y: 1, macsPerPe: 1 })
  })

  it("sizes each level from depth, width and datawidth, and prices it per element from the ERT", () => {
    const [dram, glb, rf] = accelerator.levels
    expect(accelerator.bytesPerElement).toBe(1) // datawidth 8
    expect(glb?.capacityBytes).toBe(32768 * 8) // depth 32768 of 64-bit words holding 8-bit elements
    expect(glb?.vectorElements).toBe(8) // width 64 / datawidth 8
    expect(glb?.readEnergyPj).toBe(43.353054 / 8)
    expect(glb?.writeEnergyPj).toBe(30.878292 / 8)
    expect(dram?.vectorElements).toBe(32) // width 256 / 8
    expect(dram?.offChip).toBe(true)
    expect(dram?.capacityBytes).toBeUndefined()
    expect(rf?.capacityBytes).toBe(64)
    expect(rf?.vectorElements).toBeUndefined()
    expect(accelerator.macEnergyPj).toBe(0.845)
    expect(accelerator.clockMhz).toBe(1000) // global_cycle_seconds 1e-9
  })

  it("reads the conv1d problem (C, K, R, P) as a nest", () => {
    expect([nest.N, nest.G, nest.K, nest.C, nest.P, nest.Q, nest.R, nest.S]).toEqual([1, 1, 32, 32, 16, 1, 3, 1])
    expect(nest.H).toBe(16 + 3 - 1)
    expect(nest.layer).toBe("Conv1D_OC")
  })

  it("reads the mapping: permutations innermost first, the dummy's spatial C16 on X", () => {
    expect(mapping).toEqual({
      levels: [
        { factors: {}, order: [] },
        { factors: { C: 2, K: 32, R: 3 }, order: ["C", "K", "R"] },
        { factors: { P: 16 }, order: ["P"] },
      ],
      spatial: { x: { C: 16 }, y: {} },
    })
  })
})

describe("readTimeloopSpec on the Eyeriss-like mapper run (constraints and a printed map)", () => {
  const { accelerator, nest, mapping, constraints, warnings } = eyeriss.spec

  it("takes the mapping, and what each level keeps, from the printed map", () => {
    expect(accelerator.levels.map((level) => [level.name, level.holds])).toEqual([
      ["DRAM", ["weights", "inputs", "outputs"]],
      ["shared_glb", ["inputs", "outputs"]],
      ["ifmap_spad", ["inputs"]],
      ["weights_spad", ["weights"]],
      ["psum_spad", ["outputs"]],
    ])
    // Two dummy levels between shared_glb and the spads collapse into one fan-out: Q14 on X, C3 and S3 on Y.
    expect(mapping.spatial).toEqual({ x: { Q: 14 }, y: { C: 3, S: 3 } })
    expect(mapping.levels[0]).toEqual({ factors: { P: 8, Q: 2, K: 4 }, order: ["P", "Q", "K"] })
    expect(mapping.levels[4]).toEqual({ factors: { K: 8 }, order: ["K"] })
  })

  it("pairs strides with their window by the projection (P with R: Wstride; Q with S: Hstride)", () => {
    expect([nest.strideH, nest.strideW, nest.dilationH, nest.dilationW]).toEqual([2, 2, 1, 1])
    expect([nest.H, nest.W]).toEqual([225, 225])
  })

  it("keeps the mapper constraints as data", () => {
    // The 15 targets of its architecture_constraints.
    expect(constraints.length).toBe(eyeriss.texts.yaml.match(/^ {6}(- | {2})target: /gm)?.length)
    expect(constraints.length).toBe(15)
    expect(constraints.find((c) => c.target === "inter_PE_spatial" && c.type === "spatial")).toEqual({
      target: "inter_PE_spatial",
      type: "spatial",
      factors: { N: 1, P: 1, Q: 1, R: 1 },
      permutation: ["N", "P", "Q", "R", "S", "C", "M"],
      split: 0,
      line: expect.any(Number),
    })
  })

  it("says what it approximated: one element width, one bandwidth per level", () => {
    expect(warnings.some((w) => w.startsWith("psum_spad[1..168]: datawidth 16 bits differs"))).toBe(true)
    expect(warnings).toContain(
      "shared_glb[1..1]: read_bandwidth 16 and write_bandwidth 16 words a cycle are one shared bandwidth of 32 in cosearch",
    )
    expect(accelerator.levels[1]?.bandwidthBytesPerCycle).toBe(32)
  })
})

// A v0.3 description (nested subtrees with instance ranges, memory_depth, word-bits, block-size)
// with the older flat problem (a built-in shape name and the bounds beside it).
const v03 = `
architecture:
  version: 0.3
  subtree:
    - name: system
      local:
        - name: DRAM
          class: DRAM
          attributes: { width: 64, block-size: 4, word-bits: 16 }
      subtree:
        - name: chip
          attributes: { technology: 45nm }
          local:
            - name: shared_glb
              class: smartbuffer_SRAM
              attributes: { memory_depth: 12800, memory_width: 64, block-size: 4, word-bits: 16, read_bandwidth: 16, write_bandwidth: 16 }
            - name: DummyBuffer[0..13]
              class: dummy_storage
              attributes: { meshX: 14 }
          subtree:
            - name: PE[0..167]
              local:
                - name: ifmap_spad
                  class: smartbuffer_RF
                  attributes: { memory_depth: 12, memory_width: 16, word-bits: 16, meshX: 14 }
                - name: psum_spad
                  class: smartbuffer_RF
                  attributes: { memory_depth: 16, memory_width: 16, word-bits: 16, meshX: 14 }
                - name: mac
                  class: intmac
                  attributes: { datawidth: 16, meshX: 14 }
problem:
  shape: cnn-layer
  R: 3
  S: 1
  P: 14
  Q: 12
  C: 4
  M: 8
  N: 1
mapping:
  - { target: shared_glb, type: bypass, keep: [Inputs, Outputs], bypass: [Weights] }
  - { target: ifmap_spad, type: bypass, keep: [Inputs, Weights], bypass: [Outputs] }
  - { target: psum_spad, type: bypass, keep: [Outputs], bypass: [Weights, Inputs] }
  - { target: DRAM, type: temporal, factors: C4 M8 N1, permutation: MCN }
  - { target: DummyBuffer, type: spatial, factors: P14 Q12, permutation: PQ, split: 1 }
  - { target: ifmap_spad, type: temporal, factors: R3, permutation: R }
`

describe("readTimeloopSpec on a v0.3 description", () => {
  const read = readTimeloopSpec({ yaml: v03 })
  if (!read.ok) throw new Error(read.errors.join("\n"))
  const { accelerator, nest, mapping } = read.spec

  it("multiplies subtree ranges into instance counts and reads v0.3's attribute spellings", () => {
    expect(accelerator.bytesPerElement).toBe(2)
    expect(accelerator.array).toEqual({ x: 14, y: 12, macsPerPe: 1 })
    expect(accelerator.levels.map((level) => [level.name, level.scope, level.capacityBytes, level.vectorElements])).toEqual([
      ["DRAM", "shared", undefined, 4],
      ["shared_glb", "shared", 12800 * 4 * 2, 4],
      ["ifmap_spad", "pe", 12 * 2, undefined],
      ["psum_spad", "pe", 16 * 2, undefined],
    ])
    expect(accelerator.levels[1]?.bandwidthBytesPerCycle).toBe((16 + 16) * 2)
    expect(read.ok && read.spec.warnings).toContain("no ERT given: every energy is 0")
  })

  it("reads the flat problem, factors without '=' and the split", () => {
    expect([nest?.K, nest?.C, nest?.P, nest?.Q, nest?.R, nest?.S]).toEqual([8, 4, 14, 12, 3, 1])
    expect(mapping).toEqual({
      levels: [
        { factors: { K: 8, C: 4 }, order: ["C", "K"] }, // permutation MCN is innermost first
        { factors: {}, order: [] },
        { factors: { R: 3 }, order: ["R"] },
        { factors: {}, order: [] },
      ],
      spatial: { x: { P: 14 }, y: { Q: 12 } },
    })
    expect(nest !== undefined && mapping !== undefined && timeloopAccounting(nest, accelerator, mapping).feasible).toBe(true)
  })
})
