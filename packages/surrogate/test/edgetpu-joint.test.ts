import { edgeTpuFromKnobs, edgeTpuKnobsOf } from "@cosearch/accelerator"
import { edgeTpuWorkload, evaluateEdgeTpu } from "@cosearch/cost"
import { analyzeNetworkOrThrow, edgeTpuNetOf, toNetwork } from "@cosearch/network"
import { projectConfiguration } from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { agreementOf, edgeTpuJointFeatureNames, edgeTpuJointFeatures, sampleEdgeTpuJoint, subsetOf, trainSurrogate } from "../src/index.js"

// The bench (`pnpm -s bench surrogate`) runs the same at 100,000 designs.
const DESIGNS = 6000

describe(`surrogates of the analytical Edge TPU model over edgetpu-joint (${DESIGNS} designs, 80/20)`, () => {
  const samples = sampleEdgeTpuJoint({ designs: DESIGNS, seed: 1 })
  const train = Array.from({ length: DESIGNS }, (_, i) => i).filter((i) => i % 5 !== 0)
  const test = Array.from({ length: DESIGNS }, (_, i) => i).filter((i) => i % 5 === 0)

  it("samples rows whose targets are the model's own figures for the configuration", () => {
    for (const row of [0, 1234, DESIGNS - 1]) {
      const configuration = samples.configurations[row] ?? {}
      const workload = edgeTpuWorkload(toNetwork(analyzeNetworkOrThrow(edgeTpuNetOf(projectConfiguration(configuration, "nn")))))
      if (!workload.ok) throw new Error("invalid network")
      const cost = evaluateEdgeTpu(workload.workload, edgeTpuFromKnobs(edgeTpuKnobsOf(projectConfiguration(configuration, "hw"))))
      if (!cost.feasible) throw new Error("a sampled design is infeasible")
      expect(samples.latencyMs.targets[row]).toBe(cost.latencyMs)
      expect(samples.energyMj.targets[row]).toBe(cost.energyPj / 1e9)
      const width = edgeTpuJointFeatureNames.length
      expect(Array.from(edgeTpuJointFeatures(configuration))).toEqual(
        Array.from(samples.latencyMs.features.subarray(row * width, (row + 1) * width)),
      )
    }
    expect(samples.infeasible).toBeGreaterThan(0)
  })

  for (const target of ["latencyMs", "energyMj"] as const) {
    it(`predicts ${target} on the held-out 20 % with Kendall tau >= 0.9 and MAPE <= 10 %`, { timeout: 300_000 }, () => {
      const data = samples[target]
      const { surrogate } = trainSurrogate(subsetOf(data, train), target, { model: "gbt", seed: 1 })
      const held = subsetOf(data, test)
      const agreement = agreementOf(held.targets, surrogate.predictMany(held.features, held.rows))
      console.log(
        `edgetpu-joint ${target} (${DESIGNS} designs): Kendall tau ${agreement.kendallTau.toFixed(4)}, MAPE ${agreement.mape.toFixed(2)} %`,
      )
      expect(agreement.kendallTau).toBeGreaterThanOrEqual(0.9)
      expect(agreement.mape).toBeLessThanOrEqual(10)
    })
  }
})
