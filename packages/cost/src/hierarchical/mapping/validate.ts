import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import { type AcceleratorInfo, acceleratorInfo, type Scratch, scratchFor } from "../kernel/analysis.js"
import { compileMapping } from "../kernel/compile.js"
import type { MappingIssue } from "./issues.js"
import { dimensions, type Mapping } from "./mapping.js"

const positiveInteger = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 1
const operandNames = ["weights", "inputs", "outputs"] as const

/**
 * Fills `s.extent` (tile extents per level) and `s.tile` (tile elements per level and operand)
 * from temporal factors `f[l * 8 + d]` and spatial factors `sx`, `sy`, and `s.windows` when a
 * level of the accelerator is charged `tiles-per-step`: of the levels from `from` (0: all) in.
 */
export const fillTiles = (
  s: Scratch,
  f: Float64Array,
  sx: Float64Array,
  sy: Float64Array,
  nest: LoopNest,
  info: AcceleratorInfo,
  from = 0,
): void => {
  const { levels, lastShared, anyTilesPerStep } = info
  const { extent, tile, windows, geometry } = s
  const { strideH, strideW, dilationH, dilationW } = nest
  geometry[0] = strideH
  geometry[1] = strideW
  geometry[2] = dilationH
  geometry[3] = dilationW
  // Spatial factors of P, Q, R and S over Y: the PE groups (rows of the array) whose input
  // windows are counted apart in `windows`.
  let spreadP = 1
  let spreadQ = 1
  let spreadR = 1
  let spreadS = 1
  // One pass from the innermost level out, the extents of the eight dimensions in locals.
  let n = 1
  let g = 1
  let k = 1
  let c = 1
  let p = 1
  let q = 1
  let r = 1
  let sw = 1
  for (let l = levels - 1; l >= from; l--) {
    const e = l * 8
    n *= f[e] ?? 1
    g *= f[e + 1] ?? 1
    k *= f[e + 2] ?? 1
    c *= f[e + 3] ?? 1
    p *= f[e + 4] ?? 1
    q *= f[e + 5] ?? 1
    r *= f[e + 6] ?? 1
    sw *= f[e + 7] ?? 1
    if (l === lastShared) {
      spreadP = sy[4] ?? 1
      spreadQ = sy[5] ?? 1
      spreadR = sy[6] ?? 1
      spreadS = sy[7] ?? 1
      // The spatial fan-out lies just below the last shared level.
      n = n * (sx[0] ?? 1) * (sy[0] ?? 1)
      g = g * (sx[1] ?? 1) * (sy[1] ?? 1)
      k = k * (sx[2] ?? 1) * (sy[2] ?? 1)
      c = c * (sx[3] ?? 1) * (sy[3] ?? 1)
      p = p * (sx[4] ?? 1) * (sy[4] ?? 1)
      q = q * (sx[5] ?? 1) * (sy[5] ?? 1)
      r = r * (sx[6] ?? 1) * (sy[6] ?? 1)
      sw = sw * (sx[7] ?? 1) * (sy[7] ?? 1)
    }
    extent[e] = n
    extent[e + 1] = g
    extent[e + 2] = k
    extent[e + 3] = c
    extent[e + 4] = p
    extent[e + 5] = q
    extent[e + 6] = r
    extent[e + 7] = sw
    tile[l * 3] = g * k * c * r * sw
    // Inputs: the bounding box of the window rows a tile of P outputs and R filter rows touch.
    const h = (p - 1) * strideH + (r - 1) * dilationH + 1
    const w = (q - 1) * strideW + (sw - 1) * dilationW + 1
    tile[l * 3 + 1] = n * g * c * h * w
    tile[l * 3 + 2] = n * g * k * p * q
    if (!anyTilesPerStep) continue
    // Inputs counted per row of PEs: each row's window whole (above the fan-out, the windows of
    // rows spread over P, Q, R or S overlap and are counted apart; the PEs of a row share theirs).
    const groupH = (p / spreadP - 1) * strideH + (r / spreadR - 1) * dilationH + 1
    const groupW = (q / spreadQ - 1) * strideW + (sw / spreadS - 1) * dilationW + 1
    windows[l] = n * g * c * groupH * groupW * spreadP * spreadQ * spreadR * spreadS
  }
}

/**
 * Multiplies dimension `d`'s factor at level `l` by `factor` in the tiles `fillTiles` left in `s`:
 * the extents of `d` at `l` and every level above it up to level `from`, and their tiles (not
 * `windows`). The same numbers as `fillTiles` on the new factors, without recomputing the other
 * dimensions and the levels outside `from`..`l` (which are then left stale).
 */
export const scaleTiles = (s: Scratch, from: number, l: number, d: number, factor: number, nest: LoopNest): void => {
  const { extent, tile } = s
  const { strideH, strideW, dilationH, dilationW } = nest
  for (let k = from; k <= l; k++) {
    const e = k * 8
    extent[e + d] = (extent[e + d] ?? 1) * factor
    const n = extent[e] ?? 1
    const g = extent[e + 1] ?? 1
    const kk = extent[e + 2] ?? 1
    const c = extent[e + 3] ?? 1
    const p = extent[e + 4] ?? 1
    const q = extent[e + 5] ?? 1
    const r = extent[e + 6] ?? 1
    const sw = extent[e + 7] ?? 1
    tile[k * 3] = g * kk * c * r * sw
    tile[k * 3 + 1] = n * g * c * ((p - 1) * strideH + (r - 1) * dilationH + 1) * ((q - 1) * strideW + (sw - 1) * dilationW + 1)
    tile[k * 3 + 2] = n * g * kk * p * q
  }
}

/** Bytes level `l` needs for the tiles of the operands it keeps (twice when double-buffered). */
export const neededBytes = (info: AcceleratorInfo, s: Scratch, l: number, bytes: number): number => {
  let elements = 0
  for (let o = 0; o < 3; o++) if (info.holds[l * 3 + o] === 1) elements += s.tile[l * 3 + o] ?? 0
  return elements * bytes * (info.doubleBuffered[l] === 1 ? 2 : 1)
}

/** Writes a nest's bounds into `into` in canonical dimension order; returns `into`. */
export const readBounds = (nest: LoopNest, into: Float64Array): Float64Array => {
  into[0] = nest.N
  into[1] = nest.G
  into[2] = nest.K
  into[3] = nest.C
  into[4] = nest.P
  into[5] = nest.Q
  into[6] = nest.R
  into[7] = nest.S
  return into
}

/** Pushes the issues of a nest that cannot be mapped (kind, bounds). */
export const nestIssues = (nest: LoopNest, issues: MappingIssue[]): void => {
  if (nest.kind !== "conv" && nest.kind !== "matmul") {
    issues.push({
      reason: "nest",
      message: `layer "${nest.layer}" is a ${nest.kind} nest (${nest.op}); only conv and matmul nests are mapped`,
    })
  }
  for (const field of ["N", "G", "K", "C", "P", "Q", "R", "S", "strideH", "strideW", "dilationH", "dilationW"] as const) {
    if (!positiveInteger(nest[field])) {
      issues.push({
        reason: "nest",
        dimension: field,
        message: `layer "${nest.layer}": ${field}=${nest[field]} must be a positive integer`,
      })
    }
  }
}

/** Whether a nest can be mapped: conv or matmul with positive integer bounds, strides and dilations. */
export const nestIsValid = (nest: LoopNest): boolean =>
  (nest.kind === "conv" || nest.kind === "matmul") &&
  positiveInteger(nest.N) &&
  positiveInteger(nest.G) &&
  positiveInteger(nest.K) &&
  positiveInteger(nest.C) &&
  positiveInteger(nest.P) &&
  positiveInteger(nest.Q) &&
  positiveInteger(nest.R) &&
  positiveInteger(nest.S) &&
  positiveInteger(nest.strideH) &&
  positiveInteger(nest.strideW) &&
  positiveInteger(nest.dilationH) &&
  positiveInteger(nest.dilationW)

/**
 * The issues of a triple, in a fixed order; stops after the first group that makes later checks
 * meaningless. `undefined` when valid (nothing is allocated then). Leaves the shared scratch
 * filled with the factors and tiles of a valid triple. @internal
 */
export const mappingIssues = (nest: LoopNest, accelerator: HierarchicalAccelerator, mapping: Mapping): MappingIssue[] | undefined => {
  const info = acceleratorInfo(accelerator)
  if (info.issues.length > 0) return info.issues.map((issue) => ({ reason: "accelerator", message: `accelerator: ${issue.message}` }))
  if (!nestIsValid(nest)) {
    const found: MappingIssue[] = []
    nestIssues(nest, found)
    return found
  }
  let issues: MappingIssue[] | undefined
  const levels = accelerator.levels.length
  const compiled = compileMapping(accelerator, mapping)
  if (compiled.issues !== undefined) return compiled.issues
  const s = scratchFor(levels)
  const bounds = readBounds(nest, s.bounds)
  fillTiles(s, compiled.f, compiled.sx, compiled.sy, nest, info)
  for (let d = 0; d < 8; d++) {
    if (s.extent[d] !== bounds[d]) {
      const dimension = dimensions[d] ?? ""
      const parts: string[] = []
      for (let l = 0; l < levels; l++) parts.push(String(compiled.f[l * 8 + d]))
      const detail = `temporal ${parts.join(" x ")}, spatial x ${compiled.sx[d]}, y ${compiled.sy[d]}`
      issues ??= []
      issues.push({
        reason: "product",
        dimension,
        message: `${dimension}: factors multiply to ${s.extent[d]} (${detail}); the nest has ${dimension}=${bounds[d]}`,
      })
    }
  }
  if (issues !== undefined) return issues
  const bytes = accelerator.bytesPerElement
  for (let l = 0; l < levels; l++) {
    const capacity = info.capacity[l] ?? Number.POSITIVE_INFINITY
    if (capacity === Number.POSITIVE_INFINITY) continue
    const copies = info.doubleBuffered[l] === 1 ? 2 : 1
    const needed = neededBytes(info, s, l, bytes)
    if (needed > capacity) {
      const name = accelerator.levels[l]?.name ?? ""
      const parts: string[] = []
      for (let o = 0; o < 3; o++)
        if (info.holds[l * 3 + o] === 1) parts.push(`${operandNames[o]} ${(s.tile[l * 3 + o] ?? 0) * bytes * copies}`)
      const buffering = copies === 2 ? ", double-buffered" : ""
      issues ??= []
      issues.push({
        reason: "capacity",
        level: l,
        levelName: name,
        neededBytes: needed,
        availableBytes: capacity,
        message: `level ${l} "${name}": tiles need ${needed} bytes (${parts.join(", ")}${buffering}), capacity ${capacity}`,
      })
    }
  }
  return issues
}

/**
 * Checks a mapping of a loop nest onto a hierarchical accelerator. Never throws; returns every
 * issue (empty when valid), each with a typed reason and a sentence naming the values: an invalid
 * accelerator, a nest that is not conv/matmul or has a non-positive bound, a mapping without one
 * entry per level, a factor that is not a positive integer, a loop order missing a looping
 * dimension, a dimension whose factors do not multiply exactly to its bound (no padding), spatial
 * factors exceeding the array's X or Y, and a level whose tiles (twice, when double-buffered) do
 * not fit its capacity, naming the level and the bytes needed and available.
 *
 * @example
 * validateMapping(nest, eyerissV1Like, mapping)
 * // [{ reason: "product", dimension: "K", message: "K: factors multiply to 8 (...); the nest has K=16" }]
 */
export const validateMapping = (nest: LoopNest, accelerator: HierarchicalAccelerator, mapping: Mapping): MappingIssue[] =>
  mappingIssues(nest, accelerator, mapping) ?? []
