// Run from the repository root:
//   node --conditions=@cosearch/source --import tsx packages/cost/examples/kinds.ts
import { cpuPresets } from "@cosearch/accelerator"
import { acceleratorKinds, costOn } from "@cosearch/cost"
import { analyzeNetworkOrThrow, buildZooNetwork } from "@cosearch/network"

const built = buildZooNetwork("ffnn:256-256-10")
if (!built.ok) throw new Error(built.message)
const network = analyzeNetworkOrThrow(built.network)

// Every preset of every kind, through the one cost entry point: totals only (what searches ask for).
for (const name of acceleratorKinds.presetNames) {
  const unit = acceleratorKinds.preset(name)
  if (unit === undefined) continue
  const result = costOn(unit, network)
  console.log(
    unit.kind.padEnd(12),
    name.padEnd(17),
    result.feasible
      ? `${result.totals.latencyMs?.toFixed(4) ?? "-"} ms, area ${result.totals.areaMm2?.toFixed(2) ?? "-"} mm2`
      : result.failure.reason,
  )
}

// A document (what an accelerator .json file holds), checked by its kind, then costed per layer.
const read = acceleratorKinds.decode({ ...cpuPresets["cortex-a53"], name: "a53-8", cores: 8 })
if (!read.ok) throw new Error(read.issues.map((issue) => issue.message).join("\n"))
const result = costOn(read.unit, network, { layers: true })
if (result.feasible) for (const layer of result.layers) console.log(layer.name, layer.dataflow, layer.energyPj)
