import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import {
  analyzeNetworkOrThrow,
  countNetwork,
  formatNb201Arch,
  type Nb201Arch,
  nb201,
  nb201Operations,
  parseNb201Arch,
} from "@cosearch/network"
import { describe, expect, it } from "vitest"

// NAS-Bench-201's own counts for all 15,625 cells (see data/README.md for the source).
const rows = gunzipSync(readFileSync(new URL("../data/nb201.csv.gz", import.meta.url)))
  .toString("utf8")
  .trim()
  .split("\n")
const header = (rows[0] as string).split(",")
const column = (name: string): number => {
  const index = header.indexOf(name)
  if (index < 0) throw new Error(`nb201.csv.gz has no column ${name}`)
  return index
}
const table = rows.slice(1).map((line) => line.split(","))

const datasets = [
  { name: "CIFAR-10", resolution: 32, classes: 10, macs: column("flops_M_c10"), params: column("params_M_c10") },
  { name: "CIFAR-100", resolution: 32, classes: 100, macs: column("flops_M_c100"), params: column("params_M_c100") },
  { name: "ImageNet16-120", resolution: 16, classes: 120, macs: column("flops_M_in16"), params: column("params_M_in16") },
] as const

const relativeError = (ours: number, theirs: number): number => Math.abs(ours / theirs - 1)

describe("NAS-Bench-201: every architecture's MACs and parameters equal the benchmark's", () => {
  it("has all 15,625 architectures", () => {
    expect(table.length).toBe(15_625)
  })

  for (const dataset of datasets) {
    it(`${dataset.name}: MACs and params to 1e-4 relative`, () => {
      let worstMacs = 0
      let worstParams = 0
      for (const row of table) {
        const parsed = parseNb201Arch(row[column("arch_str")] as string)
        if (!parsed.ok) throw new Error(parsed.message)
        const { totals } = countNetwork(analyzeNetworkOrThrow(nb201(parsed.arch, dataset)), "fp32")
        worstMacs = Math.max(worstMacs, relativeError(totals.macs / 1e6, Number(row[dataset.macs])))
        worstParams = Math.max(worstParams, relativeError(totals.params / 1e6, Number(row[dataset.params])))
      }
      expect(worstMacs).toBeLessThan(1e-4)
      expect(worstParams).toBeLessThan(1e-4)
    })
  }

  it("arch strings round-trip, and arch_vec matches the benchmark's op ids", () => {
    for (const row of table) {
      const text = row[column("arch_str")] as string
      const parsed = parseNb201Arch(text)
      if (!parsed.ok) throw new Error(parsed.message)
      expect(formatNb201Arch(parsed.arch)).toBe(text)
      const vector = [...(row[column("arch_vec")] as string)].map((digit) => nb201Operations[Number(digit)])
      expect(vector).toEqual([...parsed.arch])
    }
  })

  it("rejects malformed arch strings with a message naming the problem", () => {
    const message = (text: string) => {
      const parsed = parseNb201Arch(text)
      return parsed.ok ? "" : parsed.message
    }
    expect(message("|nor_conv_3x3~0|+|none~0|none~1|")).toContain("has 2 node(s)")
    expect(message("|conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|")).toContain('unknown operation "conv_5x5"')
    expect(message("|none~0|+|none~0|+|none~0|none~1|none~2|")).toContain("node 2 has 1 edge(s), expected 2")
    expect(message("|none~1|+|none~0|none~1|+|none~0|none~1|none~2|")).toContain('edge "none~1" of node 1 must read node 0')
  })

  it("a cell of only 'none' edges still counts its stem, reductions and classifier", () => {
    const empty = Array(6).fill("none") as unknown as Nb201Arch
    const { totals } = countNetwork(analyzeNetworkOrThrow(nb201(empty, { resolution: 32, classes: 10 })), "fp32")
    // Stem 3x3x3x16 at 32x32; reductions: two 3x3 convs + a 1x1 shortcut each; classifier 64x10.
    const stem = 3 * 3 * 3 * 16 * 32 * 32
    const reduction1 = 3 * 3 * 16 * 32 * 16 * 16 + 3 * 3 * 32 * 32 * 16 * 16 + 16 * 32 * 16 * 16
    const reduction2 = 3 * 3 * 32 * 64 * 8 * 8 + 3 * 3 * 64 * 64 * 8 * 8 + 32 * 64 * 8 * 8
    expect(totals.macs).toBe(stem + reduction1 + reduction2 + 64 * 10)
  })
})
