import type { EdgeTpuKnobs } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"

/**
 * How one layer is spread over the Edge TPU template: output positions over the PE array's cores,
 * output channels over each core's SIMD lanes, and spare cores (when there are fewer positions
 * than cores) over groups of output channels.
 */
export interface EdgeTpuSplit {
  /** Cores that hold output positions: `min(PEs x cores, N x P x Q)`. */
  readonly spatialUnits: number
  /** Output-channel groups the spare cores take: `max(1, floor(PEs x cores / spatialUnits))`. */
  readonly channelGroups: number
  /** Output positions each core computes in turn: `ceil(N x P x Q / spatialUnits)`. */
  readonly positionsPerUnit: number
  /** Passes over the output channels: `ceil(G x K / (lanes x channelGroups))`. */
  readonly channelPasses: number
  /** Cycles per output vector: `C x R x S` (a pool or depthwise window: `R x S`; an n-ary sum: n - 1). */
  readonly steps: number
  /** `positionsPerUnit x channelPasses x steps`: cycles at full efficiency. */
  readonly idealCycles: number
  /** Weight bytes of one pass on one core: `C x R x S x min(lanes, G x K)` elements. */
  readonly weightSliceElements: number
}

/**
 * The split of a layer over PEs x cores x lanes (docs/edgetpu.md, "The split"). One formula
 * serves every class: a depthwise or pooling nest has `C = 1`, so each lane walks its own
 * channel's window; a fully connected layer has one position, so all but one core take channel
 * groups; an element-wise sum takes one cycle per operand after the first.
 *
 * @example
 * edgeTpuSplit(nest, edgeTpuPresets.coral.knobs).idealCycles
 */
export const edgeTpuSplit = (nest: LoopNest, knobs: EdgeTpuKnobs): EdgeTpuSplit => {
  const units = knobs.peX * knobs.peY * knobs.coresPerPe
  const positions = nest.N * nest.P * nest.Q
  const channels = nest.G * nest.K
  const spatialUnits = Math.min(units, positions)
  const channelGroups = Math.max(1, Math.floor(units / spatialUnits))
  const positionsPerUnit = Math.ceil(positions / spatialUnits)
  const channelPasses = Math.ceil(channels / (knobs.computeLanes * channelGroups))
  const steps = nest.kind === "eltwise" ? Math.max(1, nest.operands - 1) : nest.C * nest.R * nest.S
  return {
    spatialUnits,
    channelGroups,
    positionsPerUnit,
    channelPasses,
    steps,
    idealCycles: positionsPerUnit * channelPasses * steps,
    weightSliceElements: nest.weights === "parameters" ? nest.C * nest.R * nest.S * Math.min(knobs.computeLanes, channels) : 0,
  }
}
