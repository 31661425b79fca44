import { type HierarchicalAccelerator, laneCount, macPrecision, peCount } from "./accelerator.js"
import { macAreaUm2At45nm, sramAreaUm2PerByteAt45nm } from "./constants.js"

/**
 * The area of an accelerator by component, mm², at 45 nm: MAC units and on-chip storage.
 *
 * @example
 * const { macsMm2, storageMm2, totalMm2 } = acceleratorArea(eyerissV1Like)
 */
export interface AcceleratorArea {
  /** `PEs · lanes · macsPerPe · MAC area` (Horowitz, ISSCC 2014, 45 nm; lanes 1 without lanes). */
  readonly macsMm2: number
  /**
   * Per level: `capacity · instances · SRAM area per byte` (instances: 1 shared, PEs per-PE, PEs ·
   * lanes per-lane); 0 for off-chip or unbounded levels.
   */
  readonly levelsMm2: readonly number[]
  readonly storageMm2: number
  /** `macsMm2 + storageMm2`, or the description's `area.totalMm2` when given. */
  readonly totalMm2: number
}

/**
 * The area model at 45 nm, by component: each PE's MAC units (the MAC area of the accelerator's
 * precision) and each on-chip level's capacity (SRAM area per byte, times the PEs for per-PE
 * levels, times the PEs and their lanes for per-lane levels). Off-chip levels (`offChip`) and unbounded ones (no `capacityBytes`) take no area.
 * Wires, control and the array network are not modeled. Constants and sources: `constants.ts`.
 *
 * @example
 * acceleratorArea(eyerissV1Like).levelsMm2 // [0, 1.075, 0.039, 0.732, 0.078] (rounded)
 */
export const acceleratorArea = (accelerator: HierarchicalAccelerator): AcceleratorArea => {
  const pes = peCount(accelerator)
  const lanes = laneCount(accelerator)
  const macsMm2 = (pes * lanes * accelerator.array.macsPerPe * macAreaUm2At45nm[macPrecision(accelerator)]) / 1e6
  const levelsMm2 = accelerator.levels.map((level) =>
    level.offChip === true || level.capacityBytes === undefined
      ? 0
      : (level.capacityBytes * (level.scope === "pe" ? pes : level.scope === "lane" ? pes * lanes : 1) * sramAreaUm2PerByteAt45nm) / 1e6,
  )
  const storageMm2 = levelsMm2.reduce((sum, area) => sum + area, 0)
  return { macsMm2, levelsMm2, storageMm2, totalMm2: accelerator.area?.totalMm2 ?? macsMm2 + storageMm2 }
}

/**
 * The total area of an accelerator, mm², at 45 nm (`acceleratorArea(a).totalMm2`).
 *
 * @example
 * acceleratorAreaMm2(maestro256Pe) // MACs + 3000 B of L2 + 256 x 100 B of L1
 */
export const acceleratorAreaMm2 = (accelerator: HierarchicalAccelerator): number => acceleratorArea(accelerator).totalMm2
