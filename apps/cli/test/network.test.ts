import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { analyzeNetworkOrThrow, buildZooNetwork, countNetwork, encodeNetworkJson, type Network, zooNames } from "@cosearch/network"
import { afterAll, describe, expect, it } from "vitest"
import type { NetworkSummaryJson } from "../src/format/summary.js"
import { runInProcess, runSubprocess } from "./run-cli.js"

const zooNetwork = (spec: string): Network => {
  const built = buildZooNetwork(spec)
  if (!built.ok) throw new Error(built.message)
  return built.network
}

const directory = mkdtempSync(join(tmpdir(), "cosearch-cli-"))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

const writeNetworkFile = (name: string, content: unknown): string => {
  const path = join(directory, `${name}.json`)
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2))
  return path
}

const input = { name: "input", op: "input", shape: { h: 8, w: 8, c: 4 } }

describe("cosearch network summary", () => {
  it("--json prints one document whose totals match countNetwork", async () => {
    const run = await runInProcess(["network", "summary", "mobilenet_v2", "--json"])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe("")
    const summary = JSON.parse(run.stdout) as NetworkSummaryJson
    const expected = countNetwork(analyzeNetworkOrThrow(zooNetwork("mobilenet_v2")), "int8")
    expect(summary.totals).toEqual(expected.totals)
    expect(summary).toMatchObject({ name: expected.name, precision: "int8", batch: 1 })
    expect(summary.layers).toHaveLength(expected.layers.length)
    expect(Object.keys(summary.layers[1] ?? {})).toEqual([
      "name",
      "op",
      "inputShapes",
      "outputShape",
      "macs",
      "params",
      "ownsParams",
      "weightBytes",
      "inputBytes",
      "outputBytes",
    ])
  })

  it("--precision bf16 doubles the bytes and keeps the MACs", async () => {
    const totals = async (precision: string) =>
      (
        JSON.parse(
          (await runInProcess(["network", "summary", "mobilenet_v2", "--json", "--precision", precision])).stdout,
        ) as NetworkSummaryJson
      ).totals
    const int8 = await totals("int8")
    const bf16 = await totals("bf16")
    expect(bf16.weightBytes).toBe(2 * int8.weightBytes)
    expect(bf16.activationBytes).toBe(2 * int8.activationBytes)
    expect(bf16.macs).toBe(int8.macs)
  })

  it("passes zoo options and the batch through", async () => {
    const run = await runInProcess([
      "network",
      "summary",
      "mobilenet_v2",
      "--resolution",
      "160",
      "--width",
      "0.5",
      "--batch",
      "2",
      "--json",
    ])
    const built = buildZooNetwork("mobilenet_v2", { resolution: 160, width: 0.5, batch: 2 })
    if (!built.ok) throw new Error(built.message)
    const summary = JSON.parse(run.stdout) as NetworkSummaryJson
    expect(summary.batch).toBe(2)
    expect(summary.totals).toEqual(countNetwork(analyzeNetworkOrThrow(built.network), "int8").totals)
  })

  it("prints an aligned table with totals", async () => {
    const run = await runInProcess(["network", "summary", "resnet18"])
    expect(run.code).toBe(0)
    const { totals, layers } = countNetwork(analyzeNetworkOrThrow(zooNetwork("resnet18")), "int8")
    const lines = run.stdout.split("\n")
    expect(lines[0]).toBe(`resnet18: ${layers.length} layers, batch 1, int8`)
    expect(lines[2]).toMatch(/^layer\s+op\s+input\s+output\s+MACs\s+params\s+weight B\s+output B$/)
    // Columns are aligned: wherever the rule under the header has a gap, every row has a space.
    const rule = lines[3] ?? ""
    const gaps = [...rule].flatMap((char, i) => (char === " " ? [i] : []))
    const rows = lines.slice(4, 4 + layers.length)
    for (const row of rows) expect(gaps.filter((i) => row[i] !== " " && i < row.length)).toEqual([])
    expect(lines.find((line) => line.startsWith("stem/conv "))).toMatch(
      /^stem\/conv\s+conv2d\s+224x224x3\s+112x112x64\s+118,013,952\s+9,408\s+9,408\s+802,816$/,
    )
    const group = (n: number) => n.toLocaleString("en-US")
    expect(run.stdout).toMatch(new RegExp(`MACs:\\s+${group(totals.macs)}\\s+\\(1,814\\.07 M, 1\\.814 G\\)`))
    expect(run.stdout).toMatch(new RegExp(`params:\\s+${group(totals.params)}`))
    expect(run.stdout).toMatch(new RegExp(`weight bytes:\\s+${group(totals.weightBytes)}\\s+\\(11\\.69 MB\\)`))
    expect(run.stdout).toMatch(new RegExp(`activation bytes:\\s+${group(totals.activationBytes)}`))
  })

  it("marks shared weights in the table", async () => {
    const run = await runInProcess(["network", "summary", "lstm_encoder:steps=2"])
    expect(run.stdout).toMatch(/\d\*/)
    expect(run.stdout).toContain("counted once")
  })

  it("reads a network file", async () => {
    const network = zooNetwork("ffnn:64-32-4")
    const path = writeNetworkFile("ffnn", encodeNetworkJson(network))
    const run = await runInProcess(["network", "summary", path, "--json", "--precision", "fp32"])
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as NetworkSummaryJson
    expect(summary.totals).toEqual(countNetwork(analyzeNetworkOrThrow(network), "fp32").totals)
  })

  it("reads shorthand files and applies --batch to them", async () => {
    const path = writeNetworkFile("tiny", {
      name: "tiny",
      layers: [input, { name: "conv", op: "conv2d", inputs: ["input"], filters: 8, kernel: 3, stride: 2 }],
    })
    const summary = JSON.parse((await runInProcess(["network", "summary", path, "--json", "--batch", "3"])).stdout) as NetworkSummaryJson
    expect(summary.batch).toBe(3)
    expect(summary.layers[1]?.outputShape).toEqual({ h: 4, w: 4, c: 8 })
    expect(summary.totals.macs).toBe(3 * 4 * 4 * 8 * 3 * 3 * 4)
  })
})

describe("cosearch network summary errors", () => {
  it("names an unknown zoo network", async () => {
    const run = await runInProcess(["network", "summary", "mobilenet_v9"])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe("")
    expect(run.stderr).toContain('"mobilenet_v9" is not a zoo network')
  })

  it("names a bad arch string", async () => {
    const run = await runInProcess(["network", "summary", "nb201:|conv~0|"])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('"|conv~0|"')
  })

  it("reports a cycle with the layer and the rule", async () => {
    const path = writeNetworkFile("cycle", {
      name: "loop",
      layers: [input, { name: "a", op: "add", inputs: ["input", "b"] }, { name: "b", op: "activation", inputs: ["a"], fn: "relu" }],
    })
    const run = await runInProcess(["network", "summary", path])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('layer "a" (add): is on a cycle: a -> b -> a [cycle]')
  })

  it("reports a shape mismatch with the layer and the rule", async () => {
    const path = writeNetworkFile("mismatch", {
      name: "mismatch",
      layers: [
        input,
        { name: "conv", op: "conv2d", inputs: ["input"], filters: 8, kernel: 3, stride: 2 },
        { name: "sum", op: "add", inputs: ["input", "conv"] },
      ],
    })
    const run = await runInProcess(["network", "summary", path])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/layer "sum" \(add\): .*\[shape-mismatch\]/)
  })

  it("reports schema errors with their path and value", async () => {
    const path = writeNetworkFile("schema", {
      name: "bad",
      layers: [input, { name: "conv", op: "conv2d", inputs: ["input"], filters: 8, kernel: "3" }],
    })
    const run = await runInProcess(["network", "summary", path])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`network file "${path}" is not a valid network file`)
    expect(run.stderr).toContain('layers[1].kernel: expected a positive integer or [h, w] with positive integers, got "3" (layer "conv")')
  })

  it("reports invalid JSON and missing files", async () => {
    const broken = await runInProcess(["network", "summary", writeNetworkFile("broken", '{ "name": "x", ')])
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain("invalid JSON")
    const missing = await runInProcess(["network", "summary", join(directory, "absent.json")])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('absent.json" does not exist')
  })

  it("refuses zoo options for a file", async () => {
    const path = writeNetworkFile("plain", { name: "plain", layers: [input] })
    const run = await runInProcess(["network", "summary", path, "--resolution", "64", "--classes", "3"])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain("--resolution, --classes apply to zoo networks only")
  })

  it("names a bad precision and a bad number", async () => {
    const precision = await runInProcess(["network", "summary", "ffnn", "--precision", "fp16"])
    expect(precision.code).toBe(2)
    expect(precision.stderr).toContain('--precision "fp16" is not a precision')
    const resolution = await runInProcess(["network", "summary", "mobilenet_v2", "--resolution", "big"])
    expect(resolution.code).toBe(2)
    expect(resolution.stderr).toContain('--resolution "big" is not a positive integer')
  })
})

describe("cosearch network list", () => {
  it("lists every zoo family with its argument form and defaults", async () => {
    const run = await runInProcess(["network", "list"])
    expect(run.code).toBe(0)
    for (const name of zooNames) expect(run.stdout).toContain(name)
    expect(run.stdout).toContain("resolution=224 width=1 classes=1000")
    expect(run.stdout).toContain("<arch string>")
  })

  it("lists them as JSON", async () => {
    const entries = JSON.parse((await runInProcess(["network", "list", "--json"])).stdout) as Array<{ name: string }>
    expect(entries.map((entry) => entry.name)).toEqual(zooNames)
  })
})

describe("the cosearch executable", () => {
  it("prints only JSON on stdout with --json and exits 0", () => {
    const run = runSubprocess(["network", "summary", "mobilenet_v2", "--json"])
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as NetworkSummaryJson
    expect(summary.totals).toEqual(countNetwork(analyzeNetworkOrThrow(zooNetwork("mobilenet_v2")), "int8").totals)
  })

  it("exits 1 with a one-line message and no stack trace on a user error", () => {
    const run = runSubprocess(["network", "summary", "not_a_network"])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe("")
    expect(run.stderr).toContain('"not_a_network" is not a zoo network')
    expect(run.stderr).not.toMatch(/^\s+at /m)
  })
})
