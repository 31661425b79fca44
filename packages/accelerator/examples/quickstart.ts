// Run from the repository root:
//   node --conditions=@cosearch/source --import tsx packages/accelerator/examples/quickstart.ts
import { edgeTpuKnobs, edgeTpuKnobsOf, peakMacsPerCycle } from "@cosearch/accelerator"
import { cardinality, sampleMany } from "@cosearch/space"

console.log(cardinality(edgeTpuKnobs)) // 452760000n
for (const config of sampleMany(edgeTpuKnobs, 3, "seed-1")) {
  const knobs = edgeTpuKnobsOf(config)
  console.log(knobs.peX, knobs.peY, peakMacsPerCycle(knobs), knobs.peMemoryBytes)
}
