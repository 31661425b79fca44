import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
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

  it("searches for an exported LSTM whose sequence length the experiment gives (inputDims), and refuses inputDims without an ONNX network", async () => {
    const folder = mkdtempSync(join(tmpdir(), "cosearch-onnx-"))
    copyFileSync(fileURLToPath(new URL("../../network/data/onnx/exported/keras_lstm.onnx", import.meta.url)), join(folder, "lstm.onnx"))
    const raw = {
      name: "lstm-search",
      space: "systolic-knobs",
      evaluator: { kind: "cost", network: "lstm.onnx", inputDims: { input_1: [1, 12, 5] } },
      objectives: [{ metric: "cycles", direction: "minimize" }],
      optimizer: { name: "random" },
      budget: { trials: 4 },
      seed: 5,
    }
    const experiment = await Effect.runPromise(decodeExperiment(raw, { source: "test", baseDirectory: folder }))
    const store = storeAt(freshDatabase())
    const report = await Effect.runPromise(runStudy(experiment, { workers: 1, store }))
    expect(report.counts.complete).toBe(4)
    // 12 steps of Keras's LSTM(3) on 5 features: 4 x 3 x (5 + 3) MACs per step.
    for (const trial of await store.trials(report.study.id)) expect(trial.metrics?.macs).toBe(12 * 4 * 3 * (5 + 3))
    const decode = (evaluator: object) =>
      Effect.runPromise(Effect.either(decodeExperiment({ ...raw, evaluator }, { source: "test", baseDirectory: folder })))
    const symbolic = await decode({ kind: "cost", network: "lstm.onnx" })
    expect(JSON.stringify(symbolic)).toContain("must be known past the batch")
    const zoo = await decode({ kind: "cost", network: "mobilenet_v2", inputDims: { "*": [1, 3, 224, 224] } })
    expect(JSON.stringify(zoo)).toContain('inputDims apply to ONNX models only, not to the zoo network \\"mobilenet_v2\\"')
  })
})
