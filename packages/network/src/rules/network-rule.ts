/**
 * The rules a network must follow. Each invalid network is reported as one or more issues, each
 * naming the layer, its op and the rule broken. Shape inference (`src/layer/`) and network
 * validation (`src/graph/`) both name them, so they live apart from either.
 *
 * @example
 * const rule: NetworkRule = "shape-mismatch"
 */
export type NetworkRule =
  | "unique-name"
  | "dangling-input"
  | "cycle"
  | "arity"
  | "positive-size"
  | "shape-mismatch"
  | "divisibility"
  | "shared-weights"
  | "no-input"
  | "dangling-output"
