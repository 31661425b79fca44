import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { decodeExperiment, runStudy } from "@cosearch/engine"
import { analyzeNetworkOrThrow, buildZooNetwork, countNetwork, onnxFromNetwork } from "@cosearch/network"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { freshDatabase, storeAt } from "./engine-test-kit.js"

describe("a network file as the fixed network of a hardware search", () => {
  it("searches a systolic array for an ONNX model read from beside the experiment, its MACs the model's", async () => {
    const folder = mkdtempSync(join(tmpdir(), "cosearch-onnx-"))
    const built = buildZooNetwork("mobilenet_v2")
    if (!built.ok) throw new Error(built.message)
    const analyzed = analyzeNetworkOrThrow(built.network)
    const written = onnxFromNetwork(analyzed)
    if (!written.ok) throw new Error(written.errors.join("\n"))
    writeFileSync(join(folder, "model.onnx"), written.bytes)
    const raw = {
      name: "onnx-search",
      space: "systolic-knobs",
      evaluator: { kind: "cost", network: "model.onnx" },
      objectives: [{ metric: "cycles", direction: "minimize" }],
      optimizer: { name: "random" },
      budget: { trials: 6 },
      seed: 3,
    }
    const experiment = await Effect.runPromise(decodeExperiment(raw, { source: "test", baseDirectory: folder }))
    const store = storeAt(freshDatabase())
    const report = await Effect.runPromise(runStudy(experiment, { workers: 1, store }))
    expect(report.counts.complete).toBe(6)
    const trials = await store.trials(report.study.id)
    const macs = countNetwork(analyzed, "int8").totals.macs
    for (const trial of trials) expect(trial.metrics?.macs).toBe(macs)
    // A file that is not there is named, relative path and resolved one.
    const missing = await Effect.runPromise(
      Effect.either(
        decodeExperiment({ ...raw, evaluator: { kind: "cost", network: "gone.onnx" } }, { source: "test", baseDirectory: folder }),
      ),
    )
    expect(JSON.stringify(missing)).toContain('cannot read network file \\"gone.onnx\\"')
  })
})
