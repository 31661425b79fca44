import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import type { FixedMapping, FixedMappings } from "../../kind/cost-options.js"
import { evaluateMapping } from "../kernel/evaluate.js"
import { evaluateDirectives } from "../maestro/evaluate-directives.js"
import type { Mapping } from "../mapping/mapping.js"
import type { MapLayerResult } from "./result.js"

/**
 * The fixed mapping `mappings` gives a layer: its own entry, else `"*"`, else none.
 *
 * @example
 * fixedMappingOf({ "*": { directives } }, "conv1") // { directives }
 */
export const fixedMappingOf = (mappings: FixedMappings | undefined, layer: string): FixedMapping | undefined =>
  mappings === undefined
    ? undefined
    : Object.hasOwn(mappings, layer)
      ? mappings[layer]
      : Object.hasOwn(mappings, "*")
        ? mappings["*"]
        : undefined

/**
 * A layer under a fixed mapping, as `mapLayer` returns a mapped layer (its dataflow `fixed`,
 * one mapping visited): a cosearch mapping evaluated as given, or MAESTRO directives evaluated
 * as MAESTRO does. Never throws.
 *
 * @example
 * const result = fixedLayer(nest, eyerissV1Like, { mapping })
 * if (!result.feasible) console.error(result.message)
 */
export const fixedLayer = (nest: LoopNest, accelerator: HierarchicalAccelerator, fixed: FixedMapping): MapLayerResult => {
  if ("directives" in fixed) {
    const cost = evaluateDirectives(nest, accelerator, fixed.directives)
    return cost.feasible ? { ...cost, dataflow: "fixed", visited: 1 } : { ...cost, visited: 1 }
  }
  // Checked by evaluateMapping, which never throws on a malformed mapping.
  const mapping = fixed.mapping as Mapping
  const cost = evaluateMapping(nest, accelerator, mapping)
  if (!cost.feasible) return { ...cost, message: `layer "${nest.layer}": ${cost.message}`, visited: 1 }
  return { ...cost, mapping, dataflow: "fixed", visited: 1 }
}
