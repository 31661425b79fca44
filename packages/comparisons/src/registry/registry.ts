import { classComparison } from "../edgetpu-classes/kind.js"
import { ffnnPlatformComparison } from "../ffnn-edgetpu-vs-a53/kind.js"
import type { ComparisonKind } from "../kind/comparison-kind.js"
import { mensaComparison } from "../mensa/kind.js"
import { tpuImacComparison } from "../tpu-imac/kind.js"

/**
 * Every comparison kind, by the value of a config's `comparison` field. A new kind is one folder
 * (config, run, markdown, `kind.ts`) and one entry here.
 *
 * @example
 * comparisonKinds["tpu-imac"]?.summary
 */
export const comparisonKinds: Readonly<Record<string, ComparisonKind>> = Object.fromEntries(
  [mensaComparison, tpuImacComparison, ffnnPlatformComparison, classComparison].map((kind) => [kind.name, kind]),
)

/**
 * The comparison kinds' names, in registry order.
 *
 * @example
 * comparisonKindNames // ["mensa", "tpu-imac", "ffnn-edgetpu-vs-a53", "edgetpu-classes"]
 */
export const comparisonKindNames: readonly string[] = Object.keys(comparisonKinds)
