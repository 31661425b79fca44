import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import { arrangedAccelerator } from "../mapping/arrangement.js"
import type { Mapping } from "../mapping/mapping.js"
import { mappingIssues } from "../mapping/validate.js"
import { timeloopAccounting } from "../timeloop/accounting.js"
import { acceleratorInfo } from "./accelerator-info.js"
import { compileMapping } from "./compile.js"
import {
  accumulateTransfers,
  levelAccesses,
  levelChargedBytes,
  levelEnergyPj,
  levelInstances,
  scoreCounts,
  stepDeliveryCycles,
} from "./kernel.js"
import type { LevelCost, MappingResult } from "./result.js"
import { scratchFor } from "./scratch.js"

/** Where `scoreCounts` writes the cycles and the energy: module-level, so that no call allocates. */
const totals = new Float64Array(2)

/**
 * The cost of a conv or matmul loop nest on a hierarchical accelerator under a mapping, with a
 * Timeloop-style analytical reuse model (docs/cost-model.md has the equations and assumptions):
 *
 * - a level's tile of an operand is (re)filled from the next level above that keeps the operand
 *   each time the indices of the loops above it that the operand depends on change; the loops the
 *   operand does not depend on that lie innermost above it (stationarity) cause no refill: fills =
 *   the product of the factors of the loops above, from the outermost down to the innermost
 *   relevant one. The MAC units keep no weight or input: each MAC reads them at the innermost
 *   level keeping them; each keeps its partial sum in an accumulator across the reduction loops
 *   (C, R, S) innermost above it, and updates the innermost output level when its output changes;
 * - outputs: every residency of a tile ends with a write-back (an update) to the level above; a
 *   refill of a tile seen before reads its partial sums back (read-modify-write), a first fill
 *   does not (it starts from zero);
 * - across the spatial fan-out (and, when the PEs have lanes, across each PE's lanes' fan-out the
 *   same way), PEs that need the same tile (they differ only in spatial indices
 *   the operand does not depend on) are served by one read at the parent (multicast), and
 *   partial sums of the same outputs are summed in the array network (reduction): one update;
 *   inputs are multicast by data: PEs whose windows overlap (spatial P, Q, R, S) are served the
 *   union of what they fetch, each element once;
 * - input tiles are the bounding box of their window: `(P - 1)·stride + (R - 1)·dilation + 1`
 *   rows, and the same for columns (the halo); a refill fetches only the elements the level does
 *   not already hold (sliding windows: the overlap of a window moved along P, Q, R or S stays);
 * - latency = `max(compute cycles, each level's traffic / bandwidth)` (double buffering overlaps
 *   transfers and compute), plus the first fill of every single-buffered level;
 * - energy = Σ accesses · per-access energy + MACs · macEnergyPj + fan-out transfers · network energy.
 *
 * An accelerator with `accounting: "timeloop"` is counted as Timeloop counts instead
 * (`timeloopAccounting`, docs/cost-model.md "Timeloop's accounting and ours").
 *
 * Never throws and never returns NaN: an invalid accelerator, nest or mapping gives
 * `{ feasible: false, reason, message, issues }`. What depends only on the accelerator and the mapping (their
 * checks, the factors, the reuse analysis) is computed once per pair of objects and cached by
 * identity: treat descriptions as immutable. Working arrays are reused across calls.
 *
 * @example
 * const cost = evaluateMapping(nest, eyerissV1Like, mapping)
 * if (cost.feasible) console.log(cost.cycles, cost.levels[0]?.reads, cost.energy.totalPj)
 * else console.log(cost.reason, cost.message)
 */
export const evaluateMapping = (nest: LoopNest, given: HierarchicalAccelerator, mapping: Mapping): MappingResult => {
  const arranged = arrangedAccelerator(given, mapping)
  if ("issue" in arranged)
    return { feasible: false, reason: arranged.issue.reason, message: arranged.issue.message, issues: [arranged.issue] }
  const { accelerator } = arranged
  if (accelerator.accounting === "timeloop") {
    if (accelerator.array?.lanes !== undefined) {
      const message = `accelerator "${accelerator.name}": the Timeloop accounting (accounting: "timeloop") does not count a second fan-out over lanes (array.lanes); use the physical accounting`
      return { feasible: false, reason: "accelerator", message, issues: [{ reason: "accelerator", message }] }
    }
    return timeloopAccounting(nest, accelerator, mapping)
  }
  const issues = mappingIssues(nest, accelerator, mapping)
  if (issues !== undefined) {
    const first = issues[0]
    return { feasible: false, reason: first?.reason ?? "shape", message: first?.message ?? "invalid mapping", issues }
  }
  const info = acceleratorInfo(accelerator)
  const levels = accelerator.levels.length
  const bytes = accelerator.bytesPerElement
  const compiled = compileMapping(accelerator, mapping)
  const { usedPes, usedLanes } = compiled
  const s = scratchFor(levels)
  const network = accumulateTransfers(info, compiled.plan, compiled.transfers, s)
  const macs = nest.N * nest.G * nest.K * nest.C * nest.P * nest.Q * nest.R * nest.S
  const computeCycles = Math.ceil(compiled.temporal / accelerator.array.macsPerPe)
  const delivery = mapping.array?.clusters === true ? stepDeliveryCycles(info, s, compiled.f, compiled.sx) : 0
  scoreCounts(info, s, computeCycles + delivery, usedPes, usedLanes, macs, network, totals)
  let largest = macs
  const costs: LevelCost[] = []
  for (let l = 0; l < levels; l++) {
    const level = accelerator.levels[l]
    if (level === undefined) continue
    const instances = levelInstances(info, l, usedPes, usedLanes)
    const at = l * 3
    const { reads, writes, tile } = s
    largest = Math.max(largest, levelAccesses(s, l))
    let held = 0
    for (let o = 0; o < 3; o++) if (info.holds[at + o] === 1) held += tile[at + o] ?? 0
    const occupancyBytes = held * bytes * (info.doubleBuffered[l] === 1 ? 2 : 1)
    const trafficBytes = levelChargedBytes(info, s, l, bytes, instances)
    costs.push({
      name: level.name,
      instances,
      reads: { weights: reads[at] ?? 0, inputs: reads[at + 1] ?? 0, outputs: reads[at + 2] ?? 0 },
      writes: { weights: writes[at] ?? 0, inputs: writes[at + 1] ?? 0, outputs: writes[at + 2] ?? 0 },
      occupancyBytes,
      occupancy: occupancyBytes / (info.capacity[l] ?? Number.POSITIVE_INFINITY),
      trafficCycles: s.traffic[l] ?? 0,
      bandwidthBytesPerCycle: trafficBytes / computeCycles,
      energyPj: levelEnergyPj(info, s, l),
    })
  }
  if (!(largest <= Number.MAX_SAFE_INTEGER)) {
    const message = `layer "${nest.layer}": ${largest} accesses or MACs is beyond exact arithmetic (2^53)`
    return { feasible: false, reason: "size", message, issues: [{ reason: "size", message }] }
  }
  const cycles = totals[0] ?? 0
  const macPj = macs * accelerator.macEnergyPj
  const networkPj = network * (accelerator.array.networkEnergyPj ?? 0)
  const levelsPj = (totals[1] ?? 0) - macPj - networkPj
  return {
    feasible: true,
    layer: nest.layer,
    macs,
    usedPes,
    usedLanes,
    computeCycles,
    cycles,
    stallCycles: cycles - computeCycles,
    // Of all the accelerator's MAC units, also those a grouping of its own (`Mapping.array`) leaves idle.
    utilization:
      macs /
      (cycles *
        given.array.x *
        given.array.y *
        (given.array.lanes === undefined ? 1 : given.array.lanes.x * given.array.lanes.y) *
        given.array.macsPerPe),
    levels: costs,
    networkTransfers: network,
    energy: { macPj, levelsPj, networkPj, totalPj: totals[1] ?? 0 },
  }
}
