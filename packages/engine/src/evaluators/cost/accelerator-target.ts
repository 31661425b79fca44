import type { EdgeTpuAccelerator, HierarchicalAccelerator, SystolicArray } from "@cosearch/accelerator"

/**
 * An accelerator the evaluator can run: a hierarchical one (mapped by the mapper), a systolic
 * array (SCALE-Sim's model) or an Edge TPU design (the Edge TPU template).
 *
 * @example
 * const target: AcceleratorTarget = { kind: "systolic", name: "systolic-32x32", array }
 */
export type AcceleratorTarget =
  | { readonly kind: "hierarchical"; readonly name: string; readonly accelerator: HierarchicalAccelerator }
  | { readonly kind: "systolic"; readonly name: string; readonly array: SystolicArray }
  | { readonly kind: "edgetpu"; readonly name: string; readonly accelerator: EdgeTpuAccelerator }
