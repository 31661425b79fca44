import { acceleratorKinds, type KindRegistry } from "@cosearch/cost"
import { sampleMany } from "@cosearch/space"
import type { ConfigIssue } from "../../issues/config-issue.js"
import { decodedParts } from "../../spaces/named-space.js"
import { acceleratorPart } from "../cost/cost-evaluator.js"
import type { EvaluatorEntry, EvaluatorKind } from "../evaluator.js"
import { type AreaSettings, AreaSettingsSchema } from "./schema.js"

/**
 * The `area` evaluator over the kinds of a registry: only the area (`areaMm2`) of the
 * configuration's accelerator part, by its kind's area model (the same `areaMm2` as the `cost`
 * evaluator reports), without running any network: a closed-form function of the knobs,
 * microseconds per design. Meant as a cheap exact constraint for surrogate screening
 * (`optimizer.screen.exact`), or for area-only studies. Needs a space whose accelerator kind has
 * an area model.
 *
 * @example
 * // { "kind": "area" } on the space "edgetpu-knobs": { areaMm2: 199.9 }
 */
export const areaEvaluatorOf = (kinds: KindRegistry): EvaluatorKind<AreaSettings> => ({
  outputs: () => ["areaMm2"],
  check: (_settings, { space, entry }): ConfigIssue[] => {
    const [sample] = sampleMany(space, 1, "area-evaluator-check")
    const unit = entry === undefined || sample === undefined ? undefined : acceleratorPart(decodedParts(entry.decode(sample)))?.unit
    if (unit !== undefined && kinds.find(unit.kind) !== undefined && kinds.area(unit) !== null) return []
    return [
      {
        path: "kind",
        message: `the area evaluator needs accelerator knobs with an area model (${kinds.knobSpaces.map((knobs) => knobs.name).join(", ")}); space "${space.name}" has none`,
      },
    ]
  },
  create:
    (_settings, { entry }) =>
    ({ configuration }) => {
      const unit = entry === undefined ? undefined : acceleratorPart(decodedParts(entry.decode(configuration)))?.unit
      if (unit === undefined) throw new Error("the area evaluator found no accelerator knobs in the configuration")
      const areaMm2 = kinds.area(unit)
      if (areaMm2 === null) throw new Error(`the area evaluator found a ${unit.kind} accelerator, which has no area model`)
      return { metrics: { areaMm2 } }
    },
})

/**
 * The `area` evaluator over the built-in kinds (`areaEvaluatorOf(acceleratorKinds)`).
 *
 * @example
 * const evaluate = areaEvaluator.create({ kind: "area" }, { space: edgeTpuKnobs, entry, baseDirectory: "." })
 */
export const areaEvaluator: EvaluatorKind<AreaSettings> = areaEvaluatorOf(acceleratorKinds)

/**
 * The `area` evaluator's registry entry: its kind, settings schema and evaluator.
 *
 * @example
 * areaEntry.schema // decodes { "kind": "area", ... }
 */
export const areaEntry: EvaluatorEntry<AreaSettings> = { kind: "area", schema: AreaSettingsSchema, evaluator: areaEvaluator }
