import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { analyzeNetworkOrThrow, nb201, nb201EdgeNames, nb201Operations, nb201Space, parseNb201Arch } from "@cosearch/network"
import { describe, expect, it } from "vitest"
import { designFeatureNames, designFeatures, networkFeatureNames, networkFeatures } from "../src/index.js"

/** NB201's published CIFAR-10 multiply-adds (conv and linear layers, every edge built) by arch_vec. */
const publishedMflops = (): Map<string, number> => {
  const lines = gunzipSync(readFileSync(new URL("../../network/data/nb201.csv.gz", import.meta.url)))
    .toString("utf8")
    .trim()
    .split("\n")
  const header = (lines[0] ?? "").split(",")
  const arch = header.indexOf("arch_vec")
  const flops = header.indexOf("flops_M_c10")
  return new Map(lines.slice(1).map((line) => [line.split(",")[arch] ?? "", Number(line.split(",")[flops])]))
}

const featuresOf = (archVec: string): Float64Array => {
  const arch = [...archVec].map((digit) => nb201Operations[Number(digit)])
  const parsed = parseNb201Arch(`|${arch[0]}~0|+|${arch[1]}~0|${arch[2]}~1|+|${arch[3]}~0|${arch[4]}~1|${arch[5]}~2|`)
  if (!parsed.ok) throw new Error(parsed.message)
  return networkFeatures(analyzeNetworkOrThrow(nb201(parsed.arch, { resolution: 32, classes: 10 })))
}
const value = (features: Float64Array, name: string): number => features[networkFeatureNames.indexOf(name)] as number

describe("network features", () => {
  const mflops = publishedMflops()

  it("count the published MACs of cells without dead work (no `none` edge)", () => {
    for (const archVec of ["421211", "333333", "123412", "222222", "414141"]) {
      const features = featuresOf(archVec)
      expect(value(features, "total.macs") / 1e6).toBeCloseTo(mflops.get(archVec) as number, 3)
      expect(value(features, "fold.removedLayers")).toBe(0)
    }
  })

  it("drop the work the compiler removes: a conv whose node reaches no output costs nothing", () => {
    // 300300: node 1 = conv3x3(node 0) is read by no later edge (2<-1 and 3<-1 are `none`), node 2 is
    // all zeros; what remains is 000300's single conv3x3 edge 3<-0 (whose published count has no
    // dead work), while the benchmark's count of 300300 includes the dead conv.
    const dead = featuresOf("300300")
    const live = featuresOf("000300")
    expect(value(dead, "total.macs")).toBe(value(live, "total.macs"))
    expect(value(live, "total.macs") / 1e6).toBeCloseTo(mflops.get("000300") as number, 3)
    expect(mflops.get("300300") as number).toBeGreaterThan((mflops.get("000300") as number) + 1)
    expect(value(dead, "fold.removedLayers")).toBeGreaterThan(0)
    const differs = networkFeatureNames.filter((_, i) => dead[i] !== live[i])
    expect(differs).toEqual(["fold.removedLayers"])
  })

  it("have one value per name, written at an offset", () => {
    const out = new Float64Array(networkFeatureNames.length + 5).fill(-1)
    const arch = parseNb201Arch("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|skip_connect~2|")
    if (!arch.ok) throw new Error(arch.message)
    networkFeatures(analyzeNetworkOrThrow(nb201(arch.arch, { resolution: 32, classes: 10 })), out, 5)
    expect(Array.from(out.subarray(0, 5))).toEqual([-1, -1, -1, -1, -1])
    expect(out.subarray(5).every(Number.isFinite)).toBe(true)
    expect(new Set(networkFeatureNames).size).toBe(networkFeatureNames.length)
    // Per-group MACs add up to the total.
    const groups = networkFeatureNames.filter((name) => /^(conv|pointwise|depthwise|fc|matmul)\.ops$/.test(name))
    const sum = groups.reduce((total, name) => total + (out[5 + networkFeatureNames.indexOf(name)] as number), 0)
    expect(sum).toBe(out[5 + networkFeatureNames.indexOf("total.macs")])
  })
})

describe("design features", () => {
  it("are the space's one-hot encoding for NB201 edges", () => {
    const names = designFeatureNames(nb201Space)
    expect(names.length).toBe(30)
    expect(names.slice(0, 5)).toEqual(nb201Operations.map((op) => `edge_1_0=${op}`))
    const configuration = Object.fromEntries(nb201EdgeNames.map((name, k) => [name, nb201Operations[k % 5] as string]))
    const vector = designFeatures(nb201Space, configuration)
    for (let edge = 0; edge < 6; edge++) {
      expect(Array.from(vector.subarray(edge * 5, edge * 5 + 5))).toEqual([0, 1, 2, 3, 4].map((op) => (op === edge % 5 ? 1 : 0)))
    }
  })

  it("name the parameter of a configuration outside the space", () => {
    expect(() => designFeatures(nb201Space, { edge_1_0: "conv9x9" })).toThrow(/edge_1_0/)
  })
})
