import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import { isMaestroDataflowName, type MapLayerOptions } from "../../kind/cost-options.js"
import { acceleratorInfo } from "../kernel/accelerator-info.js"
import { maestroDataflows } from "../maestro/dataflows.js"
import { evaluateDirectives } from "../maestro/evaluate-directives.js"
import { bestMappedLayer, inputIssues, type MapLayerResult, nothingFits } from "./result.js"
import { searchMappings } from "./search.js"

export type { MapLayerResult, MappedLayer } from "./result.js"

/**
 * Maps a conv or matmul loop nest onto a hierarchical accelerator. One of MAESTRO's dataflows
 * (`kcp_ws`, `rs`, `xp_ws`, `ykp_os`, `yxp_os`) gives the one mapping its directives describe for
 * the layer, evaluated as MAESTRO does (`evaluateDirectives`; `visited` is 1). Otherwise, for each
 * family tried (one, or all eight for `auto`) the mapper spreads the template's dimensions over the PE array, grows
 * the per-PE tiles in the template's loop order to the largest divisors that fit every buffer,
 * then walks a bounded, deterministic set of candidates for the on-chip buffer's tile (the
 * divisors of its first loop dimension, the others grown greedily) and the DRAM loop order (the
 * template's, then ones that keep weights, outputs or inputs resident), and keeps the best under
 * the objective. At most `maxMappings` mappings are evaluated; the same inputs always give the
 * same mapping. Never throws; when nothing fits, the result is infeasible with the reason.
 *
 * @example
 * const mapped = mapLayer(nest, eyerissV1Like, { dataflow: "row-stationary", objective: "energy" })
 * if (mapped.feasible) console.log(mapped.energy.totalPj, mapped.visited)
 */
export const mapLayer = (nest: LoopNest, accelerator: HierarchicalAccelerator, options: MapLayerOptions = {}): MapLayerResult => {
  const invalid = inputIssues(nest, accelerator)
  if (invalid !== undefined) return { ...invalid, visited: 0 }
  const { dataflow } = options
  if (isMaestroDataflowName(dataflow)) {
    const cost = evaluateDirectives(nest, accelerator, maestroDataflows[dataflow].directives(nest))
    return cost.feasible ? { ...cost, dataflow, visited: 1 } : { ...cost, visited: 1 }
  }
  const found = searchMappings(nest, accelerator, acceleratorInfo(accelerator), { ...options, dataflow: dataflow ?? "auto" })
  if (found.dataflow === undefined) return nothingFits(nest, accelerator, found.first, found.visited)
  return bestMappedLayer(nest, accelerator, found.dataflow, found.visited)
}
