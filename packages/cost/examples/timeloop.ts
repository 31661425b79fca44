// A Timeloop/Accelergy description read into cosearch, evaluated both ways (as Timeloop counts,
// and physically), and a cosearch preset written back as Timeloop YAML.
// Run from the repository root: node --conditions=@cosearch/source --import tsx packages/cost/examples/timeloop.ts
import { readFileSync } from "node:fs"
import { eyerissV1Like } from "@cosearch/accelerator"
import { evaluateMapping, readTimeloopSpec, timeloopAccounting, timeloopErtYaml, timeloopSpecYaml } from "@cosearch/cost"

const run = new URL("../data/timeloop/ex04-conv1d+oc+ic-3levelspatial-cp/", import.meta.url)
const read = readTimeloopSpec({
  yaml: { name: "parsed-processed-input.yaml", text: readFileSync(new URL("parsed-processed-input.yaml", run), "utf8") },
  ert: readFileSync(new URL("timeloop-model.ERT_summary.yaml", run), "utf8"),
})
if (!read.ok) throw new Error(read.errors.join("\n"))
const { accelerator, nest, mapping } = read.spec
if (nest === undefined || mapping === undefined) throw new Error("the description has no problem or no mapping")

const asTimeloop = timeloopAccounting(nest, accelerator, mapping)
if (asTimeloop.feasible) {
  console.log(`as Timeloop counts: ${asTimeloop.cycles} cycles, ${(asTimeloop.energy.totalPj / 1e6).toFixed(4)} uJ`) // 3072 cycles, 0.6391 uJ
  for (const level of asTimeloop.levels)
    console.log(`  ${level.name}: reads`, level.scalarReads, "fills", level.scalarFills, "updates", level.scalarUpdates)
}
const physical = evaluateMapping(nest, accelerator, mapping) // the default accounting
if (physical.feasible) console.log(`physically: ${physical.cycles} cycles, ${(physical.energy.totalPj / 1e6).toFixed(4)} uJ`)

const yaml = timeloopSpecYaml({ accelerator: eyerissV1Like })
const ert = timeloopErtYaml(eyerissV1Like)
if (yaml.ok && ert.ok)
  console.log(`eyeriss-v1-like as Timeloop YAML: ${yaml.text.split("\n").length} lines, its ERT ${ert.text.split("\n").length}`)
