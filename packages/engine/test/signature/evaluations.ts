/**
 * The evaluations behind the cost signature (signature.test.ts): 5,000 evaluations across every
 * accelerator kind (Edge TPU, hierarchical, systolic, IMAC, CPU), heterogeneous systems, the
 * engine's `cost`, `area` and `system` evaluators, and the surrogate's analytical samples. Each
 * evaluation is turned into a line of the numbers a user sees (totals and per-layer figures,
 * JSON's shortest round-trip form, so two lines are equal only when every double is). The
 * fixture holds a SHA-256 per group of 100 lines, written from the code before a refactor; the
 * test asserts that the code after it gives the same lines, bit for bit.
 *
 * This file is the one place that calls the cost entry points: when they are renamed or merged,
 * the calls change here and the fixture must not.
 */
import {
  cpuPresets,
  defaultImacAccelerator,
  edgeTpuPresets,
  hierarchicalPresets,
  imacFromKnobs,
  imacKnobs,
  imacKnobsOf,
  systemPresets,
  systolicPresets,
} from "@cosearch/accelerator"
import { type CostResult, costOn, cpuNetworkCost, type DataflowChoice, imacNetworkCost, scheduleNetwork } from "@cosearch/cost"
import { areaEvaluator, costEvaluator, type Evaluation, heteroSystemEntry, lookupSpace, systemEvaluator } from "@cosearch/engine"
import {
  type AnalyzedNetwork,
  analyzeNetworkOrThrow,
  buildZooNetwork,
  lowerNetwork,
  nb201NetworkOf,
  nb201Space,
  toNetwork,
} from "@cosearch/network"
import { type Configuration, sampleMany } from "@cosearch/space"
import { sampleEdgeTpuJoint } from "@cosearch/surrogate"

/** One group of the signature: its name and the lines of its evaluations, in order. */
export interface SignatureGroup {
  readonly name: string
  readonly lines: readonly string[]
}

const zoo = (spec: string): AnalyzedNetwork => {
  const built = buildZooNetwork(spec)
  if (!built.ok) throw new Error(`zoo network "${spec}": ${built.message}`)
  return analyzeNetworkOrThrow(built.network)
}

const nb201Cells = (n: number, seed: string): AnalyzedNetwork[] =>
  sampleMany(nb201Space, n, seed).map((configuration) => analyzeNetworkOrThrow(nb201NetworkOf(configuration)))

const line = (value: unknown): string => JSON.stringify(value)

/** The figures of a `CostResult` (totals, and each layer's figures when `layers`). */
const recordLine = (record: CostResult, layers: boolean): string =>
  line({
    network: record.network,
    accelerator: record.accelerator,
    feasible: record.feasible,
    totals: record.totals,
    layers: layers
      ? record.layers.map((layer) => [
          layer.name,
          layer.dataflow,
          layer.macs,
          layer.cycles,
          layer.utilization,
          layer.energyPj,
          layer.accesses,
          layer.feasible,
          layer.reason,
        ])
      : record.layers.length,
  })

const evaluationLine = (evaluation: Evaluation): string => line({ metrics: evaluation.metrics, infeasible: evaluation.infeasible ?? null })

const space = (name: string) => {
  const found = lookupSpace(name)
  if (!found.ok) throw new Error(found.message)
  return found.entry
}

/** Runs an engine evaluator over sampled configurations of a built-in space. */
const evaluatorLines = async (
  kind: { create: (settings: never, context: never) => unknown },
  settings: object,
  spaceName: string,
  n: number,
  seed: string,
): Promise<string[]> => {
  const entry = space(spaceName)
  const create = kind.create as (s: object, c: object) => Promise<(c: object) => Evaluation | Promise<Evaluation>>
  const evaluate = await create(settings, { space: entry.space, entry, baseDirectory: "." })
  const lines: string[] = []
  for (const [number, configuration] of sampleMany(entry.space, n, seed).entries())
    lines.push(evaluationLine(await evaluate({ study: "signature", number, configuration })))
  return lines
}

/** The signature's groups; together 5,000 evaluations. */
export const signatureGroups = async (): Promise<SignatureGroup[]> => {
  const groups: SignatureGroup[] = []
  const cells = nb201Cells(40, "signature-nb201")
  const cnns = ["mobilenet_v2", "mobilenet_v3_small", "resnet18", "efficientnet_edgetpu_s", "mobilenet_v1:resolution=128"].map((spec) =>
    spec.includes(":") ? zooWith(spec) : zoo(spec),
  )
  const sequences = [
    zoo("ffnn"),
    zoo("ffnn:64-512-512-512-12"),
    zoo("lstm_encoder:layers=1,hidden=256,steps=4,features=40"),
    zoo("transducer:encoder=1,hidden=256,steps=2,features=40,prediction=1,embedding=64,joint=128,vocab=256"),
  ]

  // Edge TPU presets: every layer of every network (600 evaluations).
  {
    const lines: string[] = []
    for (const network of [...cnns, ...sequences.slice(0, 2), ...cells, ...nb201Cells(150, "signature-nb201-edgetpu")])
      for (const [name, accelerator] of Object.entries(edgeTpuPresets))
        lines.push(recordLine(costOn({ kind: "edgetpu", name, accelerator }, network, { layers: true }), true))
    groups.push({ name: "edgetpu-presets", lines: lines.slice(0, 600) })
  }

  // Hierarchical presets: the mapper over every dataflow and objective, layers included (200).
  {
    const lines: string[] = []
    const flows: DataflowChoice[] = ["auto", "row-stationary", "ws", "os"]
    for (const network of cells.slice(0, 25))
      for (const [name, accelerator] of Object.entries(hierarchicalPresets))
        for (const [i, dataflow] of flows.entries())
          lines.push(
            recordLine(
              costOn({ kind: "hierarchical", name, accelerator }, network, {
                layers: true,
                dataflow,
                objective: i % 2 === 0 ? "latency" : "energy",
              }),
              true,
            ),
          )
    for (const network of cnns.slice(0, 2))
      for (const [name, accelerator] of Object.entries(hierarchicalPresets))
        for (const objective of ["latency", "energy", "edp"] as const)
          lines.push(recordLine(costOn({ kind: "hierarchical", name, accelerator }, network, { layers: true, objective }), true))
    groups.push({ name: "hierarchical-presets", lines: lines.slice(0, 200) })
  }

  // Systolic presets: SCALE-Sim's model per dataflow (200).
  {
    const lines: string[] = []
    for (const network of [...cells, ...cnns])
      for (const [name, array] of Object.entries(systolicPresets))
        for (const dataflow of ["auto", "os", "ws", "is"] as const)
          lines.push(recordLine(costOn({ kind: "systolic", name, accelerator: array }, network, { layers: true, dataflow }), true))
    groups.push({ name: "systolic-presets", lines: lines.slice(0, 200) })
  }

  // CPU presets: the roofline per layer (200). The presets the fixture was written with (later
  // ones, such as the calibrated cortex-a53-sd450, are checked against their measurements).
  {
    const lines: string[] = []
    for (const network of [...cells, ...cnns, ...sequences])
      for (const name of ["cortex-a53"] as const) {
        const cpu = cpuPresets[name]
        const cost = cpuNetworkCost(lowerNetwork(network), cpu)
        lines.push(
          line({
            network: network.name,
            name,
            latencySeconds: cost.latencySeconds,
            energyPj: cost.energyPj,
            operations: cost.operations,
            dramBytes: cost.dramBytes,
            weightsCached: cost.weightsCached,
            layers: cost.layers.map((layer) => [layer.layer, layer.latencySeconds, layer.energyPj]),
          }),
        )
      }
    while (lines.length < 200) lines.push(...lines.slice(0, 200 - lines.length))
    groups.push({ name: "cpu-presets", lines: lines.slice(0, 200) })
  }

  // IMAC: the default unit and sampled knobs on FC and sequence networks (300).
  {
    const lines: string[] = []
    const units = [defaultImacAccelerator, ...sampleMany(imacKnobs, 74, "signature-imac").map((c) => imacFromKnobs(imacKnobsOf(c)))]
    for (const network of sequences)
      for (const unit of units) {
        const cost = imacNetworkCost(lowerNetwork(network), unit)
        lines.push(
          line({
            network: network.name,
            feasible: cost.feasible,
            latencySeconds: cost.feasible ? cost.latencySeconds : null,
            energyPj: cost.feasible ? cost.energyPj : null,
            crossbars: cost.crossbars,
            layers: cost.layers.map((layer) => (layer.feasible ? [layer.latencySeconds, layer.energyPj, layer.crossbars] : [layer.reason])),
          }),
        )
      }
    groups.push({ name: "imac", lines: lines.slice(0, 300) })
  }

  // Systems: every preset, every objective, schedules per layer (300).
  {
    const lines: string[] = []
    const networks = [...cnns, ...sequences, ...cells.slice(0, 25)]
    for (const network of networks)
      for (const system of Object.values(systemPresets))
        for (const objective of ["latency", "energy", "edp"] as const) {
          const result = scheduleNetwork(toNetwork(network), system, objective)
          lines.push(
            line(
              result.ok
                ? {
                    feasible: result.schedule.feasible,
                    latencySeconds: result.schedule.latencySeconds,
                    energyPj: result.schedule.energyPj,
                    throughput: result.schedule.throughputPerSecond,
                    assignment: result.schedule.assignment,
                    busy: result.schedule.unitBusySeconds,
                  }
                : { issues: result.issues },
            ),
          )
        }
    groups.push({ name: "systems", lines: lines.slice(0, 300) })
  }

  // The engine's cost evaluator on joint and knob spaces (2,000), its area evaluator (600),
  // and its system evaluator on the hetero-system space (100).
  groups.push({
    name: "cost-evaluator-nb201-edgetpu",
    lines: await evaluatorLines(costEvaluator, { kind: "cost" }, "nb201-edgetpu", 1000, "signature-joint"),
  })
  groups.push({
    name: "cost-evaluator-edgetpu-joint",
    lines: await evaluatorLines(costEvaluator, { kind: "cost" }, "edgetpu-joint", 300, "signature-edgetpu-joint"),
  })
  groups.push({
    name: "cost-evaluator-systolic-knobs",
    lines: await evaluatorLines(costEvaluator, { kind: "cost", network: "mobilenet_v2" }, "systolic-knobs", 300, "signature-systolic"),
  })
  groups.push({
    name: "cost-evaluator-hierarchical-nb201",
    lines: await evaluatorLines(costEvaluator, { kind: "cost", accelerator: "eyeriss-v1-like" }, "nb201", 200, "signature-eyeriss"),
  })
  groups.push({
    name: "cost-evaluator-apollo",
    lines: await evaluatorLines(costEvaluator, { kind: "cost", network: "mobilenet_v2" }, "apollo-edgetpu-knobs", 200, "signature-apollo"),
  })
  groups.push({
    name: "area-evaluator",
    lines: [
      ...(await evaluatorLines(areaEvaluator, { kind: "area" }, "edgetpu-knobs", 300, "signature-area")),
      ...(await evaluatorLines(areaEvaluator, { kind: "area" }, "systolic-knobs", 300, "signature-area")),
    ],
  })
  groups.push({
    name: "system-evaluator",
    lines: await evaluatorLines(
      systemEvaluator,
      { kind: "system", networks: ["mobilenet_v2", "lstm_encoder:layers=1,hidden=256,steps=4,features=40"], objective: "edp" },
      heteroSystemEntry.name,
      100,
      "signature-system",
    ),
  })

  // The surrogate's analytical samples of edgetpu-joint (500).
  {
    const samples = sampleEdgeTpuJoint({ designs: 499, designsPerNetwork: 25, seed: "signature-samples" })
    const width = samples.latencyMs.featureNames.length
    const lines = samples.configurations.map((configuration: Configuration, i: number) =>
      line({
        configuration,
        latencyMs: samples.latencyMs.targets[i],
        energyMj: samples.energyMj.targets[i],
        features: Array.from(samples.latencyMs.features.subarray(i * width, (i + 1) * width)),
      }),
    )
    lines.push(line({ infeasible: samples.infeasible, networks: samples.networks }))
    groups.push({ name: "surrogate-samples", lines })
  }
  return groups
}

function zooWith(spec: string): AnalyzedNetwork {
  const [name, options] = spec.split(":") as [string, string]
  const [key, value] = options.split("=") as [string, string]
  const built = buildZooNetwork(name, { [key]: Number(value) })
  if (!built.ok) throw new Error(`zoo network "${spec}": ${built.message}`)
  return analyzeNetworkOrThrow(built.network)
}
