import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { eyerissV1Like, lpddr4HostPath } from "@cosearch/accelerator"
import { acceleratorKinds } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"

const scalesim = new URL("../../../packages/cost/data/scalesim/", import.meta.url).pathname
const maestro = new URL("../../../packages/cost/data/maestro/", import.meta.url).pathname
const scratch = mkdtempSync(join(tmpdir(), "cosearch-evaluate-"))

describe("cosearch evaluate", () => {
  it("reproduces SCALE-Sim's total_cycles from its own topology and config files", async () => {
    const rows = readFileSync(join(scalesim, "results-32x32.csv"), "utf8").trim().split("\n").slice(1)
    for (const flow of ["os", "ws", "is"]) {
      const layers = ["L1", "L2", "L3", "L5", "L7"]
      const args = layers.flatMap((layer) => ["--network", join(scalesim, `${layer}.csv`)])
      const run = await runInProcess(["evaluate", ...args, "--accelerator", join(scalesim, `a32_${flow}.cfg`), "--json"])
      expect(run.code).toBe(0)
      const lines = run.stdout.trim().split("\n")
      expect(lines).toHaveLength(layers.length)
      lines.forEach((line, i) => {
        const record = JSON.parse(line)
        const expected = rows.find((row) => row.startsWith(`${layers[i]},32x32,${flow},`))?.split(",")[3]
        expect(record.totals.cycles).toBe(Number(expected))
        expect(record.layers[0].dataflow).toBe(flow)
        // 45 nm area: 1024 int8 MACs of 419 µm² and 3 x 64 KiB of SRAM at 9.72 µm² a byte.
        expect(record.totals.areaMm2).toBeCloseTo((1024 * 419 + 3 * 65536 * 9.72) / 1e6, 9)
        expect(record.totals.energyMj).toBeNull()
      })
    }
  })

  it("evaluates MAESTRO's own .m network files, and refuses a bad one by line and key", async () => {
    const reported = readFileSync(join(maestro, "results-256pe.csv"), "utf8").trim().split("\n").slice(1)
    for (const layer of ["L2", "L3"]) {
      const run = await runInProcess([
        "evaluate",
        "--network",
        join(maestro, `${layer}_kcp_ws.m`),
        "--accelerator",
        "maestro-256pe",
        "--dataflow",
        "kcp_ws",
        "--json",
      ])
      expect(run.code).toBe(0)
      const record = JSON.parse(run.stdout)
      expect(record.layers).toHaveLength(1)
      expect(record.totals.macs).toBe(Number(reported.find((row) => row.startsWith(`${layer},kcp_ws,`))?.split(",")[2]))
    }
    // MAESTRO's hardware file as the accelerator: the same evaluation as its preset, maestro-256pe.
    const onMaestro = (accelerator: string) =>
      runInProcess(["evaluate", "--network", join(maestro, "L3_kcp_ws.m"), "--accelerator", accelerator, "--dataflow", "kcp_ws", "--json"])
    const onFile = await onMaestro(join(maestro, "hw-256pe.m"))
    const onPreset = await onMaestro("maestro-256pe")
    expect(onFile.code).toBe(0)
    expect({ ...JSON.parse(onFile.stdout), accelerator: "maestro-256pe" }).toEqual(JSON.parse(onPreset.stdout))
    const bad = join(scratch, "bad.m")
    writeFileSync(bad, "Network t {\n  Layer a {\n    Type: CONV\n    Dimensions { K: 1, C: 1 }\n  }\n}\n")
    const refused = await runInProcess(["evaluate", "--network", bad, "--accelerator", "maestro-256pe"])
    expect(refused).toMatchObject({
      code: 1,
      stdout: "",
      stderr: `cosearch: MAESTRO file "${bad}" is not a valid network:\n  line 4: Dimensions: R, S, Y, X missing`,
    })
  })

  it("runs MAESTRO's dataflows by name and from its .m files (--dataflow, --mapping), within 15% of MAESTRO's runtimes", async () => {
    const rows = readFileSync(join(maestro, "results-256pe.csv"), "utf8").trim().split("\n").slice(1)
    for (const row of rows.filter((line) => line.startsWith("L2,"))) {
      const [layer = "", dataflow = "", , runtime = ""] = row.split(",")
      const file = join(maestro, `${layer}_${dataflow}.m`)
      const byName = await runInProcess(["evaluate", "--network", file, "--accelerator", "maestro-256pe", "--dataflow", dataflow, "--json"])
      const byFile = await runInProcess([
        "evaluate",
        "--network",
        file,
        "--accelerator",
        join(maestro, "hw-256pe.m"),
        "--mapping",
        file,
        "--json",
      ])
      expect([byName.code, byFile.code]).toEqual([0, 0])
      const named = JSON.parse(byName.stdout)
      const mapped = JSON.parse(byFile.stdout)
      expect(named.layers[0].dataflow).toBe(dataflow)
      expect(mapped.layers[0].dataflow).toBe("fixed")
      expect(mapped.totals.cycles).toBe(named.totals.cycles)
      expect(Math.abs(named.totals.cycles / Number(runtime) - 1)).toBeLessThanOrEqual(0.15)
    }
  })

  it("takes a fixed mapping from a MAESTRO Dataflow block or a mapping .json, and refuses bad ones by line or key, exit 1", async () => {
    const network = join(maestro, "L2_kcp_ws.m")
    // MAESTRO's tools/frontend/dataflow/kcp_ws.m as written: a Dataflow block for every layer.
    const block = join(scratch, "kcp_ws.m")
    const text = readFileSync(network, "utf8")
    writeFileSync(block, text.slice(text.indexOf("Dataflow"), text.lastIndexOf("}", text.lastIndexOf("}") - 1)))
    const fromBlock = await runInProcess(["evaluate", "--network", network, "--accelerator", "maestro-256pe", "--mapping", block, "--json"])
    const preset = await runInProcess([
      "evaluate",
      "--network",
      network,
      "--accelerator",
      "maestro-256pe",
      "--dataflow",
      "kcp_ws",
      "--json",
    ])
    expect(fromBlock.code).toBe(0)
    expect(JSON.parse(fromBlock.stdout).totals).toEqual(JSON.parse(preset.stdout).totals)
    // A cosearch mapping as JSON: 16 filters over X, a 3 x 3 window per PE, the rest over DRAM.
    const json = join(scratch, "mapping.json")
    const mapping = {
      levels: [
        { factors: { K: 4, C: 64, P: 56, Q: 56 }, order: ["K", "C", "P", "Q"] },
        { factors: {}, order: [] },
        { factors: { R: 3, S: 3 }, order: ["R", "S"] },
      ],
      spatial: { x: { K: 16 }, y: {} },
    }
    writeFileSync(json, JSON.stringify({ layers: { L2_r50_res2_3x3: mapping } }))
    const fromJson = await runInProcess(["evaluate", "--network", network, "--accelerator", "maestro-256pe", "--mapping", json, "--json"])
    expect(fromJson.code).toBe(0)
    expect(JSON.parse(fromJson.stdout).totals.macs).toBe(64 * 64 * 9 * 56 * 56)
    // 16 PEs busy: at least the MACs over 16 cycles.
    expect(JSON.parse(fromJson.stdout).totals.cycles).toBeGreaterThanOrEqual((64 * 64 * 9 * 56 * 56) / 16)
    const refusals: [string, string, string][] = [
      ["bad-directive.m", "Dataflow {\n  SpatialMap(1,1) K;\n  TemporalMap(1 1) C;\n}\n", 'line 3: TemporalMap: expected ",", got "1"'],
      [
        "bad-shape.json",
        JSON.stringify({ layers: { L2_r50_res2_3x3: { levels: [{ factors: {} }], spatial: { x: {}, y: {} } } } }),
        'layers.L2_r50_res2_3x3.levels[0]: expected { "factors": { "K": 4, ... }, "order": ["K", ...] }, got {"factors":{}}',
      ],
    ]
    for (const [name, content, error] of refusals) {
      const path = join(scratch, name)
      writeFileSync(path, content)
      const run = await runInProcess(["evaluate", "--network", network, "--accelerator", "maestro-256pe", "--mapping", path])
      expect(run).toMatchObject({ code: 1, stdout: "", stderr: `cosearch: mapping file "${path}" is not valid:\n  ${error}` })
    }
    // A mapping whose factors do not cover the layer: the layer and the dimension named.
    writeFileSync(json, JSON.stringify({ ...mapping, spatial: { x: { K: 8 }, y: {} } }))
    const short = await runInProcess(["evaluate", "--network", network, "--accelerator", "maestro-256pe", "--mapping", json])
    expect(short.code).toBe(1)
    expect(short.stderr).toContain(`mapping file "${json}" does not fit: layer "L2_r50_res2_3x3": K: factors multiply to 32`)
    const systolic = await runInProcess(["evaluate", "--network", network, "--accelerator", "systolic-32x32", "--mapping", json])
    expect(systolic.code).toBe(1)
    expect(systolic.stderr).toMatch(/--mapping ".*" needs a hierarchical accelerator; "[^"]+" is a/)
  })

  it("evaluates a batch from --networks on a hierarchical preset, one JSON line each in the documented shape", async () => {
    const list = join(scratch, "networks.txt")
    writeFileSync(list, "# two networks\nmobilenet_v2\n\nresnet18\n")
    const run = await runInProcess(["evaluate", "--networks", list, "--accelerator", "eyeriss-v1-like", "--dataflow", "rs", "--json"])
    expect(run.code).toBe(0)
    const records = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
    expect(records.map((record) => record.network)).toEqual(["mobilenet_v2", "resnet18"])
    for (const record of records) {
      expect(Object.keys(record.totals).sort()).toEqual(["areaMm2", "cycles", "energyMj", "latencyMs", "macs", "utilization"])
      expect(Object.keys(record.layers[0]).sort()).toEqual(
        ["accesses", "cycles", "dataflow", "energyByLevel", "energyPj", "feasible", "macs", "name", "reason", "utilization"].sort(),
      )
      // A hierarchical layer's energy per level (and its MACs' and network's) sums to its energy.
      for (const layer of record.layers as { energyPj: number; energyByLevel: Record<string, number> }[])
        expect(Object.values(layer.energyByLevel).reduce((a, b) => a + b, 0) / layer.energyPj).toBeCloseTo(1, 9)
      const macs = record.layers.reduce((sum: number, layer: { macs: number }) => sum + layer.macs, 0)
      expect(record.totals.macs).toBe(macs)
      // 200 MHz: latency is cycles / 200e3 ms.
      expect(record.totals.latencyMs).toBeCloseTo(record.totals.cycles / 200e3, 9)
    }
    // Zoo MAC totals (docs/network.md): MobileNetV2 300,774,272; the conv and FC layers carry them all.
    expect(records[0].totals.macs).toBe(300774272)
  })

  it("reads a hierarchical accelerator from JSON and gives the preset's figures", async () => {
    const file = join(scratch, "eyeriss.json")
    writeFileSync(file, JSON.stringify(eyerissV1Like))
    const fromFile = await runInProcess(["evaluate", "--network", "resnet18", "--accelerator", file, "--json"])
    const fromPreset = await runInProcess(["evaluate", "--network", "resnet18", "--accelerator", "eyeriss-v1-like", "--json"])
    expect(fromFile.code).toBe(0)
    expect(JSON.parse(fromFile.stdout).totals).toEqual(JSON.parse(fromPreset.stdout).totals)
  })

  it("refuses bad input with a message naming it, and prints nothing else", async () => {
    const unknown = await runInProcess(["evaluate", "--network", "resnet18", "--accelerator", "tpu-v9"])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('"tpu-v9" is not a preset')
    expect(unknown.stdout).toBe("")
    const broken = join(scratch, "broken.json")
    writeFileSync(broken, JSON.stringify({ ...eyerissV1Like, array: { ...eyerissV1Like.array, x: 0 } }))
    const invalid = await runInProcess(["evaluate", "--network", "resnet18", "--accelerator", broken])
    expect(invalid.code).toBe(1)
    expect(invalid.stderr).toContain("array.x")
    const flow = await runInProcess(["evaluate", "--network", "resnet18", "--accelerator", "maestro-256pe", "--dataflow", "zigzag"])
    expect(flow.code).toBe(2)
    const missing = await runInProcess(["evaluate", "--network", "resnet18", "--network", "nope.json", "--accelerator", "maestro-256pe"])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('"nope.json" does not exist')
    expect(missing.stdout).toBe("")
  })

  it("evaluates every preset of every kind, cortex-a53 and imac among them", async () => {
    for (const name of acceleratorKinds.presetNames) {
      const run = await runInProcess(["evaluate", "--network", "ffnn:256-256-10", "--accelerator", name, "--json"])
      expect(run.code, name).toBe(0)
      const record = JSON.parse(run.stdout)
      expect(record.accelerator).toBe(name)
      expect(Object.keys(record)).toEqual(["network", "accelerator", "feasible", "layers", "totals"])
    }
    const cpu = await runInProcess(["evaluate", "--network", "ffnn:256-256-10", "--accelerator", "cortex-a53"])
    expect(cpu.stdout).toContain("cycles       - (not modeled)")
    expect(cpu.stdout).toMatch(/latency {6}\d+\.\d{3} ms/)
    const refused = await runInProcess(["evaluate", "--network", "ffnn", "--accelerator", "cortex-a53", "--dataflow", "ws"])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('--dataflow "ws" needs a hierarchical or systolic accelerator; the CPU "cortex-a53"')
  })

  it("schedules a system file whose units name presets, and names a bad preset's path", async () => {
    const file = join(scratch, "preset-system.json")
    const units = [
      { name: "a53", preset: "cortex-a53" },
      { name: "imac", preset: "imac" },
    ]
    writeFileSync(file, JSON.stringify({ name: "presets", units, links: [], hostPath: lpddr4HostPath }))
    const run = await runInProcess(["evaluate", "--network", "ffnn:256-256-10", "--accelerator", file, "--json"])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).system).toBe("presets")
    const bad = join(scratch, "bad-preset-system.json")
    writeFileSync(bad, JSON.stringify({ name: "bad", units: [{ name: "a53", preset: "cortex-a99" }], links: [], hostPath: lpddr4HostPath }))
    const refused = await runInProcess(["evaluate", "--network", "ffnn", "--accelerator", bad])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('units[0].preset: units[0].preset "cortex-a99" is not an accelerator preset')
  })

  it("refuses a mapping file for layers the network does not have, and accounting where it does not apply", async () => {
    const network = join(maestro, "L2_kcp_ws.m")
    // L2's own directives on another network: no layer of that name there.
    const elsewhere = await runInProcess(["evaluate", "--network", "resnet18", "--accelerator", "maestro-256pe", "--mapping", network])
    expect(elsewhere.code).toBe(1)
    expect(elsewhere.stderr).toContain(
      `mapping file "${network}": layer "L2_r50_res2_3x3" is not a compute layer of "resnet18" (its 21: "stem/conv"`,
    )
    // MAESTRO's dataflows under --accounting: physical enforces the buffer sizes MAESTRO reports but does not enforce.
    const physical = await runInProcess([
      "evaluate",
      "--network",
      network,
      "--accelerator",
      "maestro-256pe",
      "--dataflow",
      "kcp_ws",
      "--accounting",
      "physical",
    ])
    expect(physical.stdout).toContain(
      'infeasible at L2_r50_res2_3x3 (capacity): layer "L2_r50_res2_3x3": level 1 "L2": tiles need 5768 bytes',
    )
    const timeloop = await runInProcess([
      "evaluate",
      "--network",
      network,
      "--accelerator",
      "maestro-256pe",
      "--dataflow",
      "kcp_ws",
      "--accounting",
      "timeloop",
    ])
    expect(timeloop.stdout).toContain("MAESTRO's directives are evaluated as MAESTRO does or physically")
    const system = await runInProcess(["evaluate", "--network", "ffnn", "--accelerator", "mensa", "--accounting", "timeloop"])
    expect(system.code).toBe(1)
    expect(system.stderr).toContain('--accounting timeloop applies to one hierarchical accelerator; the system "mensa"')
  })
})
