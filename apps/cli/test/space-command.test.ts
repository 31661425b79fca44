import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { edgeTpuKnobs } from "@cosearch/accelerator"
import { builtInSpaceNames } from "@cosearch/engine"
import { nb201Space } from "@cosearch/network"
import { type Configuration, cardinality, decodeSpaceJson, validateConfiguration } from "@cosearch/space"
import { Either } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { normalizeOneLetterOptions } from "../src/cli/argv.js"
import type { SpaceListEntry } from "../src/commands/space-list.js"
import type { SpaceShowJson } from "../src/format/space-summary.js"
import { runInProcess, runSubprocess } from "./run-cli.js"

const directory = mkdtempSync(join(tmpdir(), "cosearch-space-"))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

const writeSpaceFile = (name: string, content: unknown): string => {
  const path = join(directory, `${name}.json`)
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2))
  return path
}

// The example of docs/space.md: 4 x 4 x (1 + 1 + 2) x 2017 configurations before the constraint.
const acceleratorSpace = {
  name: "accelerator",
  parameters: [
    { name: "pe_x", kind: "ordinal", values: [4, 8, 16, 32] },
    { name: "pe_y", kind: "ordinal", values: [4, 8, 16, 32] },
    { name: "dataflow", kind: "categorical", values: ["ws", "os", "rs"] },
    { name: "glb_kib", kind: "integer", low: 32, high: 2048, scale: "log" },
    { name: "rs_fold", kind: "boolean", condition: { parent: "dataflow", in: ["rs"] } },
  ],
  constraints: [
    {
      name: "pe-budget",
      description: "at most 256 PEs",
      expression: { op: "<=", args: [{ op: "*", args: [{ param: "pe_x" }, { param: "pe_y" }] }, 256] },
    },
  ],
}

const jsonLines = (stdout: string): Configuration[] => stdout.split("\n").map((line) => JSON.parse(line) as Configuration)

describe("cosearch space list", () => {
  it("lists every built-in space with its size", async () => {
    const run = await runInProcess(["space", "list"])
    expect(run.code).toBe(0)
    for (const name of builtInSpaceNames) expect(run.stdout).toContain(name)
    expect(run.stdout).toMatch(/edgetpu-knobs\s+10\s+452,760,000\s/)
  })

  it("lists them as JSON with decimal cardinalities", async () => {
    const entries = JSON.parse((await runInProcess(["space", "list", "--json"])).stdout) as SpaceListEntry[]
    expect(entries.map((entry) => entry.name)).toEqual(builtInSpaceNames)
    expect(entries.find((entry) => entry.name === "fbnet")?.cardinality).toBe((9n ** 22n).toString())
  })
})

describe("cosearch space show", () => {
  it("--json gives the cardinality as a decimal string and every parameter", async () => {
    const run = await runInProcess(["space", "show", "edgetpu-knobs", "--json"])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe("")
    const shown = JSON.parse(run.stdout) as SpaceShowJson
    expect(shown.cardinality).toBe("452760000")
    expect(shown).toMatchObject({ name: "edgetpu-knobs", source: "built-in", vectorLength: 10, constraints: [] })
    expect(shown.parameters.map((parameter) => parameter.name)).toEqual(edgeTpuKnobs.parameters.map((parameter) => parameter.name))
    expect(shown.parameters[0]).toMatchObject({ name: "pe_x", kind: "ordinal", values: [1, 2, 4, 6, 8, 10, 12, 14, 16, 32] })
  })

  it("--json gives conditions as data", async () => {
    const shown = JSON.parse((await runInProcess(["space", "show", "edgetpu-net", "--json"])).stdout) as SpaceShowJson
    expect(shown.parameters.find((parameter) => parameter.name === "s1_groups")?.condition).toEqual({
      parent: "s1_block",
      in: ["group_conv_ibn"],
    })
  })

  it("prints parameters, conditions, constraints and the size of a space file", async () => {
    const path = writeSpaceFile("accelerator", acceleratorSpace)
    const run = await runInProcess(["space", "show", path])
    expect(run.code).toBe(0)
    const lines = run.stdout.split("\n")
    expect(lines[0]).toBe(`accelerator (space file ${path})`)
    expect(run.stdout).toContain("configurations: 129,088 (constraints ignored)")
    expect(run.stdout).toMatch(/glb_kib\s+integer\s+\[32, 2048\], log scale/)
    expect(run.stdout).toMatch(/rs_fold\s+boolean\s+false, true\s+when dataflow is "rs"/)
    expect(run.stdout).toMatch(/pe-budget\s+pe_x \* pe_y <= 256\s+at most 256 PEs/)
    const shown = JSON.parse((await runInProcess(["space", "show", path, "--json"])).stdout) as SpaceShowJson
    expect(shown).toMatchObject({ source: "file", path, cardinality: "129088" })
    expect(shown.parameters[3]).toMatchObject({ name: "glb_kib", low: 32, high: 2048, scale: "log" })
    expect(shown.constraints).toEqual([
      { name: "pe-budget", description: "at most 256 PEs", form: "expression", expression: "pe_x * pe_y <= 256" },
    ])
  })

  it("says infinite for a float range", async () => {
    const path = writeSpaceFile("float", { name: "lr", parameters: [{ name: "lr", kind: "float", low: 0.0001, high: 0.1, scale: "log" }] })
    const shown = JSON.parse((await runInProcess(["space", "show", path, "--json"])).stdout) as SpaceShowJson
    expect(shown.cardinality).toBe("infinite")
  })
})

describe("cosearch space sample", () => {
  it("--json prints one valid configuration per line, the same for the same seed", async () => {
    const args = ["space", "sample", "nb201", "--n", "5", "--seed", "7", "--json"]
    const first = await runInProcess(args)
    expect(first.code).toBe(0)
    expect(first.stderr).toBe("")
    const configurations = jsonLines(first.stdout)
    expect(configurations).toHaveLength(5)
    for (const configuration of configurations) expect(validateConfiguration(nb201Space, configuration)).toEqual([])
    expect((await runInProcess(args)).stdout).toBe(first.stdout)
    expect((await runInProcess(["space", "sample", "nb201", "--n", "5", "--seed", "8", "--json"])).stdout).not.toBe(first.stdout)
  })

  it("prints readable name=value lines in parameter order", async () => {
    const run = await runInProcess(["space", "sample", "nb201-edgetpu", "-n", "3", "--seed", "x"])
    expect(run.code).toBe(0)
    const lines = run.stdout.split("\n")
    expect(lines).toHaveLength(3)
    const json = jsonLines((await runInProcess(["space", "sample", "nb201-edgetpu", "--n=3", "--seed", "x", "--json"])).stdout)
    lines.forEach((line, i) => {
      const expected = Object.entries(json[i] ?? {})
        .map(([name, value]) => `${name}=${value}`)
        .join(" ")
      expect(line).toBe(expected)
    })
    expect(lines[0]).toMatch(/^nn\.edge_1_0=\w+ .* hw\.pe_x=\d+ /)
  })

  it("samples a space file, conditions and constraints included", async () => {
    const path = writeSpaceFile("accelerator-sample", acceleratorSpace)
    const decoded = decodeSpaceJson(acceleratorSpace)
    if (Either.isLeft(decoded)) throw new Error("the example space is invalid")
    expect(cardinality(decoded.right)).toBe(129_088n)
    const run = await runInProcess(["space", "sample", path, "--n", "50", "--seed", "1", "--json"])
    expect(run.code).toBe(0)
    const configurations = jsonLines(run.stdout)
    expect(configurations).toHaveLength(50)
    for (const configuration of configurations) expect(validateConfiguration(decoded.right, configuration)).toEqual([])
  })

  it("exits 1 with the sampler's message when the constraints exclude everything", async () => {
    const path = writeSpaceFile("empty", {
      name: "empty",
      parameters: [{ name: "x", kind: "ordinal", values: [1, 2] }],
      constraints: [{ name: "too-big", expression: { op: ">", args: [{ param: "x" }, 5] } }],
    })
    const run = await runInProcess(["space", "sample", path, "--n", "1"])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe("")
    expect(run.stderr).toContain('no configuration of space "empty" satisfied its constraints')
    expect(run.stderr).toContain('"too-big" rejected')
  })

  it("names --n and its value when it is not a positive integer", async () => {
    for (const value of ["0", "-3", "2.5", "many"]) {
      const run = await runInProcess(["space", "sample", "nb201", "--n", value])
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(`--n "${value}" is not a positive integer`)
    }
  })
})

describe("cosearch space errors", () => {
  it("names an unknown space and lists the built-in ones", async () => {
    for (const command of ["show", "sample"]) {
      const run = await runInProcess(["space", command, "nb202"])
      expect(run.code).toBe(1)
      expect(run.stdout).toBe("")
      expect(run.stderr).toContain('unknown space "nb202"')
      expect(run.stderr).toContain(builtInSpaceNames.join(", "))
    }
  })

  it("reports the JSON path of each problem in a malformed space file", async () => {
    const path = writeSpaceFile("malformed", {
      name: "bad",
      parameters: [
        { name: "pe_x", kind: "ordinal", values: [4, true] },
        { name: "dataflow", kind: "categorical", values: ["ws"], condition: { parent: "pe_x" } },
      ],
    })
    for (const command of ["show", "sample"]) {
      const run = await runInProcess(["space", command, path])
      expect(run.code).toBe(1)
      expect(run.stdout).toBe("")
      expect(run.stderr).toContain(`space file "${path}" is not a valid space file`)
      expect(run.stderr).toContain('parameters[0].values[1]: expected a string or a finite number, got true (parameter "pe_x")')
      expect(run.stderr).toContain("parameters[1].condition.in")
    }
    // Problems of meaning, found after the form is decoded, are reported with their paths too.
    const logRange = writeSpaceFile("log-range", {
      name: "bad",
      parameters: [{ name: "glb", kind: "integer", low: 0, high: 64, scale: "log" }],
    })
    const meaning = await runInProcess(["space", "show", logRange])
    expect(meaning.code).toBe(1)
    expect(meaning.stderr).toContain('parameters[0].low: parameter "glb" has a log scale, which needs low > 0, got 0')
  })

  it("reports invalid JSON and missing files", async () => {
    const broken = await runInProcess(["space", "show", writeSpaceFile("broken", '{ "name": "x", ')])
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain("is not valid JSON")
    const missing = await runInProcess(["space", "sample", join(directory, "absent.json")])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('absent.json" does not exist')
  })
})

describe("one-letter options", () => {
  it("accept two dashes", () => {
    expect(normalizeOneLetterOptions(["space", "sample", "nb201", "--n", "5", "--n=6", "--seed", "7"])).toEqual([
      "space",
      "sample",
      "nb201",
      "-n",
      "5",
      "-n",
      "6",
      "--seed",
      "7",
    ])
    expect(normalizeOneLetterOptions(["--json", "--", "--n"])).toEqual(["--json", "--", "--n"])
  })
})

describe("the cosearch executable", () => {
  it("prints only the JSON lines of `space sample` on stdout, as the in-process run does", async () => {
    const args = ["space", "sample", "nb201", "--n", "5", "--seed", "7", "--json"]
    const run = runSubprocess(args)
    expect(run.code).toBe(0)
    expect(run.stdout.trimEnd()).toBe((await runInProcess(args)).stdout)
    const configurations = jsonLines(run.stdout.trimEnd())
    expect(configurations).toHaveLength(5)
    for (const configuration of configurations) expect(validateConfiguration(nb201Space, configuration)).toEqual([])
  })
})
