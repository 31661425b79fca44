import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
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
    expect(imported.stdout).toMatch(/^Conv\s+52\s+layers\s+conv2d, depthwise, pointwise$/m)
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

  it("evaluates the real exporters' LSTM models on every preset, with the dims they leave symbolic given by --input-dims", async () => {
    const folder = fileURLToPath(new URL("../../../packages/network/data/onnx/exported/", import.meta.url))
    const models = [
      { file: join(folder, "nnsplit_bidi_lstm.onnx"), dims: "input=1x8" },
      { file: join(folder, "keras_lstm.onnx"), dims: "1x8x5" },
    ]
    for (const { file, dims } of models) {
      const missing = await runInProcess(["network", "import", file])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toMatch(/must be known past the batch: give it \(CLI: --input-dims /)
      const imported = await runInProcess(["network", "import", file, "--input-dims", dims, "--report"])
      expect(imported.code).toBe(0)
      expect(imported.stdout).toMatch(/^LSTM\s+\d+\s+layers\s+unrolled over 8 steps/m)
      const summary = await runInProcess(["network", "summary", file, "--input-dims", dims, "--json"])
      const layerMacs = new Map<string, number>(
        JSON.parse(summary.stdout).layers.flatMap((layer: { name: string; macs: number }) =>
          layer.macs > 0 ? [[layer.name, layer.macs]] : [],
        ),
      )
      expect(layerMacs.size).toBeGreaterThan(0)
      for (const preset of acceleratorKinds.presetNames) {
        const run = await runInProcess(["evaluate", "--network", file, "--input-dims", dims, "--accelerator", preset, "--json"])
        expect({ preset, code: run.code }).toEqual({ preset, code: 0 })
        const result = JSON.parse(run.stdout)
        // IMAC runs dense layers only: it refuses the cells' element-wise layers by name; every other preset costs the model.
        if (preset === "imac")
          expect(result.layers.find((layer: { feasible: boolean }) => !layer.feasible)?.reason).toBe("unsupported-layer")
        else {
          expect({ preset, feasible: result.feasible }).toEqual({ preset, feasible: true })
          // Every costed layer has the network's MACs; a layer left out may only be the first
          // step's recurrent projection, which reads the zero initial state (the Edge TPU models
          // fold it away, as its compiler folds constants).
          const costed = new Map<string, number>(result.layers.map((layer: { name: string; macs: number }) => [layer.name, layer.macs]))
          for (const [name, value] of layerMacs) {
            if (costed.has(name)) expect({ preset, name, macs: costed.get(name) }).toEqual({ preset, name, macs: value })
            else expect({ preset, name }).toEqual({ preset, name: expect.stringMatching(/\/t0\/recurrent_projection$/) })
          }
        }
      }
    }
    const zoo = await runInProcess(["evaluate", "--network", "mobilenet_v2", "--input-dims", "1x3x224x224", "--accelerator", "coral"])
    expect(zoo.code).toBe(1)
    expect(zoo.stderr).toContain('--input-dims applies to ONNX models only, not to the zoo network "mobilenet_v2"')
    const bad = await runInProcess(["network", "import", join(folder, "keras_lstm.onnx"), "--input-dims", "input_1=1x0x5"])
    // A malformed option is a usage error, as every option's (exit 2).
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain(
      '--input-dims: expected [name=]dims such as input=1x3x224x224 (positive integers joined by x), got "input_1=1x0x5"',
    )
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
