import { cpuPreset, edgeTpuPreset } from "@cosearch/accelerator"
import { cpuNetworkCost, edgeTpuWorkload, evaluateEdgeTpu } from "@cosearch/cost"
import { analyzeNetworkOrThrow, ffnn, lowerNetwork } from "@cosearch/network"
import type { FfnnPlatformComparisonConfig } from "./config.js"

/**
 * Latency and energy of one inference on one platform.
 *
 * @example
 * const cost: PlatformCost = { latencySeconds: 1e-4, energyPj: 2e6 }
 */
export interface PlatformCost {
  readonly latencySeconds: number
  readonly energyPj: number
}

/**
 * One classifier of the grid on both platforms.
 *
 * @example
 * runFfnnPlatformComparison(config).cells[0]?.fasterOn // "edgetpu" or "cpu"
 */
export interface FfnnCell {
  readonly width: number
  readonly depth: number
  /** Layer sizes: input features, `depth` hidden layers of `width`, the classes. */
  readonly sizes: readonly number[]
  readonly macs: number
  readonly edgetpu: PlatformCost
  readonly cpu: PlatformCost
  /** Which platform has the lower latency / energy ("tie" never happens with real costs, but is kept honest). */
  readonly fasterOn: "edgetpu" | "cpu"
  readonly cheaperOn: "edgetpu" | "cpu"
}

/**
 * Per depth, the widths of the grid at which the Edge TPU wins, as the crossover points.
 *
 * @example
 * runFfnnPlatformComparison(config).latencyCrossover[0]?.from
 */
export interface FfnnCrossover {
  readonly depth: number
  /** The smallest width at which the Edge TPU wins, or null when it never does. */
  readonly from: number | null
  /** The largest width at which it wins (above it the CPU wins again: weights no longer fit on chip), or null. */
  readonly to: number | null
  /** Every winning width, to show gaps. */
  readonly widths: readonly number[]
}

/**
 * The grid (rows by depth, cells by width) and the crossovers per depth.
 *
 * @example
 * runFfnnPlatformComparison(config).cells.length // widths x depths
 */
export interface FfnnPlatformReport {
  readonly cells: readonly FfnnCell[]
  readonly latencyCrossover: readonly FfnnCrossover[]
  readonly energyCrossover: readonly FfnnCrossover[]
}

/**
 * The layer sizes of a classifier of the grid.
 *
 * @example
 * ffnnSizes(4040, 64, 2, 12) // [4040, 64, 64, 12]
 */
export const ffnnSizes = (features: number, width: number, depth: number, classes: number): number[] => [
  features,
  ...new Array<number>(depth).fill(width),
  classes,
]

const crossover = (cells: readonly FfnnCell[], depths: readonly number[], wins: (cell: FfnnCell) => boolean): FfnnCrossover[] =>
  depths.map((depth) => {
    const widths = cells
      .filter((cell) => cell.depth === depth && wins(cell))
      .map((cell) => cell.width)
      .sort((a, b) => a - b)
    return { depth, from: widths[0] ?? null, to: widths[widths.length - 1] ?? null, widths }
  })

/**
 * Runs the FFNN platform comparison: every width x depth classifier on the Edge TPU preset
 * (`evaluateEdgeTpu` on the whole network: per-inference overhead, I/O over its link, parameter
 * caching) and on the CPU preset (`cpuNetworkCost`). Deterministic.
 *
 * @example
 * const report = runFfnnPlatformComparison(config)
 */
export const runFfnnPlatformComparison = (config: FfnnPlatformComparisonConfig): FfnnPlatformReport => {
  const tpu = edgeTpuPreset(config.edgetpu)
  const cpu = cpuPreset(config.cpu)
  if (tpu === undefined || cpu === undefined) throw new Error("the config names unknown presets")
  const widths = [...config.widths].sort((a, b) => a - b)
  const depths = [...config.depths].sort((a, b) => a - b)
  const cells: FfnnCell[] = []
  for (const depth of depths)
    for (const width of widths) {
      const sizes = ffnnSizes(config.input.features, width, depth, config.classes)
      const network = ffnn(sizes)
      const prepared = edgeTpuWorkload(network)
      if (!prepared.ok) throw new Error(`ffnn ${sizes.join("-")}: ${prepared.issues.map((issue) => issue.message).join("; ")}`)
      const onTpu = evaluateEdgeTpu(prepared.workload, tpu)
      const edgetpu = onTpu.feasible
        ? { latencySeconds: onTpu.latencySeconds, energyPj: onTpu.energyPj }
        : { latencySeconds: Number.POSITIVE_INFINITY, energyPj: Number.POSITIVE_INFINITY }
      const onCpu = cpuNetworkCost(lowerNetwork(analyzeNetworkOrThrow(network)), cpu)
      const cpuCost = { latencySeconds: onCpu.latencySeconds, energyPj: onCpu.energyPj }
      cells.push({
        width,
        depth,
        sizes,
        macs: sizes.slice(1).reduce((sum, units, i) => sum + units * (sizes[i] as number), 0),
        edgetpu,
        cpu: cpuCost,
        fasterOn: edgetpu.latencySeconds < cpuCost.latencySeconds ? "edgetpu" : "cpu",
        cheaperOn: edgetpu.energyPj < cpuCost.energyPj ? "edgetpu" : "cpu",
      })
    }
  return {
    cells,
    latencyCrossover: crossover(cells, depths, (cell) => cell.fasterOn === "edgetpu"),
    energyCrossover: crossover(cells, depths, (cell) => cell.cheaperOn === "edgetpu"),
  }
}
