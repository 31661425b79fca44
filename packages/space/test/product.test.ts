import {
  addConstraints,
  canonicalKey,
  defineSpace,
  describeSpace,
  encode,
  expr,
  expressionConstraint,
  InvalidSpaceError,
  isFailure,
  joinConfigurations,
  ordinal,
  productSpace,
  projectConfiguration,
  sampleMany,
  validateConfiguration,
} from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { chainSpace, constrainedSpace, jointSpace } from "./fixtures.js"

describe("productSpace", () => {
  it("prefixes names, condition parents and constraint references with the namespace", () => {
    expect(jointSpace.name).toBe("chain × constrained")
    expect(jointSpace.parameters.map((parameter) => parameter.name)).toEqual([
      "nn.block",
      "nn.kernel",
      "nn.expand",
      "nn.se",
      "nn.se_ratio",
      "nn.act",
      "hw.pe_x",
      "hw.pe_y",
      "hw.dataflow",
      "hw.glb_kib",
      "hw.clock_ghz",
    ])
    expect(jointSpace.parameters[4]?.condition).toEqual({ parent: "nn.se", in: [true] })
    const summary = describeSpace(jointSpace)
    expect(summary.constraints).toEqual([
      { name: "hw.pe-budget", description: "at most 256 PEs", form: "expression", expression: "hw.pe_x * hw.pe_y <= 256" },
      { name: "hw.rs-square", description: "row-stationary arrays are square", form: "code" },
    ])
  })

  it("carries constraints over: every joint sample projects to valid parts", () => {
    for (const config of sampleMany(jointSpace, 500, 8)) {
      expect(validateConfiguration(chainSpace, projectConfiguration(config, "nn"))).toEqual([])
      expect(validateConfiguration(constrainedSpace, projectConfiguration(config, "hw"))).toEqual([])
    }
    const broken = joinConfigurations({
      nn: { block: "skip", act: "relu" },
      hw: { pe_x: 8, pe_y: 16, dataflow: "rs", glb_kib: 64, clock_ghz: 1 },
    })
    expect(validateConfiguration(jointSpace, broken).map((issue) => issue.message)).toEqual([
      'constraint "hw.rs-square" is violated (row-stationary arrays are square)',
    ])
  })

  it("splits a joint configuration into its parts and joins them back", () => {
    const joint = {
      "nn.block": "skip",
      "nn.act": "relu",
      "hw.pe_x": 8,
      "hw.pe_y": 8,
      "hw.dataflow": "ws",
      "hw.glb_kib": 64,
      "hw.clock_ghz": 1,
    }
    expect(projectConfiguration(joint, "hw")).toEqual({ pe_x: 8, pe_y: 8, dataflow: "ws", glb_kib: 64, clock_ghz: 1 })
    expect(projectConfiguration(joint, "nn")).toEqual({ block: "skip", act: "relu" })
    const rejoined = joinConfigurations({ nn: projectConfiguration(joint, "nn"), hw: projectConfiguration(joint, "hw") })
    expect(canonicalKey(jointSpace, rejoined)).toBe(canonicalKey(jointSpace, joint))
  })

  it("takes constraints across the parts, written against the prefixed names", () => {
    const fits = expressionConstraint("kernel-fits", "the kernel fits the array", expr.le(expr.param("nn.kernel"), expr.param("hw.pe_x")))
    const joint = productSpace({ nn: chainSpace, hw: constrainedSpace }, { name: "joint", constraints: [fits] })
    expect(joint.name).toBe("joint")
    for (const config of sampleMany(joint, 300, 4))
      if ("nn.kernel" in config) expect(config["nn.kernel"]).toBeLessThanOrEqual(config["hw.pe_x"] as number)
    expect(() => addConstraints(joint, [expressionConstraint("bad", "", expr.le(expr.param("kernel"), 3))])).toThrow(InvalidSpaceError)
    expect(() => addConstraints(joint, [expressionConstraint("bad", "", expr.le(expr.param("kernel"), 3))])).toThrow(
      /constraints\[3\]\.expression\.args\[0\]\.param: unknown parameter "kernel"/,
    )
  })

  it("encodes a joint configuration as the parts' vectors side by side", () => {
    for (const config of sampleMany(jointSpace, 50, 9)) {
      const joint = encode(jointSpace, config)
      const nn = encode(chainSpace, projectConfiguration(config, "nn"))
      const hw = encode(constrainedSpace, projectConfiguration(config, "hw"))
      if (isFailure(joint) || isFailure(nn) || isFailure(hw)) throw new Error("encode failed")
      expect(Array.from(joint)).toEqual([...nn, ...hw])
    }
  })

  it("nests: a product of products prefixes twice", () => {
    const tiny = defineSpace({ name: "tiny", parameters: [ordinal("x", [1, 2])] })
    const nested = productSpace({ outer: productSpace({ inner: tiny }) })
    expect(nested.parameters.map((parameter) => parameter.name)).toEqual(["outer.inner.x"])
  })
})
