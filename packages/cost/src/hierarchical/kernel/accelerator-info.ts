import { type HierarchicalAccelerator, type HierarchyIssue, validateHierarchicalAccelerator } from "@cosearch/accelerator"
import { identityRing } from "./identity-ring.js"

// Internal to @cosearch/cost: what the model computes once per accelerator (cached by object
// identity for the last few accelerators: descriptions are immutable data).

/** What the model reads from an accelerator, computed once per accelerator object. */
export interface AcceleratorInfo {
  readonly issues: readonly HierarchyIssue[]
  /** Scalars of the description, read once so that hot loops see one object shape whatever
   * shape the description objects have: storage levels, bytes per element, the array's X and Y,
   * MAC units per PE, energies of a MAC and of a fan-out transfer (pJ). */
  readonly levels: number
  readonly bytes: number
  readonly arrayX: number
  readonly arrayY: number
  readonly macsPerPe: number
  readonly macEnergyPj: number
  readonly networkEnergyPj: number
  /** `holds[l * 3 + o]` is 1 when level `l` keeps operand `o` (weights, inputs, outputs). */
  readonly holds: Uint8Array
  readonly lastShared: number
  /** Whether the PEs have vector lanes (`array.lanes`): a second fan-out, below `lastPe`. */
  readonly lanes: boolean
  /** Lanes per PE along X and Y (1 without lanes). */
  readonly lanesX: number
  readonly lanesY: number
  /** The last per-PE level (the last shared one when there is none): the lanes' fan-out is below it. */
  readonly lastPe: number
  /** Per level, read from the descriptions once (level objects differ in shape, so reading
   * their fields in the hot loop would be slow): bandwidth (Infinity when unbounded), capacity
   * (Infinity when unbounded), 1 when double-buffered, read and write energies. */
  readonly bandwidth: Float64Array
  readonly capacity: Float64Array
  /** Elements of all its held tiles together that a level's capacity allows (halved when
   * double-buffered; Infinity when unbounded). */
  readonly tileElements: Float64Array
  readonly doubleBuffered: Uint8Array
  readonly readEnergy: Float64Array
  readonly writeEnergy: Float64Array
  /** 1 when the level's bandwidth is charged `tiles-per-step` (MAESTRO's off-chip model). */
  readonly tilesPerStep: Uint8Array
  /** 1 when the level's energy is charged with MAESTRO's L2 accounting (`energyModel: "maestro"`). */
  readonly maestroEnergy: Uint8Array
  /** Whether any level's energy is charged `maestro` (then the kernel counts `stepWrites`). */
  readonly anyMaestroEnergy: boolean
  /** Whether any level is charged `tiles-per-step` (then `fillTiles` counts `windows`). */
  readonly anyTilesPerStep: boolean
}

/** The infos of the last 16 accelerators (`identity-ring.ts` says why not a WeakMap). */
const infoCache = identityRing<HierarchicalAccelerator, AcceleratorInfo>(16)

/** The cached validation and operand table of an accelerator. */
export const acceleratorInfo = (accelerator: HierarchicalAccelerator): AcceleratorInfo => {
  const cached = infoCache.get(accelerator)
  if (cached !== undefined) return cached
  const issues = validateHierarchicalAccelerator(accelerator)
  const levels = Array.isArray(accelerator.levels) ? accelerator.levels : []
  const holds = new Uint8Array(levels.length * 3)
  const bandwidth = new Float64Array(levels.length)
  const capacity = new Float64Array(levels.length)
  const tileElements = new Float64Array(levels.length)
  const doubleBuffered = new Uint8Array(levels.length)
  const readEnergy = new Float64Array(levels.length)
  const writeEnergy = new Float64Array(levels.length)
  const tilesPerStep = new Uint8Array(levels.length)
  const maestroEnergy = new Uint8Array(levels.length)
  let lastShared = -1
  let lastPe = -1
  let anyTilesPerStep = false
  let anyMaestroEnergy = false
  const bytes = Number(accelerator?.bytesPerElement)
  for (let l = 0; l < levels.length; l++) {
    const level = levels[l]
    if (level?.scope === "shared") lastShared = l
    else if (level?.scope === "pe") lastPe = l
    const bounded = level?.capacityBytes ?? Number.POSITIVE_INFINITY
    const copies = level?.doubleBuffered === true ? 2 : 1
    bandwidth[l] = level?.bandwidthBytesPerCycle ?? Number.POSITIVE_INFINITY
    capacity[l] = bounded
    doubleBuffered[l] = copies === 2 ? 1 : 0
    readEnergy[l] = level?.readEnergyPj ?? 0
    writeEnergy[l] = level?.writeEnergyPj ?? 0
    if (level?.trafficModel === "tiles-per-step") {
      tilesPerStep[l] = 1
      anyTilesPerStep = true
    }
    if (level?.energyModel === "maestro") {
      maestroEnergy[l] = 1
      anyMaestroEnergy = true
    }
    tileElements[l] = bounded / bytes / copies
    const kept: readonly unknown[] = Array.isArray(level?.holds) ? level.holds : []
    for (const operand of kept) {
      if (operand === "weights") holds[l * 3] = 1
      else if (operand === "inputs") holds[l * 3 + 1] = 1
      else if (operand === "outputs") holds[l * 3 + 2] = 1
    }
  }
  const array: Partial<HierarchicalAccelerator["array"]> = typeof accelerator?.array === "object" ? accelerator.array : {}
  const lanes: Partial<NonNullable<HierarchicalAccelerator["array"]["lanes"]>> | undefined =
    typeof array.lanes === "object" && array.lanes !== null ? array.lanes : undefined
  const info: AcceleratorInfo = {
    issues,
    levels: levels.length,
    bytes,
    arrayX: Number(array.x),
    arrayY: Number(array.y),
    macsPerPe: Number(array.macsPerPe),
    macEnergyPj: Number(accelerator?.macEnergyPj),
    networkEnergyPj: Number(array.networkEnergyPj ?? 0),
    holds,
    lastShared,
    lanes: lanes !== undefined,
    lanesX: lanes === undefined ? 1 : Number(lanes.x),
    lanesY: lanes === undefined ? 1 : Number(lanes.y),
    lastPe: Math.max(lastPe, lastShared),
    bandwidth,
    capacity,
    tileElements,
    doubleBuffered,
    readEnergy,
    writeEnergy,
    tilesPerStep,
    anyTilesPerStep,
    maestroEnergy,
    anyMaestroEnergy,
  }
  if (typeof accelerator === "object" && accelerator !== null) infoCache.set(accelerator, info)
  return info
}
