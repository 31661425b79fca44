import { type AcceleratorTemplate, type AcceleratorUnit, templateOf } from "../template/template.js"
import type { HeterogeneousSystem } from "./system.js"

/** One unit's area in `systemArea`: `null` when its kind has no area model. */
export interface UnitArea {
  readonly name: string
  readonly kind: string
  readonly areaMm2: number | null
}

/** The area of a system's units, mm². */
export interface SystemArea {
  readonly units: readonly UnitArea[]
  /** The sum over the units that have an area model. */
  readonly totalMm2: number
  /** Names of the units left out of the total: their kind has no area model (the CPU). */
  readonly unmodeled: readonly string[]
}

/**
 * The area of a (valid) system: each unit by its kind's area model among `templates` (Edge TPU
 * `edgeTpuArea`, hierarchical `acceleratorAreaMm2`, systolic `systolicAreaMm2`, IMAC `imacArea`;
 * in `@cosearch/cost`: `acceleratorKinds.systemArea`), summed. A CPU has no area model (it is the
 * host processor, not part of an accelerator's silicon budget), nor has a unit of a kind not in
 * `templates`: they are listed in `unmodeled` and left out of the total. Links and the memory
 * stack are not counted.
 *
 * @example
 * systemArea(system, templates).totalMm2 // edgeTpuArea(tpu).totalMm2 + imacArea(imac).totalMm2
 */
export const systemArea = (system: HeterogeneousSystem<AcceleratorUnit>, templates: readonly AcceleratorTemplate[]): SystemArea => {
  const units = system.units.map((unit) => ({
    name: unit.name,
    kind: unit.kind,
    areaMm2: templateOf(templates, unit.kind)?.area(unit.accelerator) ?? null,
  }))
  let totalMm2 = 0
  const unmodeled: string[] = []
  for (const unit of units)
    if (unit.areaMm2 === null) unmodeled.push(unit.name)
    else totalMm2 += unit.areaMm2
  return { units, totalMm2, unmodeled }
}
