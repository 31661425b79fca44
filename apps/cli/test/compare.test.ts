import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { runComparison } from "@cosearch/comparisons"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"

const scratch = mkdtempSync(join(tmpdir(), "cosearch-compare-"))
const write = (name: string, config: unknown): string => {
  const path = join(scratch, name)
  writeFileSync(path, JSON.stringify(config))
  return path
}

const repoRoot = resolve(import.meta.dirname, "../../..")
/** A shipped comparison config without its kind field, smaller where `smaller` says. */
const shipped = (name: string, smaller: Record<string, unknown>): Record<string, unknown> => {
  const { comparison: _, ...config } = JSON.parse(readFileSync(join(repoRoot, "experiments", `${name}.json`), "utf8"))
  return { ...config, ...smaller }
}

const tpuImac = shipped("tpu-imac", { networks: ["ffnn:256-256-256"] })
const ffnnGrid = shipped("ffnn-edgetpu-vs-a53", { widths: [16, 512], depths: [1] })
const classes = shipped("edgetpu-classes", {
  networks: [
    { space: "nb201", count: 12 },
    { space: "edgetpu-net", count: 6 },
  ],
})

/** The figures `--json` printed, without the run time. */
const printedFigures = (stdout: string) => {
  const { seconds, ...figures } = JSON.parse(stdout)
  expect(typeof seconds).toBe("number")
  return figures
}

/** What the library computes for a config, as `--json` prints it. */
const libraryFigures = (config: unknown, defaultKind?: string) => {
  const output = runComparison(config, defaultKind === undefined ? {} : { defaultKind })
  if (Either.isLeft(output)) throw new Error(JSON.stringify(output.left))
  return JSON.parse(JSON.stringify(output.right.figures))
}

describe("cosearch compare", () => {
  it("prints the figures the library computes, for every kind, as one JSON line", async () => {
    for (const config of [
      { comparison: "mensa", name: "m", objective: "edp", system: "cortex-a53", baselines: ["mensa-edgetpu"], networks: ["ffnn:64-32-8"] },
      { comparison: "tpu-imac", ...tpuImac },
      { comparison: "ffnn-edgetpu-vs-a53", ...ffnnGrid },
      { comparison: "edgetpu-classes", ...classes },
    ]) {
      const run = await runInProcess(["compare", write(`${config.comparison}.json`, config), "--json"])
      expect(run.code).toBe(0)
      expect(run.stdout.split("\n")).toHaveLength(1)
      expect(printedFigures(run.stdout)).toEqual(libraryFigures(config))
    }
  })

  it("prints the report without --out, and writes it and its chart atomically with --out", async () => {
    const path = write("ffnn.json", { comparison: "ffnn-edgetpu-vs-a53", ...ffnnGrid })
    const printed = await runInProcess(["compare", path])
    expect(printed.code).toBe(0)
    expect(printed.stdout).toContain("![decision chart](comparison.svg)")
    const folder = join(scratch, "written")
    mkdirSync(folder)
    const out = join(folder, "grid.md")
    const run = await runInProcess(["compare", path, "--out", out])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe("")
    expect(run.stderr).toMatch(/^compare: wrote .*grid\.md, .*grid\.svg \(2 networks, \d+\.\d s\)$/)
    expect(readFileSync(out, "utf8")).toContain("![decision chart](grid.svg)")
    expect(readFileSync(join(folder, "grid.svg"), "utf8").startsWith("<svg")).toBe(true)
    expect(readdirSync(folder).sort()).toEqual(["grid.md", "grid.svg"])
  })

  it("a bad config, an unknown kind, an unreadable file or an unwritable --out exit 1 and write nothing", async () => {
    const out = join(scratch, "never.md")
    const unknown = await runInProcess(["compare", write("apollo.json", { comparison: "apollo" }), "--out", out])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('comparison config "')
    expect(unknown.stderr).toContain('comparison: expected one of mensa, tpu-imac, ffnn-edgetpu-vs-a53, edgetpu-classes, got "apollo"')
    const missing = await runInProcess(["compare", write("nameless.json", tpuImac)])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain("comparison: expected one of mensa, tpu-imac, ffnn-edgetpu-vs-a53, edgetpu-classes, got nothing")
    const bad = await runInProcess([
      "compare",
      write("bad-classes.json", { comparison: "edgetpu-classes", ...classes, seed: null }),
      "--out",
      out,
    ])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain("seed")
    const absent = await runInProcess(["compare", join(scratch, "absent.json")])
    expect(absent.code).toBe(1)
    expect(absent.stderr).toContain('cannot read comparison config "')
    const notJson = join(scratch, "not-json.json")
    writeFileSync(notJson, "{ comparison")
    const garbled = await runInProcess(["compare", notJson])
    expect(garbled.code).toBe(1)
    expect(garbled.stderr).toContain("is not JSON")
    const nowhere = join(scratch, "no-such-folder", "report.md")
    const unwritable = await runInProcess(["compare", write("t.json", { comparison: "tpu-imac", ...tpuImac }), "--out", nowhere])
    expect(unwritable.code).toBe(1)
    expect(unwritable.stderr).toBe(`cosearch: --out "${nowhere}": the folder ${join(scratch, "no-such-folder")} does not exist`)
    expect(existsSync(out)).toBe(false)
  })
})

describe("cosearch study and cosearch classes, the old names of compare", () => {
  it("study runs a config with the old kind field, or the new one, as compare does", async () => {
    for (const field of ["study", "comparison"]) {
      const config = { [field]: "tpu-imac", ...tpuImac }
      const run = await runInProcess(["study", write(`study-${field}.json`, config), "--json"])
      expect(run.code).toBe(0)
      expect(printedFigures(run.stdout)).toEqual(libraryFigures(config))
    }
  })

  it("study writes the FFNN report and its chart beside it", async () => {
    const path = write("ffnn-study.json", { study: "ffnn-edgetpu-vs-a53", ...ffnnGrid })
    const out = join(scratch, "ffnn.md")
    const run = await runInProcess(["study", path, "--json", "--out", out])
    expect(run.code).toBe(0)
    expect(printedFigures(run.stdout)).toEqual(libraryFigures({ comparison: "ffnn-edgetpu-vs-a53", ...ffnnGrid }))
    expect(run.stderr).toMatch(/^study: wrote .*ffnn\.md, .*ffnn\.svg \(\d+\.\d s\)$/)
    const markdown = readFileSync(out, "utf8")
    expect(markdown).toContain("## Decision chart")
    expect(markdown).toContain("![decision chart](ffnn.svg)")
    const svg = readFileSync(join(scratch, "ffnn.svg"), "utf8")
    expect(svg.startsWith("<svg")).toBe(true)
    // Two panels of the grid's two cells, each labeled with its ratio.
    expect(svg.match(/>[0-9.]+x<\/text>/g)?.length).toBe(2 * 2)
  })

  it("classes runs a config without a kind field; the same seed gives the same figures", async () => {
    const path = write("tiny.json", classes)
    const first = await runInProcess(["classes", path, "--json"])
    const second = await runInProcess(["classes", path, "--json"])
    expect(first.code).toBe(0)
    expect(printedFigures(second.stdout)).toEqual(printedFigures(first.stdout))
    expect(printedFigures(first.stdout)).toEqual(libraryFigures(classes, "edgetpu-classes"))
    expect(printedFigures(first.stdout).networks).toBe(18)
  })

  it("classes writes the Markdown report with the tables", async () => {
    const path = write("tiny2.json", classes)
    const out = join(scratch, "report.md")
    const run = await runInProcess(["classes", path, "--out", out])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/^classes: wrote .*report\.md, .*report\.svg \(18 networks, \d+\.\d s\)$/)
    // The library's report for this config, quoting the path given and differing in the run time only.
    const output = runComparison(classes, { configPath: path, outName: "report.md", defaultKind: "edgetpu-classes" })
    if (Either.isLeft(output)) throw new Error("decoded")
    const withoutTime = (markdown: string) => markdown.replace(/; \d+\.\d s on one core/, "")
    expect(withoutTime(readFileSync(out, "utf8"))).toBe(withoutTime(output.right.markdown))
  })

  it("each takes only its old kinds", async () => {
    const classesConfig = await runInProcess(["study", write("classes-kind.json", { comparison: "edgetpu-classes", ...classes })])
    expect(classesConfig.code).toBe(1)
    expect(classesConfig.stderr).toContain('comparison: expected one of mensa, tpu-imac, ffnn-edgetpu-vs-a53, got "edgetpu-classes"')
    const nameless = await runInProcess(["study", write("nameless-study.json", tpuImac)])
    expect(nameless.code).toBe(1)
    expect(nameless.stderr).toContain("study: expected one of mensa, tpu-imac, ffnn-edgetpu-vs-a53, got nothing")
    const mensa = await runInProcess(["classes", write("mensa-kind.json", { comparison: "tpu-imac", ...tpuImac })])
    expect(mensa.code).toBe(1)
    expect(mensa.stderr).toContain('comparison: expected one of edgetpu-classes, got "tpu-imac"')
  })
})

describe("cosearch classes: bad configs", () => {
  it("a bad config lists every problem with its JSON path and runs nothing", async () => {
    const path = join(scratch, "bad.json")
    writeFileSync(path, JSON.stringify({ ...classes, accelerators: ["tpu-v9"], networks: [{ space: "nb201", count: -3 }] }))
    const run = await runInProcess(["classes", path])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain("accelerators[0]")
    expect(run.stderr).toContain("networks[0].count: expected a positive integer")
  })
})

describe("cosearch study: bad configs", () => {
  it("name every problem's path and write nothing", async () => {
    const out = join(scratch, "never.md")
    const bad = write("bad-mensa.json", {
      study: "mensa",
      name: "x",
      objective: "speed",
      system: "mensa",
      baselines: ["tpu-v9"],
      networks: ["resnet99"],
    })
    const run = await runInProcess(["study", bad, "--out", out])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain("objective: expected one of latency, energy, edp")
    expect(run.stderr).toContain("baselines[0]")
    expect(run.stderr).toContain("networks[0]")
    expect(existsSync(out)).toBe(false)
    const unknown = await runInProcess(["study", write("bad-kind.json", { study: "apollo" }), "--out", out])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('study: expected one of mensa, tpu-imac, ffnn-edgetpu-vs-a53, got "apollo"')
    const grid = write("bad-ffnn.json", {
      study: "ffnn-edgetpu-vs-a53",
      name: "x",
      input: { features: 0, description: "" },
      classes: 2,
      widths: [],
      depths: [1],
      edgetpu: "coral",
      cpu: "cortex-a72",
    })
    const gridRun = await runInProcess(["study", grid])
    expect(gridRun.code).toBe(1)
    expect(gridRun.stderr).toContain("input.features: expected a positive integer, got 0")
    expect(gridRun.stderr).toContain("widths")
    expect(gridRun.stderr).toContain("cpu: expected one of cortex-a53")
  })
})
