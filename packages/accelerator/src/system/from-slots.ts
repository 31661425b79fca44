import type { EdgeTpuAccelerator } from "../edgetpu/accelerator.js"
import type { EdgeTpuKnobs } from "../edgetpu/knobs.js"
import { edgeTpuFromKnobs } from "../edgetpu/presets.js"
import { edgeTpuTemplate } from "../edgetpu/template.js"
import type { PathCost } from "../energy/memory-interface.js"
import { eyerissRelativeEnergy, macEnergyPj45nm } from "../hierarchical/constants.js"
import { type ImacKnobs, imacFromKnobs } from "../imac/knobs.js"
import { imacTemplate } from "../imac/template.js"
import { type HeterogeneousSystem, lpddr4HostPath, type SystemLink, type SystemUnit } from "./system.js"
import { type SystemIssue, validateSystem } from "./validate.js"

/**
 * The slots of a Mensa-like system, each present when given: a compute-centric Edge TPU
 * (`compute`, on the chip, for the convolutions that reuse their weights), a near-data Edge TPU
 * (`nearData`, in the memory stack's logic layer, for layers that read about a byte of weights per
 * MAC: LSTM gates, fully connected, late pointwise) and an IMAC unit (`imac`, on the chip, for
 * fully connected layers).
 *
 * @example
 * const slots: SystemSlots = { compute: edgeTpuPresets["edgetpu-v2"].knobs, imac: { crossbarSize: 128, crossbarCount: 64 } }
 */
export interface SystemSlots {
  readonly compute?: EdgeTpuKnobs
  readonly nearData?: EdgeTpuKnobs
  readonly imac?: ImacKnobs
}

/** How `systemFromSlots` joins the slots; every field has a documented default. */
export interface SlotSystemOptions {
  /** Default `"slots"` followed by the present slots' names. */
  readonly name?: string
  /** DRAM to an on-chip unit; default `lpddr4HostPath`. */
  readonly hostPath?: PathCost
  /** DRAM to the near-data unit; default `stackedNearDataPath`. */
  readonly nearDataPath?: PathCost
  /** The direct link between the compute unit and the IMAC unit; default `onChipLink`. */
  readonly onChipLink?: PathCost
}

/**
 * The path between a memory stack and a unit in its logic layer: 102.4 GB/s (8 x LPDDR4's
 * 12.8 GB/s: the stack's internal bandwidth is a multiple of its external one), 20 pJ/byte (a
 * third of `lpddr4HostPath`'s 60: no off-chip drive), 50 ns. Our choices; Mensa places its
 * data-centric accelerators by the memory for this bandwidth and energy.
 *
 * @example
 * stackedNearDataPath.bandwidthBytesPerSecond // 102.4e9
 */
export const stackedNearDataPath: PathCost = { bandwidthBytesPerSecond: 102.4e9, energyPjPerByte: 20, latencySeconds: 50e-9 }

/**
 * A direct on-chip link between two units' buffers: 64 GB/s and 10 ns (our choices), and one
 * global-buffer access per byte: 6 x the 45 nm int8 MAC's 0.3 pJ = 1.8 pJ/byte (Eyeriss's ratio).
 *
 * @example
 * onChipLink.energyPjPerByte // 1.8
 */
export const onChipLink: PathCost = {
  bandwidthBytesPerSecond: 64e9,
  energyPjPerByte: macEnergyPj45nm.int8 * eyerissRelativeEnergy.buffer,
  latencySeconds: 10e-9,
}

/** The names the slots' units take in the system. */
export const slotUnitNames = { compute: "compute", nearData: "near-data", imac: "imac" } as const

/** A system built from slots, or why there is none. */
export type SlotSystemResult =
  | { readonly ok: true; readonly system: HeterogeneousSystem }
  | { readonly ok: false; readonly reason: string; readonly issues: readonly SystemIssue[] }

/** The kinds the slots' units are of. */
const slotTemplates = [edgeTpuTemplate, imacTemplate]

const edgeTpuUnit = (name: string, knobs: EdgeTpuKnobs): EdgeTpuAccelerator => edgeTpuFromKnobs(knobs, { name })

/**
 * Builds and validates a Mensa-like system from its present slots: Edge TPU units from their
 * knobs (`edgeTpuFromKnobs`: 800 MHz, int8, the Coral calibration), the near-data one marked
 * `nearData`, an IMAC unit from `imacFromKnobs`; a direct `onChipLink` between the compute and
 * IMAC units when both are present (everything else goes through DRAM); inputs start and outputs
 * return at the host. Never throws: no slot, or a system `validateSystem` rejects, comes back with
 * a reason naming the problem.
 *
 * @example
 * const built = systemFromSlots({ compute: knobs, imac: { crossbarSize: 128, crossbarCount: 64 } })
 * if (built.ok) built.system.units.map((unit) => unit.name) // ["compute", "imac"]
 */
export const systemFromSlots = (slots: SystemSlots, options: SlotSystemOptions = {}): SlotSystemResult => {
  const units: SystemUnit[] = []
  if (slots.compute !== undefined)
    units.push({ kind: "edgetpu", name: slotUnitNames.compute, accelerator: edgeTpuUnit(slotUnitNames.compute, slots.compute) })
  if (slots.nearData !== undefined)
    units.push({
      kind: "edgetpu",
      name: slotUnitNames.nearData,
      accelerator: edgeTpuUnit(slotUnitNames.nearData, slots.nearData),
      nearData: true,
    })
  if (slots.imac !== undefined) units.push({ kind: "imac", name: slotUnitNames.imac, accelerator: imacFromKnobs(slots.imac) })
  if (units.length === 0) return { ok: false, reason: "no slot is present: a system needs at least one unit", issues: [] }
  const links: SystemLink[] =
    slots.compute !== undefined && slots.imac !== undefined
      ? [{ from: slotUnitNames.compute, to: slotUnitNames.imac, ...(options.onChipLink ?? onChipLink) }]
      : []
  const system: HeterogeneousSystem = {
    name: options.name ?? ["slots", ...units.map((unit) => unit.name)].join("-"),
    units,
    links,
    hostPath: options.hostPath ?? lpddr4HostPath,
    nearDataPath: options.nearDataPath ?? stackedNearDataPath,
  }
  const issues = validateSystem(system, slotTemplates)
  return issues.length === 0
    ? { ok: true, system }
    : { ok: false, reason: `invalid system: ${issues.map((issue) => issue.message).join("; ")}`, issues }
}
