import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { eyerissV1Like, maestro256Pe, parseScaleSimConfig, readMaestroHardware, systolicPresets } from "@cosearch/accelerator"
import { evaluateMapping, readTimeloopSpec } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"

const maestro = new URL("../../../packages/cost/data/maestro/", import.meta.url).pathname
const scalesim = new URL("../../../packages/cost/data/scalesim/", import.meta.url).pathname
const scratch = mkdtempSync(join(tmpdir(), "cosearch-convert-"))

/** `cosearch convert` of one network under a dataflow. */
const convert = (to: string, accelerator: string, network: string, dataflow: string, out: string) =>
  runInProcess(["convert", "--to", to, "--accelerator", accelerator, "--network", network, "--dataflow", dataflow, "--out", out])

describe("cosearch convert", () => {
  it("writes MAESTRO files that cosearch reads back to the same evaluation, for MAESTRO's dataflows and the mapper's families", async () => {
    const network = join(maestro, "L2_kcp_ws.m")
    for (const dataflow of ["kcp_ws", "rs", "xp_ws", "ykp_os", "yxp_os", "kc-partitioned", "yk-partitioned"]) {
      const out = join(scratch, `maestro-${dataflow}`)
      const converted = await convert("maestro", "maestro-256pe", network, dataflow, out)
      expect(converted.code).toBe(0)
      expect(readdirSync(out).sort()).toEqual(["L2_r50_res2_3x3.m", "maestro-256pe.m"])
      const hardware = readMaestroHardware(readFileSync(join(out, "maestro-256pe.m"), "utf8"))
      if (!hardware.ok) throw new Error(hardware.errors.join("\n"))
      expect({ ...hardware.accelerator, name: maestro256Pe.name }).toEqual(maestro256Pe)
      const direct = await runInProcess([
        "evaluate",
        "--network",
        network,
        "--accelerator",
        "maestro-256pe",
        "--dataflow",
        dataflow,
        "--json",
      ])
      const written = join(out, "L2_r50_res2_3x3.m")
      const back = await runInProcess([
        "evaluate",
        "--network",
        written,
        "--accelerator",
        join(out, "maestro-256pe.m"),
        "--mapping",
        written,
        "--json",
      ])
      expect([direct.code, back.code]).toEqual([0, 0])
      const [a, b] = [JSON.parse(direct.stdout), JSON.parse(back.stdout)]
      expect(b.totals.macs).toBe(a.totals.macs)
      // MAESTRO's dataflows come back exactly; a family's mapping comes back as MAESTRO runs it
      // (its clusters restarted at each DRAM step), never faster.
      if (dataflow.includes("_")) expect(b.totals.cycles).toBe(a.totals.cycles)
      else expect(b.totals.cycles).toBeGreaterThanOrEqual(a.totals.cycles)
    }
  })

  it("writes Timeloop YAML (architecture, ERT, per layer a problem and a mapping) that reads back to the same design and cost", async () => {
    const out = join(scratch, "timeloop")
    const network = join(maestro, "L2_kcp_ws.m")
    const converted = await convert("timeloop", "eyeriss-v1-like", network, "row-stationary", out)
    expect(converted.code).toBe(0)
    const layer = join(out, "L2_r50_res2_3x3", "L2_r50_res2_3x3")
    const read = readTimeloopSpec({
      yaml: [
        readFileSync(join(out, "architecture.yaml"), "utf8"),
        readFileSync(`${layer}.problem.yaml`, "utf8"),
        readFileSync(`${layer}.mapping.yaml`, "utf8"),
      ],
      ert: readFileSync(join(out, "ERT.yaml"), "utf8"),
    })
    if (!read.ok) throw new Error(read.errors.join("\n"))
    expect(read.spec.accelerator).toEqual(eyerissV1Like)
    const { nest, mapping } = read.spec
    if (nest === undefined || mapping === undefined) throw new Error("no problem or no mapping read back")
    expect([nest.K, nest.C, nest.P, nest.Q, nest.R, nest.S]).toEqual([64, 64, 56, 56, 3, 3])
    const cost = evaluateMapping(nest, read.spec.accelerator, mapping)
    const direct = await runInProcess([
      "evaluate",
      "--network",
      network,
      "--accelerator",
      "eyeriss-v1-like",
      "--dataflow",
      "row-stationary",
      "--json",
    ])
    expect(cost.feasible && cost.cycles).toBe(JSON.parse(direct.stdout).layers[0].cycles)
  })

  it("writes a SCALE-Sim config and topologies that SCALE-Sim's own files equal", async () => {
    const out = join(scratch, "scalesim")
    const layers = ["L1", "L2", "L3", "L5", "L7"]
    const converted = await runInProcess([
      "convert",
      "--to",
      "scalesim",
      "--accelerator",
      join(scalesim, "a32_ws.cfg"),
      ...layers.flatMap((layer) => ["--network", join(scalesim, `${layer}.csv`)]),
      "--out",
      out,
    ])
    expect(converted.code).toBe(0)
    for (const layer of layers) {
      const [original, written] = [join(scalesim, `${layer}.csv`), join(out, `${layer}.csv`)].map((path) =>
        readFileSync(path, "utf8")
          .trim()
          .split("\n")
          .map((line) => line.replace(/\s+/g, "")),
      )
      expect(written).toEqual(original)
    }
    const config = readdirSync(out).find((file) => file.endsWith(".cfg"))
    const original = parseScaleSimConfig(readFileSync(join(scalesim, "a32_ws.cfg"), "utf8"))
    expect(parseScaleSimConfig(readFileSync(join(out, config ?? ""), "utf8"))).toEqual(original)
    expect(original.ok && original.config.array.rows).toBe(systolicPresets["systolic-32x32"].rows)
  })

  it("refuses what a tool cannot take, by name, exit 1, writing nothing", async () => {
    const out = join(scratch, "refused")
    // A usage error exits 2, as every command's; a design the tool cannot take, 1.
    const cases: [string[], number, RegExp][] = [
      [["--to", "zigzag", "--accelerator", "maestro-256pe"], 2, /--to "zigzag" is not a peer tool; use one of maestro, timeloop, scalesim/],
      [["--to", "scalesim", "--accelerator", "maestro-256pe"], 1, /--to scalesim needs a systolic array; "maestro-256pe" is hierarchical/],
      [
        ["--to", "maestro", "--accelerator", "systolic-32x32"],
        1,
        /--to maestro needs a hierarchical accelerator; "systolic-32x32" is systolic/,
      ],
    ]
    for (const [args, code, message] of cases) {
      const run = await runInProcess(["convert", ...args, "--out", out])
      expect(run.code).toBe(code)
      expect(run.stderr).toMatch(message)
      expect(existsSync(out)).toBe(false)
    }
    // A depthwise layer has no MAESTRO CONV form: left out and named, the others written.
    const partial = join(scratch, "partial")
    const run = await convert("maestro", "maestro-256pe", "mobilenet_v2", "kc-partitioned", partial)
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(
      /mobilenet_v2\/stage1\/block1\/depthwise\/dw: left out: layer "stage1\/block1\/depthwise\/dw": G=32: MAESTRO has no groups/,
    )
    expect(run.stderr).toMatch(/mobilenet_v2\/stem\/conv: written as stem_conv \(MAESTRO's names are identifiers\)/)
    expect(readFileSync(join(partial, "mobilenet_v2.m"), "utf8")).toMatch(/Layer stem_conv \{/)
  })

  it("writes a zoo network MAESTRO and cosearch read back to the same cycles, partial last folds included", async () => {
    // ResNet-18's 7x7 output layers under yxp_os and its 512-filter layers under rs leave partial
    // folds (padded extents): the directives still have whole sizes, and MAESTRO runs the last fold partial.
    for (const dataflow of ["kcp_ws", "yxp_os", "rs"]) {
      const out = join(scratch, `zoo-${dataflow}`)
      const converted = await convert("maestro", "maestro-256pe", "resnet18", dataflow, out)
      expect(converted.code).toBe(0)
      const written = join(out, "resnet18.m")
      expect(readFileSync(written, "utf8")).not.toMatch(/\d\.\d/)
      const direct = await runInProcess([
        "evaluate",
        "--network",
        "resnet18",
        "--accelerator",
        "maestro-256pe",
        "--dataflow",
        dataflow,
        "--json",
      ])
      const back = await runInProcess(["evaluate", "--network", written, "--accelerator", "maestro-256pe", "--mapping", written, "--json"])
      expect([direct.code, back.code]).toEqual([0, 0])
      const [a, b] = [JSON.parse(direct.stdout), JSON.parse(back.stdout)]
      expect(b.layers.map((layer: { cycles: number }) => layer.cycles)).toEqual(a.layers.map((layer: { cycles: number }) => layer.cycles))
    }
  })
})
