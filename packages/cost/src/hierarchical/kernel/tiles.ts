import type { LoopNest } from "@cosearch/network"
import type { AcceleratorInfo } from "./accelerator-info.js"
import type { Scratch } from "./scratch.js"

// Internal to @cosearch/cost: the tiles a mapping's factors give each level (extents, elements per
// operand, bytes needed), for validation and the mapper.

/**
 * Ones: the lane factors of a mapping that spreads nothing over the lanes (or of an accelerator
 * without lanes). Never written.
 */
export const noLaneFactors: Float64Array = new Float64Array(8).fill(1)

/**
 * Fills `s.extent` (tile extents per level) and `s.tile` (tile elements per level and operand)
 * from temporal factors `f[l * 8 + d]`, spatial factors `sx`, `sy` over the PEs and `lx`, `ly`
 * over each PE's lanes (ignored without lanes), and `s.windows` when a level of the accelerator
 * is charged `tiles-per-step`: of the levels from `from` (0: all) in.
 */
export const fillTiles = (
  s: Scratch,
  f: Float64Array,
  sx: Float64Array,
  sy: Float64Array,
  lx: Float64Array,
  ly: Float64Array,
  nest: LoopNest,
  info: AcceleratorInfo,
  from = 0,
): void => {
  const { levels, lastShared, lastPe, lanes, anyTilesPerStep } = info
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
    if (lanes && l === lastPe) {
      // The lanes' fan-out lies just below the last per-PE level.
      n = n * (lx[0] ?? 1) * (ly[0] ?? 1)
      g = g * (lx[1] ?? 1) * (ly[1] ?? 1)
      k = k * (lx[2] ?? 1) * (ly[2] ?? 1)
      c = c * (lx[3] ?? 1) * (ly[3] ?? 1)
      p = p * (lx[4] ?? 1) * (ly[4] ?? 1)
      q = q * (lx[5] ?? 1) * (ly[5] ?? 1)
      r = r * (lx[6] ?? 1) * (ly[6] ?? 1)
      sw = sw * (lx[7] ?? 1) * (ly[7] ?? 1)
    }
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
