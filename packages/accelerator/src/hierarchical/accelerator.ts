/**
 * The three operands of a loop nest (docs/network.md): weights `W[g·K + k][c][r][s]`, inputs
 * `I[n][g·C + c][h][w]` and outputs `O[n][g·K + k][p][q]`.
 *
 * @example
 * const kept: Operand[] = ["inputs", "outputs"] // a global buffer that weights bypass
 */
export type Operand = "weights" | "inputs" | "outputs"

/**
 * The operands in their canonical order (the index order of per-operand arrays).
 *
 * @example
 * operands.indexOf("outputs") // 2
 */
export const operands: readonly Operand[] = ["weights", "inputs", "outputs"]

/**
 * Whether a value is one of the three operands.
 *
 * @example
 * isOperand("inputs") // true
 * isOperand("psums") // false
 */
export const isOperand = (value: unknown): value is Operand => value === "weights" || value === "inputs" || value === "outputs"

/**
 * Numeric precisions of the MAC units: int8, bf16 and fp32 (1, 2 and 4 bytes).
 *
 * @example
 * const precision: MacPrecision = "int8"
 */
export type MacPrecision = "int8" | "bf16" | "fp32"

/**
 * Where a storage level sits: `shared` (one instance, before the spatial fan-out over the PEs),
 * `pe` (one instance per PE, after it) or `lane` (one instance per vector lane of each PE, after
 * the second fan-out, inside the PE: needs `PeArray.lanes`).
 *
 * @example
 * const scope: LevelScope = "pe"
 */
export type LevelScope = "shared" | "pe" | "lane"

/**
 * One level of the storage hierarchy: a buffer (or DRAM) that keeps a tile of some operands and
 * passes sub-tiles to the level below. Plain data; energies are per element access.
 *
 * @example
 * const glb: StorageLevel = {
 *   name: "GLB", scope: "shared", capacityBytes: 110592, bandwidthBytesPerCycle: 16,
 *   readEnergyPj: 9, writeEnergyPj: 9, holds: ["inputs", "outputs"], doubleBuffered: true,
 * }
 */
export interface StorageLevel {
  readonly name: string
  /** Bytes per instance; absent means unbounded (DRAM). */
  readonly capacityBytes?: number
  readonly scope: LevelScope
  /** Bytes per cycle per instance, reads and writes together; absent means unbounded. */
  readonly bandwidthBytesPerCycle?: number
  /** Energy of reading one element, pJ. */
  readonly readEnergyPj: number
  /** Energy of writing one element, pJ. */
  readonly writeEnergyPj: number
  /** The operands this level keeps; the others bypass it. */
  readonly holds: readonly Operand[]
  /** Whether the next tile is filled while the current one is used (needs twice the tile bytes). */
  readonly doubleBuffered?: boolean
  /** Off-chip (DRAM): not counted in the chip area. */
  readonly offChip?: boolean
  /**
   * How the level's bandwidth is charged (docs/cost-model.md, "Cycles and utilization"):
   * `accesses` (the default) — the reads and writes it serves, sharing the bandwidth;
   * `tiles-per-step` — MAESTRO's off-chip model: at every iteration of the loops above the
   * levels it feeds, their whole tiles of weights and inputs come in and their output tiles go
   * out, whatever the reuse, each direction at the full bandwidth. Only the level's cycles
   * change: its access counts and energy are the same.
   */
  readonly trafficModel?: TrafficModel
  /**
   * How the level's access energy is charged (docs/cost-model.md, "MAESTRO's energy accounting"):
   * `accesses` (the default) — every read and write at its per-access energy; `maestro` — the
   * accounting of MAESTRO's L2: the reads of weights and inputs that fill the levels below, and
   * one write per element of the level's output tile at every iteration of the loops above it
   * (no output stays there across those iterations), while its fills from the level above and
   * the partial sums it reads back or drains upwards are not charged. For comparing with
   * MAESTRO's energies; the access counts and the cycles are the same.
   */
  readonly energyModel?: EnergyModel
  /**
   * Elements one access moves (the buffer's word width over the element width; Timeloop's block
   * size, `width / datawidth`); absent means 1. The Timeloop accounting charges whole vectors
   * (`ceil(accesses / vectorElements)` per action); the physical accounting charges per element.
   */
  readonly vectorElements?: number
  /**
   * Energy of updating one element (a partial sum written back from below), pJ; absent means
   * `writeEnergyPj`. Accelergy prices `update` apart from `write`; the Timeloop accounting charges
   * it, the physical accounting charges updates as writes.
   */
  readonly updateEnergyPj?: number
}

/**
 * How a storage level's bandwidth is charged (`StorageLevel.trafficModel`).
 *
 * @example
 * const model: TrafficModel = "tiles-per-step" // MAESTRO's off-chip model
 */
export type TrafficModel = "accesses" | "tiles-per-step"

/**
 * How a storage level's access energy is charged (`StorageLevel.energyModel`).
 *
 * @example
 * const model: EnergyModel = "maestro" // MAESTRO's L2 accounting
 */
export type EnergyModel = "accesses" | "maestro"

/**
 * How a fixed mapping's accesses are counted (`HierarchicalAccelerator.accounting`, docs/cost-model.md):
 * `physical` (the default) — what the hardware does, with the reuse rules of "Reuse analysis";
 * `timeloop` — as Timeloop counts them ("Timeloop's accounting and ours"): a read-modify-write at
 * the innermost output level on every MAC, whole vectors charged, Timeloop's temporal deltas, no
 * overlap shared across PEs, drains not charged, and Accelergy's per-action energies.
 *
 * @example
 * const accounting: Accounting = "timeloop"
 */
export type Accounting = "physical" | "timeloop"

/**
 * The PE array at the spatial fan-out: `x` by `y` PEs, each with `macsPerPe` MAC units; or, with
 * `lanes`, each PE with `lanes.x` by `lanes.y` vector lanes (a second fan-out, inside the PE), each
 * lane with `macsPerPe` MAC units.
 *
 * @example
 * const array: PeArray = { x: 14, y: 12, macsPerPe: 1 }
 * const simba: PeArray = { x: 4, y: 4, macsPerPe: 8, lanes: { x: 8, y: 1 } } // 8 lanes of 8-wide vector MACs per PE
 */
export interface PeArray {
  readonly x: number
  readonly y: number
  /** MAC units of each innermost instance: of each PE, or of each lane when `lanes` is given. */
  readonly macsPerPe: number
  /**
   * Vector lanes per PE (`x` by `y`), behind a second spatial fan-out between the last `pe` level
   * and the first `lane` level (or the MACs); absent: no lanes (one fan-out, over the PEs).
   */
  readonly lanes?: { readonly x: number; readonly y: number }
  /** Energy of moving one element across the fan-out (the array network), pJ; absent means 0. */
  readonly networkEnergyPj?: number
}

/**
 * A general accelerator after Timeloop's architecture model: a chain of storage levels from the
 * outermost (DRAM) inwards, shared levels first, then per-PE levels, then per-lane levels; the
 * spatial fan-out over the PE array lies between the last shared and the first per-PE level, and
 * (with `array.lanes`) a second one over each PE's lanes between the last per-PE level and the
 * first per-lane level. Plain, JSON-serializable
 * data; `validateHierarchicalAccelerator` checks it. The mapping (how loops are tiled and placed)
 * is kept apart, in `@cosearch/cost`.
 *
 * @example
 * const accelerator: HierarchicalAccelerator = {
 *   kind: "hierarchical", name: "tiny", bytesPerElement: 1, macEnergyPj: 0.3,
 *   array: { x: 2, y: 2, macsPerPe: 1 },
 *   levels: [
 *     { name: "DRAM", scope: "shared", readEnergyPj: 100, writeEnergyPj: 100, holds: ["weights", "inputs", "outputs"] },
 *     { name: "RF", scope: "pe", capacityBytes: 64, readEnergyPj: 0.3, writeEnergyPj: 0.3, holds: ["weights", "inputs", "outputs"] },
 *   ],
 * }
 */
export interface HierarchicalAccelerator {
  readonly kind: "hierarchical"
  readonly name: string
  /** Clock, MHz, to turn cycles into time; absent when the source gives none. */
  readonly clockMhz?: number
  /** Bytes per element of every operand (what capacities and bandwidths are divided by). */
  readonly bytesPerElement: number
  /** The MAC's arithmetic for the area model; absent means int8, bf16 or fp32 by `bytesPerElement` (1, 2, 4). */
  readonly precision?: MacPrecision
  /** Outermost (DRAM) first. */
  readonly levels: readonly StorageLevel[]
  readonly array: PeArray
  /** Energy of one multiply-accumulate, pJ. */
  readonly macEnergyPj: number
  /**
   * Static (leakage) power while a layer runs, watts (`leakageWatts`, docs/energy.md): each
   * layer's energy gains `staticPowerW x its seconds at clockMhz`. Absent means 0, as in the
   * Timeloop and MAESTRO cross-checks.
   */
  readonly staticPowerW?: number
  /** Area overrides, mm²: when given, used instead of the model's estimate. */
  readonly area?: { readonly totalMm2?: number }
  /**
   * How `evaluateMapping` counts a fixed mapping: `physical` (absent) or `timeloop` (as Timeloop
   * does, for cross-checking). The mapper and the network evaluation count physically.
   */
  readonly accounting?: Accounting
}

/**
 * PEs of the array: `x · y`.
 *
 * @example
 * peCount(eyerissV1Like) // 168
 */
export const peCount = (accelerator: HierarchicalAccelerator): number => accelerator.array.x * accelerator.array.y

/**
 * Vector lanes per PE: `lanes.x · lanes.y`, 1 without lanes.
 *
 * @example
 * laneCount(simbaLike) // 8
 */
export const laneCount = (accelerator: HierarchicalAccelerator): number =>
  accelerator.array.lanes === undefined ? 1 : accelerator.array.lanes.x * accelerator.array.lanes.y

/**
 * All MAC units of an accelerator: PEs · lanes per PE · `macsPerPe`.
 *
 * @example
 * macCount(eyerissV1Like) // 168
 */
export const macCount = (accelerator: HierarchicalAccelerator): number =>
  peCount(accelerator) * laneCount(accelerator) * accelerator.array.macsPerPe

/**
 * The MAC precision of an accelerator: `precision` when given, else int8, bf16 or fp32 for 1, 2
 * or 4 bytes per element (other widths: fp32).
 *
 * @example
 * macPrecision({ ...maestro256Pe, bytesPerElement: 2 }) // "int8" (precision given)
 */
export const macPrecision = (accelerator: HierarchicalAccelerator): MacPrecision =>
  accelerator.precision ?? precisionOfBytes(accelerator.bytesPerElement)

/**
 * The MAC precision of an element width: int8, bf16 or fp32 for 1, 2 or 4 bytes (other widths: fp32).
 *
 * @example
 * precisionOfBytes(2) // "bf16"
 */
export const precisionOfBytes = (bytesPerElement: number): MacPrecision =>
  bytesPerElement === 1 ? "int8" : bytesPerElement === 2 ? "bf16" : "fp32"

/**
 * Index of the last shared level (the spatial fan-out is just below it), or -1 when there is none.
 *
 * @example
 * lastSharedLevel(eyerissV1Like) // 1: DRAM and the global buffer are shared
 */
export const lastSharedLevel = (accelerator: HierarchicalAccelerator): number => {
  let last = -1
  for (let i = 0; i < accelerator.levels.length; i++) if (accelerator.levels[i]?.scope === "shared") last = i
  return last
}

/**
 * Index of the last per-PE level (the second fan-out, over the lanes, is just below it), or the
 * last shared level when there is no per-PE level.
 *
 * @example
 * lastPeLevel(simbaLike) // 4: the PE's input, weight and accumulation buffers end at levels[4]
 */
export const lastPeLevel = (accelerator: HierarchicalAccelerator): number => {
  let last = lastSharedLevel(accelerator)
  for (let i = 0; i < accelerator.levels.length; i++) if (accelerator.levels[i]?.scope === "pe") last = i
  return last
}
