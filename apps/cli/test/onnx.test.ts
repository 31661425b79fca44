import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { acceleratorKinds } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"

const scratch = mkdtempSync(join(tmpdir(), "cosearch-onnx-"))

describe("ONNX models on the command line", () => {
  it("exports a zoo network as ONNX, imports it with its op report, and evaluates it on every preset as the zoo network", async () => {
    const model = join(scratch, "mobilenet_v2.onnx")
    const exported = await runInProcess(["network", "export", "mobilenet_v2", "--format", "onnx", "--out", model])
    expect(exported.code).toBe(0)
    const imported = await runInProcess(["network", "import", model, "--report", "--out", join(scratch, "mobilenet_v2.json")])
    expect(imported.code).toBe(0)
    expect(imported.stdout).toMatch(/^Conv\s+52\s+layers\s+conv2d, depthwise$/m)
    expect(imported.stdout).toMatch(/^Clip\s+35\s+layers\s+activation relu6$/m)
    // One at a time: a run captures the console.
    const summary = (network: string) => runInProcess(["network", "summary", network, "--json"])
    const fromZoo = await summary("mobilenet_v2")
    const fromOnnx = await summary(model)
    const fromJson = await summary(join(scratch, "mobilenet_v2.json"))
    const totals = (run: { stdout: string }) => JSON.parse(run.stdout).totals
    expect([totals(fromOnnx).macs, totals(fromOnnx).params]).toEqual([totals(fromZoo).macs, totals(fromZoo).params])
    expect(totals(fromJson)).toEqual(totals(fromOnnx))
    for (const preset of acceleratorKinds.presetNames) {
      const zoo = await runInProcess(["evaluate", "--network", "mobilenet_v2", "--accelerator", preset, "--json"])
      const onnx = await runInProcess(["evaluate", "--network", model, "--accelerator", preset, "--json"])
      expect({ preset, code: onnx.code }).toEqual({ preset, code: 0 })
      expect({ preset, totals: JSON.parse(onnx.stdout).totals }).toEqual({ preset, totals: JSON.parse(zoo.stdout).totals })
    }
  })

  it("refuses corrupt, truncated and non-ONNX files with exit 1, writing nothing", async () => {
    const model = join(scratch, "resnet18.onnx")
    expect((await runInProcess(["network", "export", "resnet18", "--format", "onnx", "--out", model])).code).toBe(0)
    const bytes = readFileSync(model)
    const cases: [string, Uint8Array][] = [
      ["truncated.onnx", bytes.subarray(0, Math.floor(bytes.length / 3))],
      ["text.onnx", new TextEncoder().encode("this is not a model\n")],
      ["empty.onnx", new Uint8Array()],
    ]
    for (const [name, content] of cases) {
      const path = join(scratch, name)
      writeFileSync(path, content)
      const out = join(scratch, `${name}.json`)
      const imported = await runInProcess(["network", "import", path, "--out", out])
      expect(imported.code).toBe(1)
      expect(imported.stderr).toContain(`ONNX file "${path}" cannot be read:\n  not an ONNX model`)
      expect(existsSync(out)).toBe(false)
      const evaluated = await runInProcess(["evaluate", "--network", path, "--accelerator", "coral"])
      expect(evaluated.code).toBe(1)
      expect(evaluated.stdout).toBe("")
      expect(evaluated.stderr).toContain(`ONNX file "${path}" cannot be read:`)
    }
  })
})
