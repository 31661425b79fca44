import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import type { MapLayerOptions } from "../../kind/cost-options.js"
import { acceleratorInfo } from "../kernel/accelerator-info.js"
import { bestMappedLayer, inputIssues, type MapLayerResult, nothingFits } from "./result.js"
import { searchMappings } from "./search.js"

export type { MapLayerResult, MappedLayer } from "./result.js"

/**
 * Maps a conv or matmul loop nest onto a hierarchical accelerator: for each dataflow tried (one
 * preset, or all eight for `auto`) it spreads the template's dimensions over the PE array, grows
 * the per-PE tiles in the template's loop order to the largest divisors that fit every buffer,
 * then walks a bounded, deterministic set of candidates for the on-chip buffer's tile (the
 * divisors of its first loop dimension, the others grown greedily) and the DRAM loop order (the
 * template's, then ones that keep weights, outputs or inputs resident), and keeps the best under
 * the objective. At most `maxMappings` mappings are evaluated; the same inputs always give the
 * same mapping. Never throws; when nothing fits, the result is infeasible with the reason.
 *
 * @example
 * const mapped = mapLayer(nest, eyerissV1Like, { dataflow: "rs", objective: "energy" })
 * if (mapped.feasible) console.log(mapped.energy.totalPj, mapped.visited)
 */
export const mapLayer = (nest: LoopNest, accelerator: HierarchicalAccelerator, options: MapLayerOptions = {}): MapLayerResult => {
  const invalid = inputIssues(nest, accelerator)
  if (invalid !== undefined) return { ...invalid, visited: 0 }
  const found = searchMappings(nest, accelerator, acceleratorInfo(accelerator), options)
  if (found.dataflow === undefined) return nothingFits(nest, accelerator, found.first, found.visited)
  return bestMappedLayer(nest, accelerator, found.dataflow, found.visited)
}
