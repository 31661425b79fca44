import { acceleratorAreaMm2, edgeTpuArea, systolicAreaMm2 } from "@cosearch/accelerator"
import { sampleMany } from "@cosearch/space"
import type { ConfigIssue } from "../../config/config-issue.js"
import { decodedParts } from "../../spaces/named-space.js"
import type { EvaluatorKind } from "../evaluator.js"
import type { AcceleratorTarget } from "./accelerator-target.js"
import { acceleratorTemplates } from "./accelerator-templates.js"
import { knobsPart } from "./cost-evaluator.js"

/**
 * Settings of the `area` evaluator (none besides the kind).
 *
 * @example
 * const settings: AreaSettings = { kind: "area" }
 */
export interface AreaSettings {
  readonly kind: "area"
}

/**
 * An accelerator's silicon area by its template's area model: the same `areaMm2` as the `cost`
 * evaluator reports (Edge TPU template: `edgeTpuArea`; systolic array: `systolicAreaMm2`;
 * hierarchical: `acceleratorAreaMm2`).
 *
 * @example
 * targetAreaMm2({ kind: "edgetpu", name: "coral", accelerator: edgeTpuPresets.coral })
 */
export const targetAreaMm2 = (target: AcceleratorTarget): number =>
  target.kind === "edgetpu"
    ? edgeTpuArea(target.accelerator).totalMm2
    : target.kind === "systolic"
      ? systolicAreaMm2(target.array)
      : acceleratorAreaMm2(target.accelerator)

/**
 * The `area` evaluator: only the area (`areaMm2`) of the configuration's accelerator knobs,
 * through the same template and area model as the `cost` evaluator, without running any
 * network: a closed-form function of the knobs, microseconds per design. Meant as a cheap exact
 * constraint for surrogate screening (`optimizer.screen.exact`), or for area-only studies.
 *
 * @example
 * // { "kind": "area" } on the space "edgetpu-knobs": { areaMm2: 199.9 }
 */
export const areaEvaluator: EvaluatorKind<AreaSettings> = {
  check: (_settings, { space, entry }): ConfigIssue[] => {
    const [sample] = sampleMany(space, 1, "area-evaluator-check")
    const knobs = entry === undefined || sample === undefined ? undefined : knobsPart(decodedParts(entry.decode(sample)))
    if (knobs !== undefined && acceleratorTemplates[knobs.kind] !== undefined) return []
    return [
      {
        path: "kind",
        message: `the area evaluator needs accelerator knobs with a template (${Object.keys(acceleratorTemplates).join(", ")}); space "${space.name}" has none`,
      },
    ]
  },
  create:
    (_settings, { entry }) =>
    ({ configuration }) => {
      const knobs = entry === undefined ? undefined : knobsPart(decodedParts(entry.decode(configuration)))
      const template = knobs === undefined ? undefined : acceleratorTemplates[knobs.kind]
      if (knobs === undefined || template === undefined)
        throw new Error("the area evaluator found no accelerator knobs in the configuration")
      return { metrics: { areaMm2: targetAreaMm2(template(knobs)) } }
    },
}
