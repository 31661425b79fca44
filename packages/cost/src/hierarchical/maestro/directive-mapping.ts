import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import { type LoopNest, type MaestroDirective, type MaestroSize, maestroDirectiveText } from "@cosearch/network"
import type { Dimension, DimensionFactors, LevelMapping, Mapping } from "../mapping/mapping.js"

/**
 * What `mappingFromDirectives` gives: the mapping MAESTRO's directives describe for a layer (its
 * PEs grouped as the directives' clusters, `Mapping.array`), with the nest it maps — the layer's,
 * or, where a spatial map or a temporal step leaves a partial last fold, the layer with that
 * dimension rounded up to whole folds (`padded` lists them: the array runs the last fold as a
 * full one, with some units idle) — or every problem, each naming the directive's line.
 *
 * @example
 * const converted: DirectiveMapping = mappingFromDirectives(nest, maestro256Pe, directives)
 * if (converted.ok) evaluateMapping(converted.nest, maestro256Pe, converted.mapping)
 */
export type DirectiveMapping =
  | {
      readonly ok: true
      readonly mapping: Mapping
      readonly nest: LoopNest
      readonly padded: DimensionFactors
    }
  | { readonly ok: false; readonly errors: readonly string[] }

class DirectiveError extends Error {}

/** The canonical dimensions in index order, for the typed loops below. */
const canonical: readonly Dimension[] = ["N", "G", "K", "C", "P", "Q", "R", "S"]

/** A loop or spatial factor at one level, in directive order. */
interface Step {
  readonly dimension: Dimension
  readonly factor: number
}

/** The full extent MAESTRO's `Sz(D)` names for a layer. */
const extentOf = (nest: LoopNest, name: string): number | undefined => {
  switch (name) {
    case "K":
      return nest.K
    case "C":
      return nest.C
    case "R":
      return nest.R
    case "S":
      return nest.S
    case "N":
      return nest.N
    // The input as MAESTRO takes it, padded: the rows and columns the outputs' windows span.
    case "Y":
      return (nest.P - 1) * nest.strideH + (nest.R - 1) * nest.dilationH + 1
    case "X":
      return (nest.Q - 1) * nest.strideW + (nest.S - 1) * nest.dilationW + 1
    case "Y'":
      return nest.P
    case "X'":
      return nest.Q
    default:
      return undefined
  }
}

/** The nest dimension a MAESTRO dimension walks: `Y` (input rows) and `Y'` (output rows) walk P. */
const walks = (name: string): Dimension | undefined => {
  switch (name) {
    case "K":
    case "C":
    case "R":
    case "S":
    case "N":
      return name
    case "Y":
    case "Y'":
      return "P"
    case "X":
    case "X'":
      return "Q"
    default:
      return undefined
  }
}

/**
 * The mapping MAESTRO's data-centric directives describe for one layer on a hierarchical
 * accelerator (docs/cost-model.md, "MAESTRO's directives as mappings"):
 *
 * - the directives above `Cluster(n)` are the top level: its temporal maps are loops over the
 *   outermost level (DRAM: each step's data is the shared buffer's tile), its spatial map spreads a
 *   dimension over the clusters; those below are the cluster level: loops of the last shared level,
 *   and a spatial map over the `n` PEs of a cluster. The PEs are grouped `n` to a cluster,
 *   `floor(PEs / n)` clusters (`Mapping.array`); without `Cluster` every PE is a unit of the top level;
 * - a map of size `s` and offset `o` steps over its dimension's tile at that level in tiles of `s`;
 *   a spatial map with more positions than units folds: the folds are a loop at the directive's place
 *   in the order. Steps are balanced (112 rows over 36 clusters: 4 folds of 28, as MAESTRO's average
 *   PEs); where they cannot be, the dimension is rounded up to whole folds (`padded`);
 * - `Y` and `X` map input rows and columns: `TemporalMap(Sz(R),1) Y` slides a window of R rows by
 *   one output row (size `s` covers `(s - window) / stride + 1` output rows, offset `o` steps
 *   `ceil(o / stride)`); `Y'` and `X'` map output rows and columns. `SpatialMap(1,1) Y` with
 *   `SpatialMap(1,1) R` at one level gives each unit a filter row and its input row: the filter rows
 *   are spread, the output row is shared (Eyeriss's row-stationary);
 * - a dimension a level does not map keeps its tile from above; what is left after the cluster level
 *   is each PE's tile: the loops of the innermost level.
 *
 * One `Cluster` at most (one spatial fan-out), one spatial map per level (or Y with R, X with S),
 * and tiles that step by their own size (or a single step). Never throws.
 *
 * @example
 * const parsed = parseMaestroNetwork(readFileSync("L2_kcp_ws.m", "utf8"))
 * if (parsed.ok) {
 *   const [nest] = lowerNetwork(parsed.network).filter((n) => n.kind === "conv")
 *   const converted = mappingFromDirectives(nest, maestro256Pe, parsed.layers[0].dataflow)
 * }
 */
export const mappingFromDirectives = (
  nest: LoopNest,
  accelerator: HierarchicalAccelerator,
  directives: readonly MaestroDirective[],
): DirectiveMapping => {
  try {
    return convert(nest, accelerator, directives)
  } catch (error) {
    if (error instanceof DirectiveError) return { ok: false, errors: [error.message] }
    throw error
  }
}

const convert = (nest: LoopNest, accelerator: HierarchicalAccelerator, directives: readonly MaestroDirective[]): DirectiveMapping => {
  const fail = (directive: MaestroDirective | undefined, message: string): never => {
    throw new DirectiveError(directive === undefined ? message : `line ${directive.line}: ${maestroDirectiveText(directive)}: ${message}`)
  }
  const resolve = (directive: MaestroDirective, value: MaestroSize): number => {
    const resolved = typeof value === "number" ? value : extentOf(nest, value.extentOf)
    if (resolved === undefined)
      return fail(directive, `Sz(${typeof value === "number" ? value : value.extentOf}) names no dimension of the layer`)
    if (!Number.isInteger(resolved) || resolved < 1)
      return fail(directive, `a size or offset of ${resolved} is not a positive whole number`)
    return resolved
  }
  const clusters = directives.filter((directive) => directive.kind === "Cluster")
  if (clusters.length > 1)
    fail(clusters[1], "a second Cluster level: cosearch maps one spatial fan-out (one Cluster); nested clusters are not supported yet")
  const pes = accelerator.array.x * accelerator.array.y
  const cluster = clusters[0]
  const clusterSize = cluster === undefined ? 1 : resolve(cluster, cluster.size)
  if (cluster !== undefined && cluster.type !== "P") fail(cluster, "logical clusters (L) are not supported: a cluster of PEs (P) is")
  if (clusterSize > pes) fail(cluster, `a cluster of ${clusterSize} PEs on an accelerator with ${pes}`)
  const array = cluster === undefined ? { x: 1, y: pes } : { x: clusterSize, y: Math.floor(pes / clusterSize), clusters: true }
  const split = cluster === undefined ? directives.length : directives.indexOf(cluster)
  const levelDirectives = [directives.slice(0, split), directives.slice(split + 1)] as const

  const tile: Record<Dimension, number> = { N: nest.N, G: nest.G, K: nest.K, C: nest.C, P: nest.P, Q: nest.Q, R: nest.R, S: nest.S }
  const temporal: Step[][] = [[], []]
  const spatial: Step[][] = [[], []]
  // The last directive that names each dimension: the PE's loops follow that order.
  const lastMention = new Map<Dimension, number>()
  let mentions = 0
  const windowRows = (nest.R - 1) * nest.dilationH + 1
  const windowColumns = (nest.S - 1) * nest.dilationW + 1

  for (const [level, list] of levelDirectives.entries()) {
    const units = level === 0 ? array.y : array.x
    const spatialNames = list.flatMap((d) => (d.kind === "SpatialMap" ? [d.dimension] : []))
    // Y with R (or X with S) spread together: each unit a filter row and its input row.
    const coupledRows = spatialNames.includes("Y") && spatialNames.includes("R")
    const coupledColumns = spatialNames.includes("X") && spatialNames.includes("S")
    let spread: MaestroDirective | undefined
    for (const directive of list) {
      if (directive.kind === "Cluster") continue
      const dimension = walks(directive.dimension) ?? fail(directive, `${directive.dimension} is not a dimension of a CONV layer`)
      lastMention.set(dimension, mentions++)
      const isSpatial = directive.kind === "SpatialMap"
      if (isSpatial && ((coupledRows && directive.dimension === "Y") || (coupledColumns && directive.dimension === "X"))) continue
      if (isSpatial) {
        if (spread !== undefined)
          fail(
            directive,
            `a second spatial map at this level (after line ${spread.line}): one dimension is spread per level (or Y with R, X with S)`,
          )
        spread = directive
      }
      const size = resolve(directive, directive.size)
      const offset = resolve(directive, directive.offset)
      // The map in the nest's terms: a tile of `t` along the dimension, stepping by `o`.
      let t = size
      let o = offset
      if (directive.dimension === "Y" || directive.dimension === "X") {
        const window = directive.dimension === "Y" ? windowRows : windowColumns
        const stride = directive.dimension === "Y" ? nest.strideH : nest.strideW
        if (size < window)
          fail(
            directive,
            `a tile of ${size} input ${directive.dimension === "Y" ? "rows" : "columns"} is narrower than the filter's window (${window})`,
          )
        t = Math.floor((size - window) / stride) + 1
        o = Math.ceil(offset / stride)
      }
      const parent = tile[dimension]
      const positions = t >= parent ? 1 : Math.ceil((parent - t) / o) + 1
      if (positions > 1 && o !== t) {
        const input = directive.dimension === "Y" || directive.dimension === "X"
        const window = directive.dimension === "Y" ? windowRows : windowColumns
        const stride = directive.dimension === "Y" ? nest.strideH : nest.strideW
        fail(
          directive,
          input
            ? `${size} input ${directive.dimension === "Y" ? "rows" : "columns"} are ${t} output${t === 1 ? "" : "s"} (window ${window}, stride ${stride}), but an offset of ${offset} steps ${o}: output tiles that overlap or skip are not supported; give an offset of ${t * stride} (or a size of ${window + (o - 1) * stride})`
            : `steps of ${o} over tiles of ${t} (in ${dimension}): tiles that overlap or skip are not supported; a map's offset must equal its size`,
        )
      }
      if (positions === 1) continue
      if (!isSpatial) {
        temporal[level]?.push({ dimension, factor: positions })
        tile[dimension] = Math.ceil(parent / positions)
        continue
      }
      const folds = Math.ceil(positions / units)
      const across = Math.ceil(positions / folds)
      if (folds > 1) temporal[level]?.push({ dimension, factor: folds })
      spatial[level]?.push({ dimension, factor: across })
      tile[dimension] = Math.ceil(parent / (folds * across))
    }
  }

  // The extent each dimension's factors cover: the layer's, or rounded up to whole folds.
  const covered: Record<Dimension, number> = { ...tile }
  for (const steps of [...temporal, ...spatial]) for (const step of steps) covered[step.dimension] *= step.factor
  const padded: Partial<Record<Dimension, number>> = {}
  for (const dimension of canonical) {
    const bound = nest[dimension]
    if (covered[dimension] === bound) continue
    if (dimension === "R" || dimension === "S")
      fail(
        undefined,
        `${dimension}: the directives split ${bound} filter ${dimension === "R" ? "rows" : "columns"} unevenly (into ${covered[dimension]})`,
      )
    padded[dimension] = covered[dimension]
  }

  const levels = accelerator.levels.length
  let lastShared = -1
  accelerator.levels.forEach((level, l) => {
    if (level.scope === "shared") lastShared = l
  })
  const loops: Step[][] = Array.from({ length: levels }, () => [])
  // Groups one after another (a depthwise layer's channels), outermost.
  if (tile.G > 1) loops[0]?.push({ dimension: "G", factor: tile.G })
  tile.G = 1
  loops[0]?.push(...(temporal[0] ?? []))
  loops[Math.max(lastShared, 0)]?.push(...(temporal[1] ?? []))
  const peTile = canonical
    .filter((dimension) => tile[dimension] > 1)
    .sort((a, b) => (lastMention.get(a) ?? -1) - (lastMention.get(b) ?? -1))
    .map((dimension) => ({ dimension, factor: tile[dimension] }))
  loops[levels - 1]?.push(...peTile)

  const mapping: Mapping = {
    levels: loops.map(levelMapping),
    spatial: { x: factorsOf(spatial[1] ?? []), y: factorsOf(spatial[0] ?? []) },
    array,
  }
  return { ok: true, mapping, nest: Object.keys(padded).length === 0 ? nest : withInputs({ ...nest, ...padded }), padded }
}

/** A padded nest's input extent, from its (padded) output extent. */
const withInputs = (nest: LoopNest): LoopNest => ({
  ...nest,
  H: (nest.P - 1) * nest.strideH + (nest.R - 1) * nest.dilationH + 1,
  W: (nest.Q - 1) * nest.strideW + (nest.S - 1) * nest.dilationW + 1,
})

/** Steps as factors; a dimension met twice multiplies. */
const factorsOf = (steps: readonly Step[]): DimensionFactors => {
  const factors: Partial<Record<Dimension, number>> = {}
  for (const { dimension, factor } of steps) factors[dimension] = (factors[dimension] ?? 1) * factor
  return factors
}

/** One level's loops, outermost first, as a level mapping (a dimension met twice: one loop, its first place). */
const levelMapping = (steps: readonly Step[]): LevelMapping => {
  const order: Dimension[] = []
  for (const { dimension } of steps) if (!order.includes(dimension)) order.push(dimension)
  return { factors: factorsOf(steps), order }
}
