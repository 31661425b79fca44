// Run from the repository root:
//   node --conditions=@cosearch/source --import tsx packages/cost/examples/quickstart.ts
import { parseScaleSimConfig, systolicPresets } from "@cosearch/accelerator"
import { systolicLayerCost, systolicNetworkCost } from "@cosearch/cost"
import { analyzeNetworkOrThrow, buildZooNetwork, lowerNetwork, parseScaleSimTopology } from "@cosearch/network"

// One SCALE-Sim topology row (ResNet-50's res2 3x3, input pre-padded) on a 32x32 weight-stationary array.
const topology = parseScaleSimTopology("Layer, H, W, R, S, C, K, Stride,\nres2_3x3, 58, 58, 3, 3, 64, 64, 1,\n", "res2")
if (!topology.ok) throw new Error(topology.errors.map((error) => error.message).join("\n"))
const [nest] = lowerNetwork(analyzeNetworkOrThrow(topology.network))
const array = { ...systolicPresets["systolic-32x32"], dataflow: "ws" as const }
if (nest !== undefined) {
  const cost = systolicLayerCost(nest, array)
  if (cost.feasible) console.log(cost.cycles, cost.folds, cost.utilization.toFixed(4)) // 116279 36 0.9709
}

// A SCALE-Sim configuration file works as well as a preset.
const config = parseScaleSimConfig(
  "[architecture_presets]\nArrayHeight: 64\nArrayWidth: 16\nIfmapSramSzkB: 64\nFilterSramSzkB: 64\nOfmapSramSzkB: 64\nDataflow: os\n[run_presets]\nInterfaceBandwidth: CALC\n",
)
if (!config.ok) throw new Error(config.errors.map((error) => error.message).join("\n"))

// A whole network: conv and matmul layers run on the array, pooling and element-wise ones are listed.
const built = buildZooNetwork("mobilenet_v2")
if (!built.ok) throw new Error(built.message)
const network = analyzeNetworkOrThrow(built.network)
for (const on of [systolicPresets["systolic-32x32"], systolicPresets["systolic-128x128"], config.config.array]) {
  const cost = systolicNetworkCost(network, on)
  if (cost.feasible) console.log(on.name, on.rows, on.columns, on.dataflow, cost.cycles, cost.utilization.toFixed(3), cost.skipped.length)
}
