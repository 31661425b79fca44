import { Either } from "effect"
import { describe, expect, it, vi } from "vitest"
import { comparisonKindNames, comparisonKinds, runComparison, runTpuImacComparison } from "../src/index.js"

const tpuImac = { name: "tiny", objective: "latency", system: "tpu-imac", networks: ["ffnn:256-256-256"] }

const issuesOf = (input: unknown, options: Parameters<typeof runComparison>[1] = {}): string[] => {
  const output = runComparison(input, options)
  if (Either.isRight(output)) throw new Error("expected config problems")
  return output.left.map((issue) => `${issue.path}: ${issue.message}`)
}

describe("the comparison registry", () => {
  it("holds every kind once, keyed by its name", () => {
    expect(comparisonKindNames).toEqual(["mensa", "tpu-imac", "ffnn-edgetpu-vs-a53", "edgetpu-classes"])
    for (const name of comparisonKindNames) {
      expect(comparisonKinds[name]?.name).toBe(name)
      expect(comparisonKinds[name]?.summary.length).toBeGreaterThan(0)
    }
  })

  it("reads the kind from `comparison` or from its old name `study`, with the same output", () => {
    const options = { configPath: "experiments/t.json", outName: "t.md" }
    const byNew = runComparison({ comparison: "tpu-imac", ...tpuImac }, options)
    const byOld = runComparison({ study: "tpu-imac", ...tpuImac }, options)
    if (Either.isLeft(byNew) || Either.isLeft(byOld)) throw new Error("decoded")
    expect(byOld.right.figures).toEqual(byNew.right.figures)
    const withoutTime = (markdown: string) => markdown.replace(/ in \d+\.\d s\./, "")
    expect(withoutTime(byOld.right.markdown)).toBe(withoutTime(byNew.right.markdown))
    expect(byNew.right.comparison).toBe("tpu-imac")
    expect(byNew.right.networks).toBe(1)
    expect(byNew.right.besides.map((file) => file.name)).toEqual(["t.svg"])
    expect(byOld.right.besides).toEqual(byNew.right.besides)
    expect(byNew.right.markdown).toContain("Produced by `pnpm cosearch compare experiments/t.json --out docs/comparisons/tpu-imac.md`")
  })

  it("returns what the kind's own run computes", () => {
    const output = runComparison({ comparison: "tpu-imac", ...tpuImac })
    if (Either.isLeft(output)) throw new Error("decoded")
    const report = runTpuImacComparison({ name: "tiny", objective: "latency", system: "tpu-imac", networks: ["ffnn:256-256-256"] })
    const figures = output.right.figures as { meanSpeedup: number; rows: { speedup: number }[] }
    expect(figures.meanSpeedup).toBe(report.meanSpeedup)
    expect(figures.rows.map((row) => row.speedup)).toEqual(report.rows.map((row) => row.speedup))
  })

  it("names the kind field when the kind is unknown or missing", () => {
    const all = "mensa, tpu-imac, ffnn-edgetpu-vs-a53, edgetpu-classes"
    expect(issuesOf({ comparison: "apollo" })).toEqual([`comparison: expected one of ${all}, got "apollo"`])
    expect(issuesOf({ study: "apollo" })).toEqual([`study: expected one of ${all}, got "apollo"`])
    expect(issuesOf({ name: "x" })).toEqual([`comparison: expected one of ${all}, got nothing`])
    expect(issuesOf([1, 2])).toEqual([`comparison: expected one of ${all}, got nothing`])
    expect(issuesOf({ name: "x" }, { kindField: "study" })).toEqual([`study: expected one of ${all}, got nothing`])
    expect(issuesOf({ comparison: "toString" })).toEqual([`comparison: expected one of ${all}, got "toString"`])
    expect(issuesOf({ comparison: "tpu-imac", study: "tpu-imac", ...tpuImac })).toEqual([
      'study: is the old name of "comparison"; give only one of them',
    ])
  })

  it("takes only the kinds asked for, and a default kind for a config that names none", () => {
    const kinds = ["mensa", "tpu-imac", "ffnn-edgetpu-vs-a53"]
    expect(issuesOf({ study: "edgetpu-classes" }, { kinds })).toEqual([
      'study: expected one of mensa, tpu-imac, ffnn-edgetpu-vs-a53, got "edgetpu-classes"',
    ])
    const defaulted = runComparison(tpuImac, { kinds: ["tpu-imac"], defaultKind: "tpu-imac" })
    expect(Either.isRight(defaulted)).toBe(true)
  })

  it("lists every config problem with its JSON path", () => {
    const mensa = issuesOf({ comparison: "mensa", objective: "edp", system: "nope", networks: [], extra: 1 })
    expect(mensa.find((line) => line.startsWith("system:"))).toMatch(/^system: expected a system \(mensa, mensa-edgetpu, tpu-imac\)/)
    expect(mensa).toEqual(expect.arrayContaining(["name: is missing", "baselines: is missing", "networks[0]: is missing"]))
    expect(mensa.some((line) => line.startsWith("extra: is unexpected"))).toBe(true)
    const grid = issuesOf({ comparison: "ffnn-edgetpu-vs-a53", name: "x", input: { features: 8 }, classes: 0, widths: [8], depths: [-2] })
    expect(grid).toContain("input.description: is missing")
    expect(grid).toContain("classes: expected a positive integer, got 0")
    expect(grid).toContain("depths[0]: expected a positive integer, got -2")
    expect(grid).toContain("edgetpu: is missing")
  })

  it("touches neither stderr nor stdout: progress goes to the callback", () => {
    const stderr = vi.spyOn(process.stderr, "write")
    const stdout = vi.spyOn(process.stdout, "write")
    const seen: string[] = []
    try {
      const output = runComparison(
        {
          comparison: "mensa",
          name: "m",
          objective: "edp",
          system: "mensa",
          baselines: ["mensa-edgetpu"],
          networks: ["ffnn:64-32-8", "ffnn:32-8"],
        },
        { onProgress: (done, total, kind) => seen.push(`${kind}: ${done} / ${total}`) },
      )
      expect(Either.isRight(output)).toBe(true)
      expect(stderr).not.toHaveBeenCalled()
      expect(stdout).not.toHaveBeenCalled()
    } finally {
      stderr.mockRestore()
      stdout.mockRestore()
    }
    expect(seen).toEqual(["mensa: 1 / 2", "mensa: 2 / 2"])
  })
})
