import { complete, runOptimization } from "@cosearch/optimize"
import {
  boolean,
  type Configuration,
  categorical,
  defineSpace,
  expr,
  expressionConstraint,
  float,
  ordinal,
  validateConfiguration,
  when,
} from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { makers } from "./makers.js"

// Conditions, a log-scale float and a constraint: what the vector encoding and the genome
// operations must carry through every optimizer.
const space = defineSpace({
  name: "conditional",
  parameters: [
    categorical("block", ["conv", "mbconv"]),
    ordinal("kernel", [3, 5, 7]),
    ordinal("expand", [3, 4, 6], { condition: when("block", "mbconv") }),
    boolean("se", { condition: when("block", "mbconv") }),
    float("lr", 1e-4, 1e-1, { scale: "log" }),
  ],
  constraints: [expressionConstraint("small", "kernel * expand <= 28", expr.le(expr.mul(expr.param("kernel"), expr.param("expand")), 28))],
})

const loss = (config: Configuration): number =>
  (Math.log10(config.lr as number) + 2) ** 2 +
  (config.block === "mbconv" ? 0 : 1) +
  Math.abs((config.kernel as number) - 5) / 2 +
  (config.se === true ? 0 : 0.5)

describe.each(Object.entries(makers))("%s on a conditional, constrained space", (_, make) => {
  it("suggests only valid configurations that satisfy the space's constraints", () => {
    const optimizer = make(space, { seed: 5 })
    runOptimization(optimizer, (config) => complete([loss(config)]), { budget: 24, batch: 3 })
    for (const trial of optimizer.history) {
      expect(validateConfiguration(space, trial.params)).toEqual([])
      const expand = trial.params.expand
      if (expand !== undefined) expect((trial.params.kernel as number) * (expand as number)).toBeLessThanOrEqual(28)
    }
  })
})
