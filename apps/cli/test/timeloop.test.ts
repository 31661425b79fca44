import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"

// The two Timeloop/Accelergy runs shipped with the cost model (packages/cost/data/timeloop/README.md).
const data = new URL("../../../packages/cost/data/timeloop/", import.meta.url).pathname
const scratch = mkdtempSync(join(tmpdir(), "cosearch-timeloop-"))
const runs = [
  { folder: "ex04-conv1d+oc+ic-3levelspatial-cp", prefix: "timeloop-model", mapping: "parsed-processed-input.yaml" },
  { folder: "design-eyeriss-like", prefix: "timeloop-mapper", mapping: "timeloop-mapper.map.txt" },
]

/** What Timeloop printed: cycles, each level's total scalar accesses, and the energy from its fJ per compute. */
const timeloopStats = (text: string) => {
  const accesses = new Map<string, number>()
  let level: string | undefined
  for (const line of text.split("\n")) {
    const name = /^=== (\S+) ===$/.exec(line)?.[1]
    if (name !== undefined) level = name
    const total = /^\s+Total scalar accesses\s+: (\d+)$/.exec(line)?.[1]
    if (total !== undefined && level !== undefined) accesses.set(level, Number(total))
  }
  const computes = Number(/^Computes = (\d+)$/m.exec(text)?.[1])
  const femtojoules = Number(/^\s+Total\s+= ([\d.]+)$/m.exec(text)?.[1])
  return { cycles: Number(/^Cycles: (\d+)$/m.exec(text)?.[1]), accesses, energyPj: (computes * femtojoules) / 1000 }
}

describe("cosearch evaluate on Timeloop's own files", () => {
  it.each(runs)(
    "counts $folder as Timeloop does with --accounting timeloop: every level's accesses and the cycles equal, energy within 1%",
    async (run) => {
      const folder = join(data, run.folder)
      const input = join(folder, "parsed-processed-input.yaml")
      // Timeloop's input and Accelergy's table in one file: the accelerator with its energies.
      const design = join(scratch, `${run.folder}.yaml`)
      writeFileSync(design, `${readFileSync(input, "utf8")}\n${readFileSync(join(folder, `${run.prefix}.ERT_summary.yaml`), "utf8")}`)
      const args = ["evaluate", "--network", input, "--accelerator", design, "--mapping", join(folder, run.mapping), "--json"]
      const counted = await runInProcess([...args, "--accounting", "timeloop"])
      expect(counted.code).toBe(0)
      const stats = timeloopStats(readFileSync(join(folder, `${run.prefix}.stats.txt`), "utf8"))
      const [layer] = JSON.parse(counted.stdout).layers
      expect(layer.cycles).toBe(stats.cycles)
      expect(Object.keys(layer.accesses).length).toBeGreaterThanOrEqual(3)
      for (const [name, accesses] of Object.entries(layer.accesses))
        expect({ name, accesses }).toEqual({ name, accesses: stats.accesses.get(name) })
      expect(Math.abs(layer.energyPj / stats.energyPj - 1)).toBeLessThan(0.01)
      // The default accounting runs the same mapping physically (docs/cost-model.md lists the differences).
      const physical = await runInProcess(args)
      expect(physical.code).toBe(0)
      expect(JSON.parse(physical.stdout).layers[0].macs).toBe(layer.macs)
    },
  )

  it("refuses a Timeloop architecture without Accelergy's energies, and a bad value by line and key, exit 1", async () => {
    const input = join(data, runs[0]?.folder ?? "", "parsed-processed-input.yaml")
    const bare = await runInProcess(["evaluate", "--network", input, "--accelerator", input])
    expect(bare.code).toBe(1)
    expect(bare.stderr).toContain("ERT: missing: a Timeloop architecture needs Accelergy's energy table in the same file")
    const bad = join(scratch, "bad.yaml")
    const text = readFileSync(input, "utf8").replace("depth: 32768", "depth: lots")
    writeFileSync(bad, `${text}\nERT_summary:\n  version: "0.4"\n  table_summary: []\n`)
    const refused = await runInProcess(["evaluate", "--network", input, "--accelerator", bad])
    expect(refused.code).toBe(1)
    const line = text.split("\n").findIndex((row) => row.includes("depth: lots")) + 1
    expect(refused.stderr).toMatch(new RegExp(`line ${line}: architecture\\.subtree\\[0\\]\\.local\\[2\\]\\.attributes\\.depth: .*"lots"`))
  })

  it("refuses a Timeloop mapping for other levels, or one whose bypass changes what a level keeps", async () => {
    const ex04 = join(data, runs[0]?.folder ?? "", "parsed-processed-input.yaml")
    const other = await runInProcess(["evaluate", "--network", ex04, "--accelerator", "maestro-256pe", "--mapping", ex04])
    expect(other.code).toBe(1)
    expect(other.stderr).toContain(
      "architecture: its levels (MainMemory, GlobalBuffer, RegisterFile) are not the accelerator's (DRAM, L2, L1)",
    )
    // The eyeriss-v1-like preset's own mapping, written by convert, then its GLB told to bypass outputs.
    const out = join(scratch, "bypass")
    const converted = await runInProcess([
      "convert",
      "--to",
      "timeloop",
      "--accelerator",
      "eyeriss-v1-like",
      "--network",
      "resnet18",
      "--dataflow",
      "row-stationary",
      "--out",
      out,
    ])
    expect(converted.code).toBe(0)
    const text = readFileSync(join(out, "resnet18", "stem_conv.mapping.yaml"), "utf8")
    const keepOutputs = /(target: GLB\n\s+type: bypass\n\s+keep:\n\s+- Inputs)\n(\s+)- Outputs\n(\s+bypass:\n\s+- Weights)/
    expect(text).toMatch(keepOutputs)
    const bypassing = join(scratch, "bypassing.mapping.yaml")
    writeFileSync(bypassing, text.replace(keepOutputs, "$1\n$3\n$2- Outputs"))
    const refused = await runInProcess(["evaluate", "--network", "resnet18", "--accelerator", "eyeriss-v1-like", "--mapping", bypassing])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      /mapping: GLB keeps inputs by its keep and bypass directives; "eyeriss-v1-like" keeps inputs, outputs there/,
    )
  })
})
