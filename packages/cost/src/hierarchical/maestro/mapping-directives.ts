import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import type { LoopNest, MaestroDirective } from "@cosearch/network"
import { type Dimension, factorOf, type Mapping } from "../mapping/mapping.js"

/**
 * What `directivesFromMapping` gives: MAESTRO directives describing the mapping, or every reason
 * it cannot be written (each naming the field).
 *
 * @example
 * const written: MappingDirectives = directivesFromMapping(nest, maestro256Pe, mapping)
 */
export type MappingDirectives =
  | { readonly ok: true; readonly directives: readonly MaestroDirective[] }
  | { readonly ok: false; readonly errors: readonly string[] }

/** MAESTRO's name of a nest dimension: output rows and columns are `Y'` and `X'`. */
const maestroName: Readonly<Record<Dimension, string>> = { N: "N", G: "G", K: "K", C: "C", P: "Y'", Q: "X'", R: "R", S: "S" }

/**
 * MAESTRO directives for a cosearch mapping of a layer, so that MAESTRO can run the same mapping
 * (`cosearch convert --to maestro`): the outermost level's loops as the top level's temporal maps,
 * the spatial `y` factors over the clusters, `Cluster(x)`, the loops of the shared levels below it
 * as the cluster level's temporal maps, the spatial `x` factors over a cluster's PEs; what the
 * per-PE levels loop over is each PE's tile, which MAESTRO takes whole (one L1: loops split over
 * several per-PE levels read back at the innermost). Output rows and columns are mapped as `Y'` and
 * `X'` (MAESTRO derives the input window). A map's size and offset are the tile it hands down (the
 * product of the dimension's factors below it, of a padded extent too: MAESTRO then runs the last
 * fold partial), so `mappingFromDirectives` reads the directives back to the same mapping when each
 * level spreads one dimension and one per-PE level loops.
 *
 * Refused, by field: grouped layers (MAESTRO has no G), a spatial axis spreading two dimensions
 * (MAESTRO's spatial maps at one level advance together, they do not multiply), factors over a
 * PE's lanes (`laneSpatial`), factors that do not cover the layer, and per-PE levels above a shared
 * one. Never throws.
 *
 * @example
 * const written = directivesFromMapping(nest, maestro256Pe, mapped.mapping)
 * if (written.ok) console.log(written.directives.map(maestroDirectiveText).join(";\n"))
 */
export const directivesFromMapping = (nest: LoopNest, accelerator: HierarchicalAccelerator, mapping: Mapping): MappingDirectives => {
  const errors: string[] = []
  if (nest.G > 1) errors.push(`layer "${nest.layer}": G=${nest.G}: MAESTRO has no groups (a grouped or depthwise layer cannot be written)`)
  const levels = accelerator.levels
  let lastShared = -1
  levels.forEach((level, l) => {
    if (level.scope === "shared") {
      if (l !== lastShared + 1) errors.push(`levels[${l}] "${level.name}": a shared level below a per-PE one has no MAESTRO form`)
      lastShared = l
    }
  })
  if (mapping.levels.length !== levels.length)
    errors.push(`mapping.levels: ${mapping.levels.length} entries for an accelerator of ${levels.length} levels`)
  const spreadY = Object.entries(mapping.spatial.y).filter(([, factor]) => (factor ?? 1) > 1)
  const spreadX = Object.entries(mapping.spatial.x).filter(([, factor]) => (factor ?? 1) > 1)
  if (
    mapping.laneSpatial !== undefined &&
    [mapping.laneSpatial.x, mapping.laneSpatial.y].some((f) => Object.values(f).some((v) => (v ?? 1) > 1))
  )
    errors.push("mapping.laneSpatial: MAESTRO has no second fan-out inside a PE (its vector lanes)")
  if (spreadY.length > 1)
    errors.push(`mapping.spatial.y: spreads ${spreadY.map(([d]) => d).join(" and ")}; MAESTRO spreads one dimension per level`)
  if (spreadX.length > 1)
    errors.push(`mapping.spatial.x: spreads ${spreadX.map(([d]) => d).join(" and ")}; MAESTRO spreads one dimension per level`)
  if (errors.length > 0) return { ok: false, errors }

  // Down MAESTRO's order, each map hands down the tile of its dimension left after it, starting
  // from what the mapping's factors cover: the layer, or the layer rounded up to whole folds.
  const tile: Record<Dimension, number> = { N: 1, G: 1, K: 1, C: 1, P: 1, Q: 1, R: 1, S: 1 }
  for (const dimension of Object.keys(tile) as Dimension[]) {
    tile[dimension] = factorOf(mapping.spatial.x, dimension) * factorOf(mapping.spatial.y, dimension)
    for (const level of mapping.levels) tile[dimension] *= factorOf(level.factors, dimension)
    if (tile[dimension] < nest[dimension])
      errors.push(`mapping: its ${dimension} factors cover ${tile[dimension]} of the layer's ${dimension}=${nest[dimension]}`)
  }
  if (errors.length > 0) return { ok: false, errors }
  const directives: MaestroDirective[] = []
  const map = (kind: "SpatialMap" | "TemporalMap", dimension: Dimension, factor: number) => {
    const size = tile[dimension] / factor
    tile[dimension] = size
    directives.push({ kind, size, offset: size, dimension: maestroName[dimension], line: directives.length + 2 })
  }
  const loopsOf = (l: number) => {
    const level = mapping.levels[l]
    for (const dimension of level?.order ?? []) {
      const factor = factorOf(level?.factors ?? {}, dimension)
      if (factor > 1) map("TemporalMap", dimension, factor)
    }
  }
  loopsOf(0)
  for (const [dimension, factor] of spreadY) map("SpatialMap", dimension as Dimension, factor ?? 1)
  // A mapping that groups its PEs without clusters (each PE a unit of the top level) has no Cluster.
  const clusters = mapping.array === undefined || mapping.array.clusters === true || spreadX.length > 0
  if (clusters) directives.push({ kind: "Cluster", size: mapping.array?.x ?? accelerator.array.x, type: "P", line: directives.length + 2 })
  for (let l = 1; l <= lastShared; l++) loopsOf(l)
  for (const [dimension, factor] of spreadX) map("SpatialMap", dimension as Dimension, factor ?? 1)
  // Each PE's tile, named in its innermost level's order (one step each: MAESTRO takes it whole).
  const innermost = mapping.levels[mapping.levels.length - 1]
  for (const dimension of innermost?.order ?? []) if (factorOf(innermost?.factors ?? {}, dimension) > 1) map("TemporalMap", dimension, 1)
  return { ok: true, directives }
}
