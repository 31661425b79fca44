import { evaluateMapping, readTimeloopSpec, validateMapping } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { simulateMapping } from "./loopnest-simulator.js"

// A Simba-like architecture written here in Timeloop's v0.3 form (Shao et al., MICRO 2019: a PE
// array whose PEs have their own buffers, then vector lanes with a weight register each): 2 x 2
// PEs of 4 lanes, two fan-outs, one below the global buffer and one inside each PE.
const simba = `architecture:
  version: 0.3
  subtree:
    - name: system
      local:
        - name: DRAM
          class: DRAM
          attributes: { width: 64, word-bits: 8 }
      subtree:
        - name: chip
          local:
            - name: GlobalBuffer
              class: SRAM
              attributes: { depth: 2048, width: 64, block-size: 8, word-bits: 8 }
          subtree:
            - name: PE[0..3]
              local:
                - name: PEBuffer
                  class: regfile
                  attributes: { depth: 64, width: 8, word-bits: 8, meshX: 2 }
                - name: LaneFanOut
                  class: dummy_storage
                  attributes: { meshX: 2 }
                - name: WeightRegister[0..3]
                  class: regfile
                  attributes: { depth: 4, width: 8, word-bits: 8, meshX: 8 }
                - name: mac[0..3]
                  class: intmac
                  attributes: { datawidth: 8, meshX: 8 }
problem:
  shape: cnn-layer
  R: 3
  S: 1
  P: 4
  Q: 2
  C: 4
  M: 8
  N: 1
mapping:
  - { target: PEBuffer, type: bypass, keep: [Inputs, Outputs], bypass: [Weights] }
  - { target: WeightRegister, type: bypass, keep: [Weights], bypass: [Inputs, Outputs] }
  - { target: DRAM, type: temporal, factors: C4, permutation: C }
  - { target: GlobalBuffer, type: temporal, factors: M2, permutation: M }
  - { target: GlobalBuffer, type: spatial, factors: P2 Q2, permutation: PQ, split: 1 }
  - { target: LaneFanOut, type: spatial, factors: M4, permutation: M, split: 1 }
  - { target: PEBuffer, type: temporal, factors: P2, permutation: P }
  - { target: WeightRegister, type: temporal, factors: R3, permutation: R }
`

describe("Timeloop architectures with a second fan-out (a PE array with vector lanes)", () => {
  it("reads the PEs' buffers as per-PE levels, the lanes' registers as per-lane levels, and the lane loops as laneSpatial", () => {
    const read = readTimeloopSpec({ yaml: simba })
    if (!read.ok) throw new Error(read.errors.join("\n"))
    const { accelerator, nest, mapping } = read.spec
    expect(accelerator.levels.map((level) => [level.name, level.scope])).toEqual([
      ["DRAM", "shared"],
      ["GlobalBuffer", "shared"],
      ["PEBuffer", "pe"],
      ["WeightRegister", "lane"],
    ])
    expect(accelerator.array).toEqual({ x: 2, y: 2, macsPerPe: 1, lanes: { x: 4, y: 1 } })
    expect(mapping?.spatial).toEqual({ x: { P: 2 }, y: { Q: 2 } })
    expect(mapping?.laneSpatial).toEqual({ x: { K: 4 }, y: {} })
    if (nest === undefined || mapping === undefined) throw new Error("no problem or no mapping")
    expect(validateMapping(nest, accelerator, mapping)).toEqual([])
    // Physically counted, the two fan-outs give the brute-force simulator's counts: 4 PEs x 4 lanes.
    const cost = evaluateMapping(nest, accelerator, mapping)
    if (!cost.feasible) throw new Error(cost.message)
    const simulated = simulateMapping(nest, accelerator, mapping)
    const operands = ["weights", "inputs", "outputs"] as const
    expect(cost.levels.map((level) => operands.map((o) => level.reads[o]))).toEqual(simulated.reads)
    expect(cost.levels.map((level) => operands.map((o) => level.writes[o]))).toEqual(simulated.writes)
    // 8 x 4 x 4 x 2 x 3 MACs over 16 MACs: 48 cycles of compute.
    expect(cost.computeCycles).toBe((8 * 4 * 4 * 2 * 3) / 16)
  })

  it("refuses a level whose instances are neither shared, per PE nor per lane, naming its line", () => {
    const odd = simba.replace("- name: WeightRegister[0..3]", "- name: WeightRegister[0..1]")
    const read = readTimeloopSpec({ yaml: odd })
    expect(read.ok).toBe(false)
    if (!read.ok)
      expect(read.errors.join("\n")).toMatch(
        /line \d+: .*WeightRegister.*8 instances: neither shared \(1\), per PE \(4\) nor per lane \(16\)/,
      )
  })
})
