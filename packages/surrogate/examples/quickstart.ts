// Run from the repository root:
//   node --conditions=@cosearch/source --import tsx packages/surrogate/examples/quickstart.ts
import { sampleMany } from "@cosearch/space"
import {
  agreementOf,
  edgeTpuJointFeatures,
  edgeTpuJointSpace,
  sampleEdgeTpuJoint,
  subsetOf,
  surrogateFromJson,
  trainSurrogate,
} from "@cosearch/surrogate"

// 2,000 feasible edgetpu-joint designs costed by the analytical Edge TPU model (seeded).
const samples = sampleEdgeTpuJoint({ designs: 2000, seed: 1 })
const rows = Array.from({ length: 2000 }, (_, i) => i)
const train = subsetOf(
  samples.latencyMs,
  rows.filter((i) => i % 5 !== 0),
)
const test = subsetOf(
  samples.latencyMs,
  rows.filter((i) => i % 5 === 0),
)

// Gradient-boosted trees on log(latency), early-stopped on a 10 % validation split.
const { surrogate, validation, epochs } = trainSurrogate(train, "latencyMs", { model: "gbt", seed: 1 }, { space: "edgetpu-joint" })
const agreement = agreementOf(test.targets, surrogate.predictMany(test.features, test.rows))
console.log(
  `${epochs} trees; validation tau ${validation.kendallTau.toFixed(3)}; test tau ${agreement.kendallTau.toFixed(3)}, MAPE ${agreement.mape.toFixed(1)} %`,
)

// Save, load, and screen fresh designs: featurize a joint configuration, predict in microseconds.
const loaded = surrogateFromJson(JSON.parse(JSON.stringify(surrogate.toJSON())))
for (const configuration of sampleMany(edgeTpuJointSpace, 3, "fresh")) {
  console.log(`predicted ${loaded.predict(edgeTpuJointFeatures(configuration)).toFixed(3)} ms`)
}
