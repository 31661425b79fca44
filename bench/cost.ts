/**
 * How fast the cost model evaluates: the hierarchical model on one layer with a fixed mapping
 * (ResNet-18's first 3x3 conv, 64 -> 64 at 56x56, on the maestro-256pe preset); and the
 * systolic-array mode (SCALE-Sim's model) — full layer records and cycles only per layer, and
 * whole ResNet-50 and MobileNetV2 networks — over 3 dataflows x 5 array shapes (square and
 * non-square); the mapper on every conv/matmul layer of ResNet-50 and MobileNetV2 (kc-partitioned with its
 * default bound of 32 mappings, and auto with 64); whole networks on the hierarchical model with
 * a fixed dataflow (kc-partitioned, one mapping per layer, the on-chip hand-off included):
 *
 * - `mobilenetV2EvalsPerSec` (and `resnet50EvalsPerSec`): `evaluateNetworkTotals` on a stream of
 *   different accelerators — every evaluation builds a new accelerator object from the next of 60
 *   knob settings (L2 capacity, L1 capacity, off-chip bandwidth), so nothing is remembered from
 *   one evaluation to the next: each one validates the accelerator and maps every distinct layer
 *   shape of the network (31 distinct among MobileNetV2's 53 compute layers, 24 among
 *   ResNet-50's 54), then sums the layers with the on-chip hand-off;
 * - `mobilenetV2EvalsPerSecFixedAccelerator`: the same on one accelerator object, so every layer
 *   shape after the first evaluation comes from the shape memo (the network sum is still done);
 * - `mobilenetV2RecordsEvalsPerSec`: `evaluateNetwork` on the fixed accelerator, with a mapping
 *   and a full record per layer (no memo).
 *
 * Flags: `--seconds S` (CPU time per figure, default 1). Each figure is evaluations per CPU second
 * of this process (user + system time), the fastest of five equal windows: a rate per core that
 * waiting for a core held by other work does not lower. Ends stdout with one JSON line, which also
 * gives the CPUs, the 1-minute load average and what the figures measure.
 *
 * `mobilenetV2EdgeTpuEvalsPerSec`: the Edge TPU template (docs/edgetpu.md) on MobileNetV2, prepared
 * once (`edgeTpuWorkload`), each evaluation on the next of 64 designs sampled from `edgeTpuKnobs`.
 *
 * @example
 * // pnpm -s bench cost --seconds 0.5
 */
import { availableParallelism, loadavg } from "node:os"
import {
  type EdgeTpuKnobs,
  edgeTpuFromKnobs,
  edgeTpuKnobs,
  edgeTpuKnobsOf,
  type HierarchicalAccelerator,
  maestro256Pe,
  type SystolicArray,
  systolicPresets,
} from "@cosearch/accelerator"
import {
  edgeTpuWorkload,
  evaluateEdgeTpu,
  evaluateMapping,
  evaluateNetwork,
  evaluateNetworkTotals,
  type Mapping,
  mapLayer,
  systolicLayerCost,
  systolicLayerCycles,
  systolicNetworkCost,
} from "@cosearch/cost"
import { analyzeNetworkOrThrow, buildZooNetwork, type LoopNest, lowerNetwork } from "@cosearch/network"
import { sampleMany } from "@cosearch/space"

const computeNests = (spec: string): LoopNest[] => {
  const built = buildZooNetwork(spec)
  if (!built.ok) throw new Error(built.message)
  return lowerNetwork(analyzeNetworkOrThrow(built.network)).filter((nest) => nest.kind === "conv" || nest.kind === "matmul")
}

const arrays: SystolicArray[] = (["os", "ws", "is"] as const).flatMap((dataflow) =>
  (
    [
      [32, 32],
      [128, 128],
      [64, 16],
      [16, 256],
      [8, 8],
    ] as const
  ).map(([rows, columns]) => ({ ...systolicPresets["systolic-32x32"], rows, columns, dataflow })),
)

/** The knob settings of the accelerator stream: L2 bytes x L1 bytes x off-chip bytes per cycle (60). */
const streamKnobs = [1024, 3000, 8192, 32768, 131072].flatMap((l2) =>
  [64, 100, 256, 1024].flatMap((l1) => [16, 50, 128].map((dram) => ({ l2, l1, dram }))),
)

/** A new maestro-256pe-like accelerator object with the `i`-th knob setting of the stream. */
const streamAccelerator = (i: number): HierarchicalAccelerator => {
  const knobs = streamKnobs[i % streamKnobs.length] ?? { l2: 3000, l1: 100, dram: 50 }
  const [dram, l2, l1] = maestro256Pe.levels
  if (dram === undefined || l2 === undefined || l1 === undefined) throw new Error("maestro-256pe has three levels")
  return {
    ...maestro256Pe,
    name: `maestro-stream-${i % streamKnobs.length}`,
    levels: [
      { ...dram, bandwidthBytesPerCycle: knobs.dram },
      { ...l2, capacityBytes: knobs.l2 },
      { ...l1, capacityBytes: knobs.l1 },
    ],
  }
}

/** Windows a figure's time is cut into; the figure is the fastest window's rate. */
const windows = 5

/** CPU seconds this process has used (user + system, every thread: the main one and V8's helpers). */
const cpuSeconds = (): number => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

/**
 * Runs `body` (which makes `per` evaluations) for at least `seconds` of CPU time, in `windows`
 * equal windows after a warm-up, and returns the evaluations per CPU second of the fastest window:
 * a rate per core. CPU time rather than wall-clock time, so that waiting for a core that other work
 * holds does not count; on a loaded machine the rate still understates an idle core's (shared
 * caches, a busy sibling hyperthread), and the fastest window is the least disturbed.
 */
const rate = (per: number, body: () => number, seconds: number): number => {
  let sink = 0
  for (let i = 0; i < 200; i++) sink += body()
  let best = 0
  // Calls between clock reads, doubled until a batch takes a millisecond (reading the CPU clock
  // is a system call).
  let batch = 1
  for (let w = 0; w < windows; w++) {
    let evaluations = 0
    const start = cpuSeconds()
    let elapsed = 0
    while (elapsed < seconds / windows) {
      for (let i = 0; i < batch; i++) sink += body()
      evaluations += per * batch
      const before = elapsed
      elapsed = cpuSeconds() - start
      if (elapsed - before < 0.001) batch *= 2
    }
    best = Math.max(best, evaluations / elapsed)
  }
  if (sink === -1) console.log(sink)
  return Math.round(best)
}

const parseSeconds = (args: readonly string[]): number => {
  if (args.length === 0) return 1
  const seconds = Number(args[1])
  if (args[0] !== "--seconds" || !(seconds > 0) || args.length !== 2) throw new Error(`flags: --seconds S (> 0), got "${args.join(" ")}"`)
  return seconds
}

/**
 * Runs the cost bench (see the file comment).
 *
 * @example
 * main(["--seconds", "0.5"])
 */
export const main = (args: string[]): void => {
  const seconds = parseSeconds(args)
  const conv3x3 = computeNests("resnet18").find((nest) => nest.layer === "stage1/block1/conv1/conv")
  if (conv3x3 === undefined) throw new Error("resnet18 has no stage1/block1/conv1/conv")
  // K and C over the 16x16 PEs, P and Q tiled through the on-chip buffer, the window innermost.
  const mapping: Mapping = {
    levels: [
      { factors: { K: 4, C: 8, P: 28, Q: 28 }, order: ["K", "C", "P", "Q"] },
      { factors: { Q: 2, P: 2 }, order: ["P", "Q"] },
      { factors: { R: 3, S: 3, C: 2 }, order: ["C", "R", "S"] },
    ],
    spatial: { x: { K: 16 }, y: { C: 4 } },
  }
  const check = evaluateMapping(conv3x3, maestro256Pe, mapping)
  if (!check.feasible) throw new Error(check.message)
  const fixedEvals = rate(
    1000,
    () => {
      let total = 0
      for (let i = 0; i < 1000; i++) {
        const cost = evaluateMapping(conv3x3, maestro256Pe, mapping)
        if (cost.feasible) total += cost.cycles
      }
      return total
    },
    seconds,
  )
  console.log(`hierarchical layer, fixed mapping:   ${fixedEvals.toLocaleString("en-US")} /s`)
  const resnet = computeNests("resnet50")
  const mobilenet = computeNests("mobilenet_v2")
  const mixed = [...resnet, ...mobilenet]
  const mapper = (dataflow: "kc-partitioned" | "auto"): number =>
    rate(
      mixed.length,
      () => {
        let total = 0
        for (const nest of mixed) {
          const mapped = mapLayer(nest, maestro256Pe, { dataflow })
          if (mapped.feasible) total += mapped.cycles
        }
        return total
      },
      seconds,
    )
  const mapperEvals = mapper("kc-partitioned")
  console.log(`hierarchical layer, mapper (kc-partitioned, 32 mappings):  ${mapperEvals.toLocaleString("en-US")} /s`)
  const autoEvals = mapper("auto")
  console.log(`hierarchical layer, mapper (auto, 64 mappings):    ${autoEvals.toLocaleString("en-US")} /s`)
  const fixedDataflow = { dataflow: "kc-partitioned", maxMappings: 1 } as const
  /** Networks per second; `evaluate` makes one network evaluation and returns its result. */
  const networks = (label: string, evaluate: () => { feasible: boolean; cycles?: number }): number => {
    const perSecond = rate(1, () => evaluate().cycles ?? 0, seconds)
    console.log(`hierarchical ${label}: ${perSecond.toLocaleString("en-US")} /s`)
    return perSecond
  }
  let streamIndex = 0
  const stream = "kc-partitioned, one mapping per layer, a new accelerator each"
  const mobilenetNetworkEvals = networks(`MobileNetV2 networks (${stream})`, () =>
    evaluateNetworkTotals(mobilenet, streamAccelerator(streamIndex++), fixedDataflow),
  )
  const resnetNetworkEvals = networks(`ResNet-50 networks (${stream})`, () =>
    evaluateNetworkTotals(resnet, streamAccelerator(streamIndex++), fixedDataflow),
  )
  const mobilenetFixedEvals = networks("MobileNetV2 networks (kc-partitioned, one accelerator, layer shapes memoized)", () =>
    evaluateNetworkTotals(mobilenet, maestro256Pe, fixedDataflow),
  )
  const mobilenetRecordsEvals = networks("MobileNetV2 networks with per-layer records (evaluateNetwork)", () =>
    evaluateNetwork(mobilenet, maestro256Pe, fixedDataflow),
  )
  const layerEvals = rate(
    resnet.length * arrays.length,
    () => {
      let total = 0
      for (const array of arrays) for (const nest of resnet) total += (systolicLayerCost(nest, array) as { cycles?: number }).cycles ?? 0
      return total
    },
    seconds,
  )
  console.log(`systolic layer cost (full record):   ${layerEvals.toLocaleString("en-US")} /s`)
  const cycleEvals = rate(
    resnet.length * arrays.length,
    () => {
      let total = 0
      for (const array of arrays) for (const nest of resnet) total += systolicLayerCycles(nest, array)
      return total
    },
    seconds,
  )
  console.log(`systolic layer cycles only:          ${cycleEvals.toLocaleString("en-US")} /s`)
  const network = (nests: readonly LoopNest[]): number =>
    rate(
      arrays.length,
      () => {
        let total = 0
        for (const array of arrays) total += (systolicNetworkCost(nests, array) as { cycles?: number }).cycles ?? 0
        return total
      },
      seconds,
    )
  const resnetEvals = network(resnet)
  console.log(`systolic ResNet-50 networks:         ${resnetEvals.toLocaleString("en-US")} /s`)
  const mobilenetEvals = network(mobilenet)
  console.log(`systolic MobileNetV2 networks:       ${mobilenetEvals.toLocaleString("en-US")} /s`)
  // The Edge TPU template: MobileNetV2 prepared once, on a new design from the knob space each time.
  const built = buildZooNetwork("mobilenet_v2")
  if (!built.ok) throw new Error(built.message)
  const prepared = edgeTpuWorkload(built.network)
  if (!prepared.ok) throw new Error(prepared.issues[0]?.message)
  const designs = sampleMany(edgeTpuKnobs, 64, "bench-edgetpu").map((config) => edgeTpuKnobsOf(config))
  let designIndex = 0
  const edgeTpuEvals = rate(
    1,
    () => {
      const result = evaluateEdgeTpu(prepared.workload, edgeTpuFromKnobs(designs[designIndex++ % designs.length] as EdgeTpuKnobs))
      return result.feasible ? result.cycles : 0
    },
    seconds,
  )
  console.log(`Edge TPU MobileNetV2 networks (a new design each): ${edgeTpuEvals.toLocaleString("en-US")} /s`)
  console.log(
    JSON.stringify({
      bench: "cost",
      node: process.version,
      // The machine's state: on a loaded machine even CPU-time rates understate an idle core's.
      cpus: availableParallelism(),
      loadAverage1m: Math.round((loadavg()[0] ?? 0) * 10) / 10,
      rates: "evaluations per CPU second of this process (one core), fastest of 5 windows",
      cached:
        "per accelerator object and options: each distinct layer shape mapped once (evaluateNetworkTotals); per mapping object: its reuse plan and sliding overlaps (evaluateMapping); the stream figures build a new accelerator object every evaluation, so no layer result carries over",
      arrays: arrays.length,
      layerEvalsPerSecFixed: fixedEvals,
      layerEvalsPerSecMapper: mapperEvals,
      layerEvalsPerSecMapperAuto: autoEvals,
      mobilenetV2EvalsPerSec: mobilenetNetworkEvals,
      resnet50EvalsPerSec: resnetNetworkEvals,
      mobilenetV2EvalsPerSecFixedAccelerator: mobilenetFixedEvals,
      mobilenetV2RecordsEvalsPerSec: mobilenetRecordsEvals,
      systolicLayerEvalsPerSec: layerEvals,
      systolicLayerCyclesPerSec: cycleEvals,
      resnet50SystolicEvalsPerSec: resnetEvals,
      mobilenetV2SystolicEvalsPerSec: mobilenetEvals,
      mobilenetV2EdgeTpuEvalsPerSec: edgeTpuEvals,
    }),
  )
}
