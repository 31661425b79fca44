import { edgeTpuPresets, lpddr4HostPath } from "@cosearch/accelerator"
import { edgeTpuWorkload, evaluateEdgeTpu } from "@cosearch/cost"
import { ffnn } from "@cosearch/network"
import { Either } from "effect"
import { type RunComparisonOptions, runComparison } from "../src/index.js"

/**
 * A comparison's figures as the CLI's `--json` prints them (plain data, through JSON); a config
 * problem fails the test with its issues.
 *
 * @example
 * const figures = comparisonFigures({ comparison: "tpu-imac", name: "t", objective: "latency", system: "tpu-imac", networks: ["vgg16"] })
 */
export const comparisonFigures = (config: unknown, options: RunComparisonOptions = {}) => {
  const output = runComparison(config, options)
  if (Either.isLeft(output)) throw new Error(JSON.stringify(output.left))
  return JSON.parse(JSON.stringify(output.right.figures))
}

/**
 * A one-unit system reached over the LPDDR4 host path: the input crosses in, the output back,
 * each `bytes / 12.8 GB/s + 100 ns` and `bytes x 60 pJ` (docs/scheduling.md).
 *
 * @example
 * hostCrossing(64).seconds
 */
export const hostCrossing = (bytes: number) => ({
  seconds: bytes / lpddr4HostPath.bandwidthBytesPerSecond + lpddr4HostPath.latencySeconds,
  pj: bytes * lpddr4HostPath.energyPjPerByte,
})

/**
 * The Edge TPU unit's per-layer sums, as the scheduler's cost table takes them from `evaluateEdgeTpu`.
 *
 * @example
 * edgeTpuLayerSums([256, 256, 256]).seconds
 */
export const edgeTpuLayerSums = (sizes: number[], accelerator = edgeTpuPresets["edgetpu-v1"]) => {
  const prepared = edgeTpuWorkload(ffnn(sizes))
  if (!prepared.ok) throw new Error("workload")
  const result = evaluateEdgeTpu(prepared.workload, accelerator, { layers: true })
  if (!result.feasible) throw new Error("infeasible")
  return {
    seconds: result.layers.reduce((sum, layer) => sum + layer.cycles / accelerator.clockHz, 0),
    pj: result.layers.reduce((sum, layer) => sum + layer.energyPj, 0),
  }
}
