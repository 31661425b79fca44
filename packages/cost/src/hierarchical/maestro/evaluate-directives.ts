import { type HierarchicalAccelerator, macCount } from "@cosearch/accelerator"
import type { LoopNest, MaestroDirective } from "@cosearch/network"
import { evaluateMapping } from "../kernel/evaluate.js"
import type { MappingCost, MappingInfeasible } from "../kernel/result.js"
import type { DimensionFactors, Mapping } from "../mapping/mapping.js"
import { mappingFromDirectives } from "./directive-mapping.js"

/**
 * How a mapping from MAESTRO's directives is evaluated: `maestro` (the default) as MAESTRO
 * evaluates it — the outermost level charged with MAESTRO's off-chip model (`tiles-per-step`),
 * the clusters restarted at each of its steps, and buffer sizes reported but not enforced (MAESTRO
 * gives the sizes a mapping needs; its hardware file's sizes do not limit it) — or `physical`:
 * the accelerator as described, its capacities enforced.
 *
 * @example
 * const accounting: DirectiveAccounting = "physical"
 */
export type DirectiveAccounting = "maestro" | "physical"

/**
 * The cost of a layer under MAESTRO's directives: the `MappingCost` of the mapping they describe
 * (MACs and utilization of the layer itself, also when a partial last fold is run as a full one),
 * with that mapping, the dimensions rounded up to whole folds (`padded`), and each level's
 * `occupancy` against its own capacity (above 1 where MAESTRO's accounting let a tile exceed it).
 *
 * @example
 * const cost = evaluateDirectives(nest, maestro256Pe, maestroDataflows.kcp_ws.directives(nest))
 * if (cost.feasible) console.log(cost.cycles, cost.mapping.array)
 */
export type DirectiveCost = MappingCost & { readonly mapping: Mapping; readonly padded: DimensionFactors }

/**
 * The result of `evaluateDirectives`: the cost, or why not (a directive MAESTRO's model or this
 * one cannot run, naming its line; or the mapping's own issues).
 *
 * @example
 * const result: DirectiveResult = evaluateDirectives(nest, accelerator, directives)
 */
export type DirectiveResult = DirectiveCost | MappingInfeasible

/** Accelerators as MAESTRO evaluates them, per accelerator object. */
const asMaestro = new WeakMap<HierarchicalAccelerator, HierarchicalAccelerator>()

/**
 * An accelerator as MAESTRO evaluates a mapping on it: the outermost level charged
 * `tiles-per-step` and every capacity lifted (cached per accelerator object).
 *
 * @example
 * maestroEvaluated(maestro256Pe).levels[0]?.trafficModel // "tiles-per-step"
 */
export const maestroEvaluated = (accelerator: HierarchicalAccelerator): HierarchicalAccelerator => {
  let evaluated = asMaestro.get(accelerator)
  if (evaluated === undefined) {
    evaluated = {
      ...accelerator,
      levels: accelerator.levels.map((level, l) => {
        const { capacityBytes: _limit, ...unbounded } = level
        return l === 0 ? { ...unbounded, trafficModel: "tiles-per-step" as const } : unbounded
      }),
    }
    asMaestro.set(accelerator, evaluated)
  }
  return evaluated
}

/**
 * Evaluates a layer under MAESTRO's dataflow directives (a `.m` file's `Dataflow` block, or
 * `maestroDataflows[name].directives(nest)`): the mapping `mappingFromDirectives` derives, with
 * MAESTRO's accounting by default (`DirectiveAccounting`), the physical one for an accelerator
 * marked `accounting: "physical"`; an accelerator marked `"timeloop"` is refused (Timeloop's
 * accounting is for cosearch's and Timeloop's mappings). Never throws.
 *
 * @example
 * const cost = evaluateDirectives(nest, maestro256Pe, maestroDataflows.rs.directives(nest))
 * if (cost.feasible) console.log(cost.cycles, cost.usedPes)
 * else console.error(cost.message) // e.g. "line 9: SpatialMap(1,1) K: a second spatial map ..."
 */
export const evaluateDirectives = (
  nest: LoopNest,
  accelerator: HierarchicalAccelerator,
  directives: readonly MaestroDirective[],
  accounting: DirectiveAccounting = accelerator.accounting === "physical" ? "physical" : "maestro",
): DirectiveResult => {
  if (accelerator.accounting === "timeloop") {
    const message = `layer "${nest.layer}": MAESTRO's directives are evaluated as MAESTRO does or physically; accounting "timeloop" counts cosearch's and Timeloop's mappings`
    return { feasible: false, reason: "accelerator", message, issues: [{ reason: "accelerator", message }] }
  }
  const converted = mappingFromDirectives(nest, accelerator, directives)
  if (!converted.ok) {
    const message = `layer "${nest.layer}": ${converted.errors.join("; ")}`
    return { feasible: false, reason: "shape", message, issues: [{ reason: "shape", message }] }
  }
  const on = accounting === "maestro" ? maestroEvaluated(accelerator) : accelerator
  const cost = evaluateMapping(converted.nest, on, converted.mapping)
  if (!cost.feasible) return { ...cost, message: `layer "${nest.layer}": ${cost.message}` }
  const macs = nest.N * nest.G * nest.K * nest.C * nest.P * nest.Q * nest.R * nest.S
  // The MACs of a padded fold's idle units are not charged.
  const macPj = macs * accelerator.macEnergyPj
  return {
    ...cost,
    layer: nest.layer,
    macs,
    energy: { ...cost.energy, macPj, totalPj: cost.energy.totalPj - cost.energy.macPj + macPj },
    utilization: macs / (cost.cycles * macCount(accelerator)),
    levels: cost.levels.map((level, l) => ({
      ...level,
      occupancy: level.occupancyBytes / (accelerator.levels[l]?.capacityBytes ?? Number.POSITIVE_INFINITY),
    })),
    mapping: converted.mapping,
    padded: converted.padded,
  }
}
