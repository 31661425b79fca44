import { edgeTpuArea } from "../edgetpu/area.js"
import { acceleratorAreaMm2 } from "../hierarchy/area.js"
import { imacArea } from "../imac/area.js"
import { systolicAreaMm2 } from "../systolic/area.js"
import type { HeterogeneousSystem, SystemUnit, SystemUnitKind } from "./system.js"

/** One unit's area in `systemArea`: `null` when its template has no area model. */
export interface UnitArea {
  readonly name: string
  readonly kind: SystemUnitKind
  readonly areaMm2: number | null
}

/** The area of a system's units, mm². */
export interface SystemArea {
  readonly units: readonly UnitArea[]
  /** The sum over the units that have an area model. */
  readonly totalMm2: number
  /** Names of the units left out of the total: their template has no area model (the CPU). */
  readonly unmodelled: readonly string[]
}

/** Each kind's area model, mm² (45 nm for the digital templates); `null`: none. */
const unitAreaModels: { readonly [Kind in SystemUnitKind]: (unit: Extract<SystemUnit, { kind: Kind }>) => number | null } = {
  edgetpu: (unit) => edgeTpuArea(unit.accelerator).totalMm2,
  hierarchical: (unit) => acceleratorAreaMm2(unit.accelerator),
  systolic: (unit) => systolicAreaMm2(unit.accelerator),
  imac: (unit) => imacArea(unit.accelerator).totalMm2,
  cpu: () => null,
}

/**
 * The area of a (valid) system: each unit by its template's area model — `edgeTpuArea`,
 * `acceleratorAreaMm2` (hierarchical), `systolicAreaMm2`, `imacArea` — summed. A CPU has no area
 * model (it is the host processor, not part of an accelerator's silicon budget): it is listed in
 * `unmodelled` and left out of the total. Links and the memory stack are not counted.
 *
 * @example
 * systemArea(system).totalMm2 // edgeTpuArea(tpu).totalMm2 + imacArea(imac).totalMm2
 */
export const systemArea = (system: HeterogeneousSystem): SystemArea => {
  const units = system.units.map((unit) => ({
    name: unit.name,
    kind: unit.kind,
    areaMm2: (unitAreaModels[unit.kind] as (unit: SystemUnit) => number | null)(unit),
  }))
  let totalMm2 = 0
  const unmodelled: string[] = []
  for (const unit of units)
    if (unit.areaMm2 === null) unmodelled.push(unit.name)
    else totalMm2 += unit.areaMm2
  return { units, totalMm2, unmodelled }
}
