import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import { acceleratorInfo } from "../kernel/accelerator-info.js"
import { compileMapping } from "../kernel/compile.js"
import { scratchFor } from "../kernel/scratch.js"
import { fillTiles, neededBytes } from "../kernel/tiles.js"
import { arrangedAccelerator } from "./arrangement.js"
import type { MappingIssue } from "./issues.js"
import { dimensions, type Mapping } from "./mapping.js"

const positiveInteger = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 1
const operandNames = ["weights", "inputs", "outputs"] as const

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
  fillTiles(s, compiled.f, compiled.sx, compiled.sy, compiled.lx, compiled.ly, nest, info)
  for (let d = 0; d < 8; d++) {
    if (s.extent[d] !== bounds[d]) {
      const dimension = dimensions[d] ?? ""
      const parts: string[] = []
      for (let l = 0; l < levels; l++) parts.push(String(compiled.f[l * 8 + d]))
      const lanes = info.lanes ? `, lanes x ${compiled.lx[d]}, y ${compiled.ly[d]}` : ""
      const detail = `temporal ${parts.join(" x ")}, spatial x ${compiled.sx[d]}, y ${compiled.sy[d]}${lanes}`
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
 * factors exceeding the array's X or Y (or, in `laneSpatial`, a PE's lanes along X or Y;
 * `laneSpatial` given for an accelerator without lanes), and a level whose tiles (twice, when double-buffered) do
 * not fit its capacity, naming the level and the bytes needed and available.
 *
 * @example
 * validateMapping(nest, eyerissV1Like, mapping)
 * // [{ reason: "product", dimension: "K", message: "K: factors multiply to 8 (...); the nest has K=16" }]
 */
export const validateMapping = (nest: LoopNest, accelerator: HierarchicalAccelerator, mapping: Mapping): MappingIssue[] => {
  const arranged = arrangedAccelerator(accelerator, mapping)
  if ("issue" in arranged) return [arranged.issue]
  return mappingIssues(nest, arranged.accelerator, mapping) ?? []
}
