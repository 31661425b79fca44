import type { HierarchicalAccelerator, Operand } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import type { LevelCost, MappingCost, MappingInfeasible, OperandCounts } from "../kernel/result.js"
import { dimensionIndex, dimensions, type Mapping, relevance } from "../mapping/mapping.js"
import { validateMapping } from "../mapping/validate.js"

/**
 * One storage level under the Timeloop accounting: the `LevelCost` totals, and per instance
 * the counts Timeloop's statistics print for each data space ("Scalar reads / fills / updates
 * (per-instance)"), with the energy of each operand over all instances.
 *
 * @example
 * const glb = cost.levels[1]
 * console.log(glb.scalarReads.inputs, glb.scalarFills.inputs, glb.operandEnergyPj.inputs)
 */
export interface TimeloopLevelCost extends LevelCost {
  /** Reads per instance: what the level below (or the MACs) fetch, and, for outputs, the partial sums read back. */
  readonly scalarReads: OperandCounts
  /** Fills per instance: what comes from the level above (for outputs, partial sums read back into it). */
  readonly scalarFills: OperandCounts
  /** Updates per instance: partial sums written from below (outputs only). */
  readonly scalarUpdates: OperandCounts
  /** Energy of each operand's accesses over all instances, pJ. */
  readonly operandEnergyPj: OperandCounts
}

/**
 * The cost of a fixed mapping counted as Timeloop counts it (`timeloopAccounting`): the
 * `MappingCost` shape, with per-instance scalar reads, fills and updates per level and operand.
 *
 * @example
 * const cost = timeloopAccounting(nest, accelerator, mapping)
 * if (cost.feasible) console.log(cost.accounting, cost.cycles, cost.energy.totalPj)
 */
export interface TimeloopCost extends MappingCost {
  readonly accounting: "timeloop"
  readonly levels: readonly TimeloopLevelCost[]
}

/**
 * The result of `timeloopAccounting`: the cost, or why the triple cannot be evaluated.
 *
 * @example
 * const result: TimeloopResult = timeloopAccounting(nest, accelerator, mapping)
 */
export type TimeloopResult = TimeloopCost | MappingInfeasible

/** One loop of the flattened nest, outermost first: its level (or the fan-out), dimension, factor and stride. */
interface Loop {
  readonly spatial: boolean
  readonly dimension: number
  readonly factor: number
  /** Product of the factors of the same dimension in the loops inside this one. */
  stride: number
}

const operandList: readonly Operand[] = ["weights", "inputs", "outputs"]
const operandIndex = (operand: Operand): number => (operand === "weights" ? 0 : operand === "inputs" ? 1 : 2)

/**
 * The data-space box of an operand for a tile with the given extents per dimension (canonical
 * order), and a move of the tile by `shift` (per dimension): the box's extents and the move along
 * its axes. Inputs' rows are `p·strideH + r·dilationH`, columns `q·strideW + s·dilationW`.
 */
const project = (operand: Operand, nest: LoopNest, v: readonly number[], extents: boolean): number[] => {
  const [n = 0, g = 0, k = 0, c = 0, p = 0, q = 0, r = 0, s = 0] = v
  if (operand === "weights") return [g, k, c, r, s]
  if (operand === "outputs") return [n, g, k, p, q]
  if (extents)
    return [n, g, c, (p - 1) * nest.strideH + (r - 1) * nest.dilationH + 1, (q - 1) * nest.strideW + (s - 1) * nest.dilationW + 1]
  return [n, g, c, p * nest.strideH + r * nest.dilationH, q * nest.strideW + s * nest.dilationW]
}

const product = (values: readonly number[]): number => values.reduce((a, b) => a * b, 1)

/**
 * Timeloop's fills of a tile walked by the loops above it (its nest analysis with temporal
 * extrapolation, as in the Timeloop that produced the shipped runs): each loop runs its first
 * iteration, then its second standing for all the others (weight `factor - 1`); at each step the
 * tile fetches what is new against the tile it held at the previous step (the set difference of
 * two boxes), but only while the tile keeps moving by the same translation: when the translation
 * changes (a loop steps and the loops inside it reset), the old tile is dropped and the whole new
 * tile fetched. A zero translation (loops the operand does not depend on) fetches nothing.
 */
const timeloopFills = (operand: Operand, nest: LoopNest, above: readonly Loop[], extents: readonly number[]): number => {
  const box = project(operand, nest, extents, true)
  const size = product(box)
  const m = above.length
  // Translation into the first step after loop i advances (the loops inside it return from their second iteration).
  const moves: number[][] = []
  for (let i = 0; i < m; i++) {
    const shift = [0, 0, 0, 0, 0, 0, 0, 0]
    const loop = above[i] as Loop
    shift[loop.dimension] = (shift[loop.dimension] ?? 0) + loop.stride
    for (let j = i + 1; j < m; j++) {
      const inner = above[j] as Loop
      shift[inner.dimension] = (shift[inner.dimension] ?? 0) - inner.stride
    }
    moves.push(project(operand, nest, shift, false))
  }
  const keys = moves.map((move) => move.join(","))
  const overlap = (move: readonly number[]): number => product(box.map((extent, axis) => Math.max(0, extent - Math.abs(move[axis] ?? 0))))
  // State: the last translation kept (-1: none). Memo: (depth, entering move, state) → fills per unit weight and state after.
  const memo = new Map<string, { readonly fills: number; readonly state: string | undefined }>()
  const visit = (
    depth: number,
    entering: number,
    state: string | undefined,
  ): { readonly fills: number; readonly state: string | undefined } => {
    const key = `${depth}|${entering}|${state ?? "-"}`
    const cached = memo.get(key)
    if (cached !== undefined) return cached
    let result: { readonly fills: number; readonly state: string | undefined }
    if (depth === m) {
      if (entering < 0) result = { fills: size, state }
      else {
        const move = moves[entering] as number[]
        const moveKey = keys[entering] as string
        if (state === undefined || state === moveKey) result = { fills: size - overlap(move), state: moveKey }
        else result = { fills: size, state: undefined }
      }
    } else {
      const first = visit(depth + 1, entering, state)
      const factor = (above[depth] as Loop).factor
      const rest = visit(depth + 1, depth, first.state)
      result = { fills: first.fills + (factor - 1) * rest.fills, state: rest.state }
    }
    memo.set(key, result)
    return result
  }
  return visit(0, -1, undefined).fills
}

const counts = (values: readonly number[]): OperandCounts => ({ weights: values[0] ?? 0, inputs: values[1] ?? 0, outputs: values[2] ?? 0 })

/**
 * The cost of a conv or matmul nest on a hierarchical accelerator under a fixed mapping, counted
 * as Timeloop counts it (docs/cost-model.md, "Timeloop's accounting and ours"), to compare with
 * Timeloop and Accelergy:
 *
 * - fills follow Timeloop's nest analysis: per loop its first and second iterations (the second
 *   standing for the rest), a refill fetching the set difference against the previous tile while
 *   the tile moves by a constant translation, and the whole tile when the translation changes;
 * - the MACs keep nothing: every MAC reads its weight and input at the innermost level holding
 *   them and reads and updates its partial sum at the innermost output level (a
 *   read-modify-write on every MAC; the first update of each output reads nothing);
 * - outputs: a level's updates are what its child drains into it, its reads the updates less its
 *   share of the outputs (the first update of each element reads nothing), its fills the
 *   partial sums it gets back; a drain is not charged to the level drained;
 * - across the fan-out PEs share a transfer only when they need the same data (spatial
 *   dimensions the operand does not depend on): no overlap shared between PEs' windows, no
 *   diagonal multicast;
 * - energy per level and operand: `ceil(accesses / vectorElements)` whole vectors per action at
 *   the action's energy (read, write for fills, update), over the instances, plus the MACs;
 * - cycles: the compute cycles, or a level's accesses over its bandwidth when that is longer.
 *
 * Never throws; an invalid triple gives `{ feasible: false, reason, message, issues }` as
 * `evaluateMapping` does.
 *
 * @example
 * const cost = timeloopAccounting(spec.nest, spec.accelerator, spec.mapping)
 * if (cost.feasible) console.log(cost.levels[1]?.scalarFills.inputs, cost.energy.totalPj)
 */
export const timeloopAccounting = (nest: LoopNest, accelerator: HierarchicalAccelerator, mapping: Mapping): TimeloopResult => {
  const issues = validateMapping(nest, accelerator, mapping)
  const first = issues[0]
  if (first !== undefined) return { feasible: false, reason: first.reason, message: first.message, issues }
  const levels = accelerator.levels
  const count = levels.length
  let lastShared = -1
  levels.forEach((level, l) => {
    if (level.scope === "shared") lastShared = l
  })
  const spatial = dimensions.map((name) => (mapping.spatial.x[name] ?? 1) * (mapping.spatial.y[name] ?? 1))
  // The flattened nest, outermost first; `start[l]` is where level l's loops begin (start[count]: the MACs).
  const loops: Loop[] = []
  const start: number[] = []
  const addSpatial = (): void => {
    spatial.forEach((factor, dimension) => {
      if (factor > 1) loops.push({ spatial: true, dimension, factor, stride: 1 })
    })
  }
  for (let l = 0; l < count; l++) {
    start.push(loops.length)
    const levelMapping = mapping.levels[l]
    for (const name of levelMapping?.order ?? []) {
      const factor = levelMapping?.factors[name] ?? 1
      if (factor > 1) loops.push({ spatial: false, dimension: dimensionIndex(name), factor, stride: 1 })
    }
    if (l === lastShared) addSpatial()
  }
  start.push(loops.length)
  const running = [1, 1, 1, 1, 1, 1, 1, 1]
  for (let i = loops.length - 1; i >= 0; i--) {
    const loop = loops[i] as Loop
    loop.stride = running[loop.dimension] ?? 1
    running[loop.dimension] = loop.stride * loop.factor
  }
  const usedPes = product(spatial)
  let temporal = 1
  for (const loop of loops) if (!loop.spatial) temporal *= loop.factor
  const macs = nest.N * nest.G * nest.K * nest.C * nest.P * nest.Q * nest.R * nest.S
  const perPe = (l: number): boolean => l > lastShared
  /** The tile extents of level l (l = count: the MACs, one point). */
  const extentsOf = (l: number): number[] => {
    const extents = [1, 1, 1, 1, 1, 1, 1, 1]
    for (let i = start[l] ?? loops.length; i < loops.length; i++) {
      const loop = loops[i] as Loop
      extents[loop.dimension] = (extents[loop.dimension] ?? 1) * loop.factor
    }
    return extents
  }
  /** Fills per instance of level l's tile of an operand (l = count: the MACs: every temporal iteration). */
  const fillsOf = (operand: Operand, l: number): number => {
    if (l === count) return temporal
    const above = loops.slice(0, start[l]).filter((loop) => !(loop.spatial && perPe(l)))
    return timeloopFills(operand, nest, above, extentsOf(l))
  }
  const relevantSpread = (operand: Operand): number => {
    let spread = 1
    for (let d = 0; d < 8; d++) if (relevance[operandIndex(operand) * 8 + d] === 1) spread *= spatial[d] ?? 1
    return spread
  }
  const reads = new Float64Array(count * 3)
  const fills = new Float64Array(count * 3)
  const updates = new Float64Array(count * 3)
  let network = 0
  const outputElements = nest.N * nest.G * nest.K * nest.P * nest.Q
  for (const operand of operandList) {
    const o = operandIndex(operand)
    const holders: number[] = []
    for (let l = 0; l < count; l++) if (levels[l]?.holds.includes(operand) === true) holders.push(l)
    holders.forEach((h, j) => {
      const child = holders[j + 1] ?? count
      const crossing = !perPe(h) && perPe(child)
      const content = fillsOf(operand, child) * (crossing ? relevantSpread(operand) : 1)
      const own = j === 0 ? 0 : fillsOf(operand, h)
      if (operand === "outputs") {
        const partition = perPe(h) ? outputElements / relevantSpread("outputs") : outputElements
        updates[h * 3 + o] = content
        reads[h * 3 + o] = content - partition
        fills[h * 3 + o] = j === 0 ? 0 : own - partition
        if (crossing) network += content + content - partition
      } else {
        reads[h * 3 + o] = content
        fills[h * 3 + o] = own
        if (crossing) network += content
      }
    })
  }
  const computeCycles = Math.ceil(temporal / accelerator.array.macsPerPe)
  const bytes = accelerator.bytesPerElement
  let cycles = computeCycles
  let largest = macs
  let levelsPj = 0
  const costs: TimeloopLevelCost[] = []
  levels.forEach((level, l) => {
    const instances = perPe(l) ? usedPes : 1
    const block = level.vectorElements ?? 1
    const vectors = (n: number): number => Math.ceil(n / block)
    const operandEnergy = operandList.map((_, o) => {
      const at = l * 3 + o
      const perInstance =
        vectors(reads[at] ?? 0) * level.readEnergyPj * block +
        vectors(fills[at] ?? 0) * level.writeEnergyPj * block +
        vectors(updates[at] ?? 0) * (level.updateEnergyPj ?? level.writeEnergyPj) * block
      return perInstance * instances
    })
    const energyPj = operandEnergy.reduce((a, b) => a + b, 0)
    levelsPj += energyPj
    let accesses = 0
    for (let o = 0; o < 3; o++) accesses += (reads[l * 3 + o] ?? 0) + (fills[l * 3 + o] ?? 0) + (updates[l * 3 + o] ?? 0)
    largest = Math.max(largest, accesses * instances)
    const bandwidth = level.bandwidthBytesPerCycle ?? Number.POSITIVE_INFINITY
    const trafficCycles = bandwidth === Number.POSITIVE_INFINITY ? 0 : Math.ceil((accesses * bytes) / bandwidth)
    cycles = Math.max(cycles, trafficCycles)
    const extents = extentsOf(l)
    let held = 0
    for (const operand of operandList) if (level.holds.includes(operand)) held += product(project(operand, nest, extents, true))
    const occupancyBytes = held * bytes * (level.doubleBuffered === true ? 2 : 1)
    const total = (array: Float64Array, o: number): number => (array[l * 3 + o] ?? 0) * instances
    costs.push({
      name: level.name,
      instances,
      reads: counts([0, 1, 2].map((o) => total(reads, o))),
      writes: counts([0, 1, 2].map((o) => total(fills, o) + total(updates, o))),
      occupancyBytes,
      occupancy: occupancyBytes / (level.capacityBytes ?? Number.POSITIVE_INFINITY),
      trafficCycles,
      bandwidthBytesPerCycle: (accesses * bytes) / computeCycles,
      energyPj,
      scalarReads: counts([0, 1, 2].map((o) => reads[l * 3 + o] ?? 0)),
      scalarFills: counts([0, 1, 2].map((o) => fills[l * 3 + o] ?? 0)),
      scalarUpdates: counts([0, 1, 2].map((o) => updates[l * 3 + o] ?? 0)),
      operandEnergyPj: counts(operandEnergy),
    })
  })
  if (!(largest <= Number.MAX_SAFE_INTEGER)) {
    const message = `layer "${nest.layer}": ${largest} accesses or MACs is beyond exact arithmetic (2^53)`
    return { feasible: false, reason: "size", message, issues: [{ reason: "size", message }] }
  }
  const macPj = macs * accelerator.macEnergyPj
  const networkPj = network * (accelerator.array.networkEnergyPj ?? 0)
  return {
    feasible: true,
    accounting: "timeloop",
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
