import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { analyzeNetworkOrThrow, buildZooNetwork, countNetwork, readOnnxNetwork } from "../src/index.js"

// The ONNX project's "light" model-zoo models (data/onnx/README.md) and their published counts.
const folder = new URL("../data/onnx/", import.meta.url)
const published = readFileSync(new URL("published.csv", folder), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [file = "", params = "", gmacs = ""] = line.split(",")
    return { file, params: Number(params), gmacs: gmacs === "" ? undefined : Number(gmacs) }
  })

describe("real ONNX models (the ONNX project's light model-zoo files)", () => {
  it.each(published)(
    "reads $file to its published parameter count, and MACs within 1% of the published figure",
    ({ file, params, gmacs }) => {
      const read = readOnnxNetwork(readFileSync(new URL(file, folder)), file.replace(/\.onnx$/, ""))
      if (!read.ok) throw new Error(read.errors.join("\n"))
      const totals = countNetwork(analyzeNetworkOrThrow(read.network), "int8").totals
      expect(totals.params).toBe(params)
      if (gmacs !== undefined) expect(Math.abs(totals.macs / 1e9 / gmacs - 1)).toBeLessThan(0.01)
      // Every op is read or passed through knowingly: nothing unsupported.
      expect(read.report.filter((row) => row.treatment === "unsupported")).toEqual([])
    },
  )

  it("reads ResNet-50 to the zoo's own ResNet-50: the same MACs and parameters", () => {
    const read = readOnnxNetwork(readFileSync(new URL("light_resnet50.onnx", folder)), "resnet50")
    const built = buildZooNetwork("resnet50")
    if (!read.ok || !built.ok) throw new Error("unreadable")
    const [onnx, zoo] = [read.network, built.network].map((network) => countNetwork(analyzeNetworkOrThrow(network), "int8").totals)
    expect([onnx?.macs, onnx?.params]).toEqual([zoo?.macs, zoo?.params])
  })

  it("reads ShuffleNet's channel shuffles (Reshape, Transpose, Reshape) as shuffle layers, and Inception v1 with its LRNs passed through", () => {
    const shufflenet = readOnnxNetwork(readFileSync(new URL("light_shufflenet.onnx", folder)), "shufflenet")
    const inception = readOnnxNetwork(readFileSync(new URL("light_inception_v1.onnx", folder)), "inception_v1")
    if (!shufflenet.ok || !inception.ok) throw new Error("unreadable")
    // Each shuffle is one Transpose between two Reshapes in the file.
    const transposes = shufflenet.report.find((row) => row.op === "Transpose")?.count ?? 0
    expect(transposes).toBeGreaterThan(0)
    expect(shufflenet.network.layers.filter((layer) => layer.op === "shuffle")).toHaveLength(transposes)
    expect(inception.report).toContainEqual({ op: "LRN", count: 2, treatment: "pass-through", detail: "shape-preserving: no cost counted" })
    for (const read of [shufflenet, inception]) {
      expect(read.report.filter((row) => row.treatment === "unsupported")).toEqual([])
      expect(countNetwork(analyzeNetworkOrThrow(read.network), "int8").totals.macs).toBeGreaterThan(0)
    }
  })
})
