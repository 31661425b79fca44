import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import type { MappingIssue } from "./issues.js"
import type { Mapping } from "./mapping.js"

// Internal to @cosearch/cost: a mapping that groups the PEs its own way (`Mapping.array`,
// MAESTRO's clusters) is evaluated on the accelerator with its array so arranged.

/** Regrouped accelerators, per accelerator object and arrangement (descriptions are immutable). */
const arranged = new WeakMap<HierarchicalAccelerator, Map<string, HierarchicalAccelerator>>()

/**
 * The accelerator a mapping runs on: the accelerator itself, or, when the mapping groups the PEs
 * as `x` PEs by `y` groups (`Mapping.array`), the same accelerator with its array so arranged —
 * at most the PEs it has (MAESTRO's clusters may leave some idle). An issue when it has fewer.
 */
export const arrangedAccelerator = (
  accelerator: HierarchicalAccelerator,
  mapping: Mapping,
): { readonly accelerator: HierarchicalAccelerator } | { readonly issue: MappingIssue } => {
  const wanted = typeof mapping === "object" && mapping !== null ? mapping.array : undefined
  if (wanted === undefined) return { accelerator }
  const { x, y } = wanted
  const positive = (value: unknown) => typeof value === "number" && Number.isInteger(value) && value >= 1
  if (!positive(x) || !positive(y))
    return { issue: { reason: "spatial", message: `array: x=${String(x)} and y=${String(y)} must be positive integers` } }
  const pes = accelerator.array.x * accelerator.array.y
  if (x * y > pes)
    return {
      issue: {
        reason: "spatial",
        message: `array: ${x} x ${y} PEs (${x * y}) is more than the accelerator's ${accelerator.array.x} x ${accelerator.array.y} (${pes})`,
      },
    }
  if (x === accelerator.array.x && y === accelerator.array.y) return { accelerator }
  let shapes = arranged.get(accelerator)
  if (shapes === undefined) {
    shapes = new Map()
    arranged.set(accelerator, shapes)
  }
  const key = `${x}x${y}`
  let regrouped = shapes.get(key)
  if (regrouped === undefined) {
    regrouped = { ...accelerator, array: { ...accelerator.array, x, y } }
    shapes.set(key, regrouped)
  }
  return { accelerator: regrouped }
}
