import {
  boolean,
  categorical,
  constraint,
  defineSpace,
  expr,
  expressionConstraint,
  float,
  integer,
  ordinal,
  productSpace,
  type Space,
  when,
} from "@cosearch/space"

const { param, mul, le, and, or, eq, not } = expr

/** Every kind, unconditional: categorical (mixed types), ordinal (numbers and strings), integer and float (linear and log), boolean. */
export const mixedSpace: Space = defineSpace({
  name: "mixed",
  parameters: [
    categorical("act", ["relu", "swish", 3, true]),
    ordinal("pe", [4, 8, 16, 32]),
    ordinal("glb", ["64KiB", "128KiB", "256KiB"]),
    integer("depth", 2, 9),
    integer("batch", 1, 4096, { scale: "log" }),
    float("dropout", 0, 0.5),
    float("lr", 1e-5, 1e-1, { scale: "log" }),
    boolean("double_buffer"),
    ordinal("single", [7]),
  ],
})

/**
 * A tree with a chain: block → se → se_ratio.
 *
 * Configurations (derived by hand):
 * - act: 2 values, independent of the rest → factor 2.
 * - block = conv: kernel (3) → 3.
 * - block = mbconv: kernel (3) × expand (3) × se, where se = false → 1 and se = true → se_ratio (2), so se counts 3 → 3 × 3 × 3 = 27.
 * - block = skip: nothing else → 1.
 * Total: 2 × (3 + 27 + 1) = 62.
 */
export const chainSpace: Space = defineSpace({
  name: "chain",
  parameters: [
    categorical("block", ["conv", "mbconv", "skip"]),
    ordinal("kernel", [3, 5, 7], { condition: when("block", "conv", "mbconv") }),
    ordinal("expand", [3, 4, 6], { condition: when("block", "mbconv") }),
    boolean("se", { condition: when("block", "mbconv") }),
    ordinal("se_ratio", [0.25, 0.5], { condition: when("se", true) }),
    categorical("act", ["relu", "hswish"]),
  ],
})

/** Hand count for `chainSpace`. */
export const chainCardinality = 62n

/** Two PE dimensions and a buffer with an expression constraint and a code constraint. */
export const constrainedSpace: Space = defineSpace({
  name: "constrained",
  parameters: [
    ordinal("pe_x", [2, 4, 8, 16, 32]),
    ordinal("pe_y", [2, 4, 8, 16, 32]),
    categorical("dataflow", ["ws", "os", "rs"]),
    integer("glb_kib", 16, 512, { scale: "log" }),
    float("clock_ghz", 0.2, 1.2),
  ],
  constraints: [
    expressionConstraint("pe-budget", "at most 256 PEs", le(mul(param("pe_x"), param("pe_y")), 256)),
    constraint("rs-square", "row-stationary arrays are square", (config) => config.dataflow !== "rs" || config.pe_x === config.pe_y),
  ],
})

/** Conditional parameters inside a constraint expression (inactive references make parts not apply). */
export const conditionalConstraintSpace: Space = defineSpace({
  name: "conditional-constraint",
  parameters: [
    categorical("block", ["conv", "mbconv"]),
    ordinal("kernel", [3, 5, 7]),
    ordinal("expand", [1, 3, 6], { condition: when("block", "mbconv") }),
    boolean("se"),
  ],
  constraints: [
    expressionConstraint("small-expanded-kernel", "kernel * expand <= 21", le(mul(param("kernel"), param("expand")), 21)),
    expressionConstraint("no-se-on-conv", "conv blocks have no SE", or(not(eq(param("block"), "conv")), and(not(param("se"))))),
  ],
})

/** The network and accelerator parts joined. */
export const jointSpace: Space = productSpace({ nn: chainSpace, hw: constrainedSpace })

/** All property-test spaces by name. */
export const testSpaces: readonly Space[] = [mixedSpace, chainSpace, constrainedSpace, conditionalConstraintSpace, jointSpace]
