import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import { evaluateMapping, type Mapping, type MappingCost, validateMapping } from "@cosearch/cost"
import type { LoopNest } from "@cosearch/network"
import { expect } from "vitest"
import { simulateMapping } from "./loopnest-simulator.js"

// Test support: the assertions that the model's counts are the brute-force simulator's, shared by
// the one-fan-out and the two-fan-out (lanes) tests.

const operandNames = ["weights", "inputs", "outputs"] as const

/** The model's counts as the simulator reports them: per level, per operand. */
const counts = (cost: MappingCost, kind: "reads" | "writes"): number[][] =>
  cost.levels.map((level) => operandNames.map((operand) => level[kind][operand]))

const feasibleCost = (nest: LoopNest, accelerator: HierarchicalAccelerator, mapping: Mapping): MappingCost => {
  const cost = evaluateMapping(nest, accelerator, mapping)
  if (!cost.feasible) throw new Error(cost.message)
  return cost
}

/**
 * Asserts a valid mapping's reads, writes, network transfers, MACs and compute cycles are the
 * simulator's (a failure names the nest and the mapping); returns the model's cost.
 */
export const expectSimulatedCounts = (nest: LoopNest, accelerator: HierarchicalAccelerator, mapping: Mapping): MappingCost => {
  expect(validateMapping(nest, accelerator, mapping)).toEqual([])
  const cost = feasibleCost(nest, accelerator, mapping)
  const simulated = simulateMapping(nest, accelerator, mapping)
  const context = JSON.stringify({
    nest: [nest.N, nest.G, nest.K, nest.C, nest.P, nest.Q, nest.R, nest.S, nest.strideH, nest.dilationH],
    mapping,
  })
  expect({ context, reads: counts(cost, "reads") }).toEqual({ context, reads: simulated.reads })
  expect({ context, writes: counts(cost, "writes") }).toEqual({ context, writes: simulated.writes })
  expect({ context, network: cost.networkTransfers }).toEqual({ context, network: simulated.network })
  expect(cost.macs).toBe(simulated.macs)
  expect(cost.computeCycles).toBe(simulated.steps)
  return cost
}

/** Asserts a mapping's reads, writes and network transfers are the simulator's. */
export const expectSimulatedAccesses = (nest: LoopNest, accelerator: HierarchicalAccelerator, mapping: Mapping): void => {
  const cost = feasibleCost(nest, accelerator, mapping)
  const simulated = simulateMapping(nest, accelerator, mapping)
  expect(counts(cost, "reads")).toEqual(simulated.reads)
  expect(counts(cost, "writes")).toEqual(simulated.writes)
  expect(cost.networkTransfers).toBe(simulated.network)
}
