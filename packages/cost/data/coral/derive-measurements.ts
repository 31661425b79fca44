// Derives nb201-coral.csv.gz, the Coral calibration measurements, from NAS-Bench-201's table
// (packages/network/data/nb201.csv.gz): one row per architecture with a measured latency, the
// network as the zoo spec `nb201:<arch_vec>` (CIFAR-10, C=16, N=5), and split = test when
// index % 5 == 0, train otherwise.
// Run from the repository root: node --import tsx packages/cost/data/coral/derive-measurements.ts
import { readFileSync, writeFileSync } from "node:fs"
import { gunzipSync, gzipSync } from "node:zlib"

const source = new URL("../../../network/data/nb201.csv.gz", import.meta.url)
const lines = gunzipSync(readFileSync(source)).toString("utf8").trim().split("\n")
const header = (lines[0] as string).split(",")
const column = (name: string): number => {
  const index = header.indexOf(name)
  if (index < 0) throw new Error(`nb201.csv.gz has no column ${name}`)
  return index
}
const [index, archVec, latency] = [column("index"), column("arch_vec"), column("lb_edgetpu_int8_ms")]
const rows = ["network,latency_ms,split"]
for (const line of lines.slice(1)) {
  const fields = line.split(",")
  if (fields[latency] === "") continue
  rows.push(`nb201:${fields[archVec]},${fields[latency]},${Number(fields[index]) % 5 === 0 ? "test" : "train"}`)
}
writeFileSync(new URL("nb201-coral.csv.gz", import.meta.url), gzipSync(`${rows.join("\n")}\n`, { level: 9 }))
console.log(`wrote ${rows.length - 1} measurements`)
