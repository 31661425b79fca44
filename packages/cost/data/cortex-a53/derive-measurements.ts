// Derives nb201-a53.csv.gz, the Cortex-A53 calibration measurements, from LatBench's training rows
// (nb201-a53-train.csv.gz, this folder) and NAS-Bench-201's table (packages/network/data/nb201.csv.gz,
// for each index's arch_vec; the arch strings must agree): one row per measured architecture,
// the network as the zoo spec `nb201:<arch_vec>` (CIFAR-10, C=16, N=5), split = test (the
// validation split) when index % 5 == 1, train otherwise. The rows with index % 5 == 0 are held
// out by the data's publisher and absent.
// Run from the repository root: node --import tsx packages/cost/data/cortex-a53/derive-measurements.ts
import { readFileSync, writeFileSync } from "node:fs"
import { gunzipSync, gzipSync } from "node:zlib"

const table = (url: URL) => {
  const lines = gunzipSync(readFileSync(url)).toString("utf8").trim().split(/\r?\n/)
  const header = (lines[0] as string).split(",")
  const column = (name: string): number => {
    const index = header.indexOf(name)
    if (index < 0) throw new Error(`${url.pathname} has no column ${name}`)
    return index
  }
  return { rows: lines.slice(1).map((line) => line.split(",")), column }
}
const nb201 = table(new URL("../../../network/data/nb201.csv.gz", import.meta.url))
const a53 = table(new URL("nb201-a53-train.csv.gz", import.meta.url))
const archOf = new Map(nb201.rows.map((fields) => [fields[nb201.column("index")], fields]))
const rows = ["network,latency_ms,split"]
for (const fields of a53.rows) {
  const index = fields[a53.column("index")] as string
  const arch = archOf.get(index)
  if (arch === undefined) throw new Error(`index ${index} is not in nb201.csv.gz`)
  if (arch[nb201.column("arch_str")] !== fields[a53.column("arch_str")]) throw new Error(`index ${index}: the arch strings differ`)
  rows.push(
    `nb201:${arch[nb201.column("arch_vec")]},${fields[a53.column("lb_sd450_cpu_a53_int8_ms")]},${Number(index) % 5 === 1 ? "test" : "train"}`,
  )
}
writeFileSync(new URL("nb201-a53.csv.gz", import.meta.url), gzipSync(`${rows.join("\n")}\n`, { level: 9 }))
console.log(`wrote ${rows.length - 1} measurements`)
