import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import type { MappingIssue } from "../mapping/issues.js"
import { type DimensionFactors, dimensionIndex, dimensions, type Mapping } from "../mapping/mapping.js"
import { acceleratorInfo } from "./accelerator-info.js"
import { identityRing } from "./identity-ring.js"
import { planLayout, reusePlanInto } from "./reuse-plan.js"

// Internal to @cosearch/cost: what depends only on (accelerator, mapping) — the factors as typed
// arrays, the structural issues and the transfer plan of the reuse analysis — computed once per
// mapping object and cached by identity (mappings, like accelerators, are immutable data).

/** The plan layout, through this module's own constant (see `planLayout`). */
const layout = planLayout

/** A mapping read against an accelerator. */
export interface CompiledMapping {
  readonly accelerator: HierarchicalAccelerator
  /** Structural issues (shape, factors, order, spatial), or `undefined`. */
  readonly issues: MappingIssue[] | undefined
  /** Temporal factors `f[l * 8 + d]`, spatial factors over X and Y, over the lanes' X and Y (all 1 without). */
  readonly f: Float64Array
  readonly sx: Float64Array
  readonly sy: Float64Array
  readonly lx: Float64Array
  readonly ly: Float64Array
  readonly usedPes: number
  /** Lanes used in each used PE: the product of the lane factors (1 without lanes). */
  readonly usedLanes: number
  /** Product of all temporal factors: MACs per PE (per lane, with lanes). */
  readonly temporal: number
  /** Transfers, `plan[i * planLayout.stride + field]`, `transfers` of them. */
  readonly plan: Float64Array
  readonly transfers: number
}

const positiveInteger = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 1

const readFactors = (factors: DimensionFactors, into: Float64Array, offset: number, where: string, issues: MappingIssue[]): void => {
  for (let d = 0; d < 8; d++) into[offset + d] = 1
  if (typeof factors !== "object" || factors === null) {
    issues.push({ reason: "factor", message: `${where}: factors must be an object such as { K: 4 }` })
    return
  }
  for (const key in factors) {
    const d = dimensionIndex(key)
    const value: unknown = factors[key as keyof DimensionFactors]
    if (d < 0)
      issues.push({
        reason: "factor",
        dimension: key,
        message: `${where}: ${JSON.stringify(key)} is not a dimension (N, G, K, C, P, Q, R, S)`,
      })
    else if (!positiveInteger(value))
      issues.push({
        reason: "factor",
        dimension: key,
        message: `${where}: factor ${key}=${typeof value === "string" ? JSON.stringify(value) : String(value)} must be a positive integer`,
      })
    else into[offset + d] = value
  }
}

/** The compiled forms of the last 16 mappings (`identity-ring.ts` says why not a WeakMap). */
const cache = identityRing<Mapping, CompiledMapping>(16)

/** The compiled form of `mapping` on `accelerator` (assumed valid), cached per mapping object. */
export const compileMapping = (accelerator: HierarchicalAccelerator, mapping: Mapping): CompiledMapping => {
  const cached = cache.get(mapping)
  if (cached !== undefined && cached.accelerator === accelerator) return cached
  const compiled = compile(accelerator, mapping)
  if (typeof mapping === "object" && mapping !== null) cache.set(mapping, compiled)
  return compiled
}

const compile = (accelerator: HierarchicalAccelerator, mapping: Mapping): CompiledMapping => {
  const levels = accelerator.levels.length
  const f = new Float64Array(levels * 8)
  const sx = new Float64Array(8)
  const sy = new Float64Array(8)
  const lx = new Float64Array(8).fill(1)
  const ly = new Float64Array(8).fill(1)
  const order = new Int8Array(levels * 8)
  const ordLength = new Int8Array(levels)
  const empty = { accelerator, f, sx, sy, lx, ly, usedPes: 1, usedLanes: 1, temporal: 1, plan: new Float64Array(0), transfers: 0 }
  if (!Array.isArray(mapping.levels) || mapping.levels.length !== levels) {
    const found = Array.isArray(mapping.levels) ? mapping.levels.length : "no"
    return {
      ...empty,
      issues: [{ reason: "shape", message: `the mapping has ${found} level entries; the accelerator has ${levels} storage levels` }],
    }
  }
  const issues: MappingIssue[] = []
  for (let l = 0; l < levels; l++) {
    const level = mapping.levels[l]
    const name = accelerator.levels[l]?.name ?? ""
    const where = `level ${l} "${name}"`
    if (level === undefined) continue
    readFactors(level.factors, f, l * 8, where, issues)
    const entries: readonly unknown[] = Array.isArray(level.order) ? level.order : []
    let length = 0
    let seen = 0
    for (const entry of entries) {
      const d = dimensionIndex(entry)
      if (d < 0)
        issues.push({
          reason: "order",
          level: l,
          levelName: name,
          message: `${where}: loop order entry ${JSON.stringify(entry)} is not a dimension`,
        })
      else if ((seen & (1 << d)) !== 0) {
        issues.push({
          reason: "order",
          level: l,
          levelName: name,
          dimension: dimensions[d] ?? "",
          message: `${where}: ${String(entry)} appears twice in the loop order`,
        })
      } else {
        seen |= 1 << d
        order[l * 8 + length++] = d
      }
    }
    ordLength[l] = length
    for (let d = 0; d < 8; d++) {
      if ((f[l * 8 + d] ?? 1) > 1 && (seen & (1 << d)) === 0) {
        const dimension = dimensions[d] ?? ""
        issues.push({
          reason: "order",
          level: l,
          levelName: name,
          dimension,
          message: `${where}: ${dimension} has factor ${f[l * 8 + d]} but is not in the loop order`,
        })
      }
    }
  }
  const spatial = typeof mapping.spatial === "object" && mapping.spatial !== null ? mapping.spatial : { x: {}, y: {} }
  readFactors(spatial.x ?? {}, sx, 0, "spatial x", issues)
  readFactors(spatial.y ?? {}, sy, 0, "spatial y", issues)
  let usedX = 1
  let usedY = 1
  for (let d = 0; d < 8; d++) {
    usedX *= sx[d] ?? 1
    usedY *= sy[d] ?? 1
  }
  const { x, y } = accelerator.array
  if (usedX > x) issues.push({ reason: "spatial", message: `spatial x factors need ${usedX} PEs along X; the array has ${x}` })
  if (usedY > y) issues.push({ reason: "spatial", message: `spatial y factors need ${usedY} PEs along Y; the array has ${y}` })
  const laneSpatial: unknown = mapping.laneSpatial
  let usedLanes = 1
  if (laneSpatial !== undefined) {
    const lanes = accelerator.array.lanes
    if (lanes === undefined)
      issues.push({
        reason: "spatial",
        message: `laneSpatial: "${accelerator.name}" has no lanes (array.lanes): its PEs have one fan-out; leave laneSpatial out`,
      })
    else if (typeof laneSpatial !== "object" || laneSpatial === null)
      issues.push({ reason: "factor", message: "laneSpatial: must be an object { x, y } of factors such as { x: { K: 8 }, y: {} }" })
    else {
      const given = laneSpatial as { readonly x?: DimensionFactors; readonly y?: DimensionFactors }
      readFactors(given.x ?? {}, lx, 0, "laneSpatial x", issues)
      readFactors(given.y ?? {}, ly, 0, "laneSpatial y", issues)
      let lanesX = 1
      let lanesY = 1
      for (let d = 0; d < 8; d++) {
        lanesX *= lx[d] ?? 1
        lanesY *= ly[d] ?? 1
      }
      if (lanesX > lanes.x)
        issues.push({
          reason: "spatial",
          message: `laneSpatial x factors need ${lanesX} lanes along X; a PE has ${lanes.x} (array.lanes.x)`,
        })
      if (lanesY > lanes.y)
        issues.push({
          reason: "spatial",
          message: `laneSpatial y factors need ${lanesY} lanes along Y; a PE has ${lanes.y} (array.lanes.y)`,
        })
      usedLanes = lanesX * lanesY
    }
  }
  if (issues.length > 0) return { ...empty, issues }
  let temporal = 1
  for (let i = 0; i < levels * 8; i++) temporal *= f[i] ?? 1
  const usedPes = usedX * usedY
  const plan = new Float64Array(layout.length(levels))
  const transfers = reusePlanInto(plan, acceleratorInfo(accelerator), f, sx, sy, lx, ly, order, ordLength, usedPes, usedLanes)
  return { accelerator, issues: undefined, f, sx, sy, lx, ly, usedPes, usedLanes, temporal, plan, transfers }
}
