/**
 * Mappings of loop nests onto hierarchical accelerators: per storage level the temporal factors
 * and loop order, and the spatial factors over the PE array; their validation.
 *
 * @example
 * import { validateMapping } from "@cosearch/cost"
 * validateMapping(nest, accelerator, mapping) // [] when valid
 */
export type { MappingIssue, MappingIssueReason } from "./issues.js"
export {
  type Dimension,
  type DimensionFactors,
  dimensionIndex,
  dimensions,
  factorOf,
  isRelevant,
  type LevelMapping,
  type Mapping,
} from "./mapping.js"
export { validateMapping } from "./validate.js"
