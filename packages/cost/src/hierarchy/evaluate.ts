import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import { acceleratorInfo, scratchFor } from "../mapping/analysis.js"
import {
  compileMapping,
  planChild,
  planCrossing,
  planDistinct,
  planFills,
  planInstances,
  planOperand,
  planParent,
  planSide,
} from "../mapping/compile.js"
import type { Mapping } from "../mapping/mapping.js"
import { mappingIssues } from "../mapping/validate.js"
import type { LevelCost, MappingResult } from "./result.js"

/**
 * The cost of a conv or matmul loop nest on a hierarchical accelerator under a mapping, with a
 * Timeloop-style analytical reuse model (docs/cost-model.md has the equations and assumptions):
 *
 * - a level's tile of an operand is (re)filled from the next level above that keeps the operand
 *   each time the indices of the loops above it that the operand depends on change; the loops the
 *   operand does not depend on that lie innermost above it (stationarity) cause no refill: fills =
 *   the product of the factors of the loops above, from the outermost down to the innermost
 *   relevant one. The MAC units keep nothing: each MAC reads its weight and input and updates its
 *   output at the innermost level keeping them;
 * - outputs: every residency of a tile ends with a write-back (an update) to the level above; a
 *   refill of a tile seen before reads its partial sums back (read-modify-write), a first fill
 *   does not (it starts from zero);
 * - across the spatial fan-out, PEs that need the same tile (they differ only in spatial indices
 *   the operand does not depend on) are served by one read at the parent (multicast), and
 *   partial sums of the same outputs are summed in the array network (reduction): one update;
 * - input tiles are the bounding box of their window: `(P - 1)·stride + (R - 1)·dilation + 1`
 *   rows, and the same for columns (the halo); a tile is fetched whole at each refill;
 * - latency = `max(compute cycles, each level's traffic / bandwidth)` (double buffering overlaps
 *   transfers and compute), plus the first fill of every single-buffered level;
 * - energy = Σ accesses · per-access energy + MACs · macEnergyPj + fan-out transfers · network energy.
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
export const evaluateMapping = (nest: LoopNest, accelerator: HierarchicalAccelerator, mapping: Mapping): MappingResult => {
  const issues = mappingIssues(nest, accelerator, mapping)
  if (issues !== undefined) {
    const first = issues[0]
    return { feasible: false, reason: first?.reason ?? "shape", message: first?.message ?? "invalid mapping", issues }
  }
  const info = acceleratorInfo(accelerator)
  const holds = info.holds
  const ls = info.lastShared
  const levels = accelerator.levels.length
  const bytes = accelerator.bytesPerElement
  const compiled = compileMapping(accelerator, mapping)
  const { plan, transfers, usedPes } = compiled
  const s = scratchFor(levels)
  const { tile, reads, writes, fill } = s
  reads.fill(0, 0, levels * 3)
  writes.fill(0, 0, levels * 3)
  fill.fill(0, 0, levels)
  const macs = nest.N * nest.G * nest.K * nest.C * nest.P * nest.Q * nest.R * nest.S
  let network = 0
  for (let i = 0; i < transfers; i++) {
    const row = i * 8
    const o = plan[row + planOperand] ?? 0
    const parent = plan[row + planParent] ?? 0
    const c = plan[row + planChild] ?? 0
    const fills = plan[row + planFills] ?? 0
    const side = plan[row + planSide] ?? 0
    const instances = plan[row + planInstances] ?? 0
    const crossing = plan[row + planCrossing] === 1
    const size = c < levels ? (tile[c * 3 + o] ?? 0) : 1
    if (o < 2) {
      reads[parent * 3 + o] = (reads[parent * 3 + o] ?? 0) + side * fills * size
      if (c < levels) writes[c * 3 + o] = (writes[c * 3 + o] ?? 0) + instances * fills * size
      if (crossing) network += side * fills * size
      if (c < levels && info.doubleBuffered[c] !== 1) {
        // The first tile: limited by the level's own port and by the parent's (which serves
        // every distinct tile across the fan-out).
        const own = (size * bytes) / (info.bandwidth[c] ?? Number.POSITIVE_INFINITY)
        const served = ((crossing ? side : 1) * size * bytes) / (info.bandwidth[parent] ?? Number.POSITIVE_INFINITY)
        fill[c] = (fill[c] ?? 0) + Math.max(own, served)
      }
    } else {
      // Outputs: every residency ends with an update of the parent; refills of a tile seen
      // before read its partial sums back, first fills start from zero.
      const refills = fills - (plan[row + planDistinct] ?? 0)
      reads[parent * 3 + 2] = (reads[parent * 3 + 2] ?? 0) + side * refills * size
      writes[parent * 3 + 2] = (writes[parent * 3 + 2] ?? 0) + side * fills * size
      if (c < levels) {
        writes[c * 3 + 2] = (writes[c * 3 + 2] ?? 0) + side * refills * size
        reads[c * 3 + 2] = (reads[c * 3 + 2] ?? 0) + instances * fills * size
      }
      if (crossing) network += side * (fills + refills) * size
    }
  }

  const computeCycles = Math.ceil(compiled.temporal / accelerator.array.macsPerPe)
  let slowest = computeCycles
  let firstFills = 0
  let levelsPj = 0
  let largest = macs
  const costs: LevelCost[] = []
  for (let l = 0; l < levels; l++) {
    const level = accelerator.levels[l]
    if (level === undefined) continue
    const instances = l > ls ? usedPes : 1
    const r0 = reads[l * 3] ?? 0
    const r1 = reads[l * 3 + 1] ?? 0
    const r2 = reads[l * 3 + 2] ?? 0
    const w0 = writes[l * 3] ?? 0
    const w1 = writes[l * 3 + 1] ?? 0
    const w2 = writes[l * 3 + 2] ?? 0
    const accesses = r0 + r1 + r2 + w0 + w1 + w2
    largest = Math.max(largest, accesses)
    const trafficBytes = (accesses * bytes) / instances
    const trafficCycles = Math.ceil(trafficBytes / (info.bandwidth[l] ?? Number.POSITIVE_INFINITY))
    slowest = Math.max(slowest, trafficCycles)
    firstFills += Math.ceil(fill[l] ?? 0)
    let held = 0
    for (let o = 0; o < 3; o++) if (holds[l * 3 + o] === 1) held += tile[l * 3 + o] ?? 0
    const occupancyBytes = held * bytes * (info.doubleBuffered[l] === 1 ? 2 : 1)
    const energyPj = (r0 + r1 + r2) * (info.readEnergy[l] ?? 0) + (w0 + w1 + w2) * (info.writeEnergy[l] ?? 0)
    levelsPj += energyPj
    costs.push({
      name: level.name,
      instances,
      reads: { weights: r0, inputs: r1, outputs: r2 },
      writes: { weights: w0, inputs: w1, outputs: w2 },
      occupancyBytes,
      occupancy: occupancyBytes / (info.capacity[l] ?? Number.POSITIVE_INFINITY),
      trafficCycles,
      bandwidthBytesPerCycle: trafficBytes / computeCycles,
      energyPj,
    })
  }
  if (!(largest <= Number.MAX_SAFE_INTEGER)) {
    const message = `layer "${nest.layer}": ${largest} accesses or MACs is beyond exact arithmetic (2^53)`
    return { feasible: false, reason: "size", message, issues: [{ reason: "size", message }] }
  }
  const cycles = slowest + firstFills
  const macPj = macs * accelerator.macEnergyPj
  const networkPj = network * (accelerator.array.networkEnergyPj ?? 0)
  return {
    feasible: true,
    layer: nest.layer,
    macs,
    usedPes,
    computeCycles,
    cycles,
    stallCycles: cycles - computeCycles,
    utilization: macs / (cycles * accelerator.array.x * accelerator.array.y * accelerator.array.macsPerPe),
    levels: costs,
    networkTransfers: network,
    energy: { macPj, levelsPj, networkPj, totalPj: macPj + levelsPj + networkPj },
  }
}
