// The Edge TPU template: a zoo network on the three classes and on the calibrated Coral, and a
// design built from sampled knobs under an area budget.
// Run from the repository root: node --conditions=@cosearch/source --import tsx packages/cost/examples/edgetpu.ts
import { edgeTpuFromKnobs, edgeTpuKnobs, edgeTpuKnobsOf, edgeTpuPresets } from "@cosearch/accelerator"
import { edgeTpuWorkload, evaluateEdgeTpu } from "@cosearch/cost"
import { buildZooNetwork } from "@cosearch/network"
import { sampleMany } from "@cosearch/space"

const built = buildZooNetwork("mobilenet_v2")
if (!built.ok) throw new Error(built.message)
const prepared = edgeTpuWorkload(built.network) // fold, prune, fuse and lower once
if (!prepared.ok) throw new Error(prepared.issues[0]?.message)

for (const name of ["edgetpu-v1", "edgetpu-v2", "edgetpu-v3", "coral"] as const) {
  const result = evaluateEdgeTpu(prepared.workload, edgeTpuPresets[name])
  if (result.feasible)
    console.log(
      `${name}: ${result.latencyMs.toFixed(3)} ms, ${(result.energyPj / 1e9).toFixed(3)} mJ, ${result.areaMm2.toFixed(1)} mm², utilization ${(100 * result.utilization).toFixed(1)} %`,
    )
}

for (const config of sampleMany(edgeTpuKnobs, 5, "example")) {
  const design = edgeTpuFromKnobs(edgeTpuKnobsOf(config))
  const result = evaluateEdgeTpu(prepared.workload, design, { areaBudgetMm2: 300 })
  console.log(design.name, result.feasible ? `${result.latencyMs.toFixed(3)} ms` : `infeasible (${result.reason}): ${result.message}`)
}
