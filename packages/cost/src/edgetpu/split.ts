import type { EdgeTpuKnobs } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"

/**
 * How one layer is spread over the Edge TPU template: output positions over the PE array's cores,
 * output channels over each core's SIMD lanes; cores left over when there are fewer positions
 * than cores take groups of output channels, and those still left split the reduction (partial
 * sums combined in a tree).
 */
export interface EdgeTpuSplit {
  /** Cores that hold output positions: `min(PEs x cores, N x P x Q)`. */
  readonly spatialUnits: number
  /** Output-channel groups the spare cores take: `max(1, min(floor(PEs x cores / spatialUnits), ceil(G x K / lanes)))`. */
  readonly channelGroups: number
  /** Ways the reduction is split over the cores still spare: `max(1, min(floor(PEs x cores / (spatialUnits x channelGroups)), steps))`. */
  readonly reductionSplit: number
  /** Output positions each core computes in turn: `ceil(N x P x Q / spatialUnits)`. */
  readonly positionsPerUnit: number
  /** Passes over the output channels: `ceil(G x K / (lanes x channelGroups))`. */
  readonly channelPasses: number
  /** Reduction steps per output vector: `C x R x S` (a pool or depthwise window: `R x S`; an n-ary sum: n - 1). */
  readonly steps: number
  /** Cycles per output vector on one core: `ceil(steps / reductionSplit) + ceil(log2(reductionSplit))`. */
  readonly stepsPerUnit: number
  /** `positionsPerUnit x channelPasses x stepsPerUnit`: cycles at full efficiency. */
  readonly idealCycles: number
  /** Weight bytes of one pass on one core: `C x R x S x min(lanes, G x K)` elements. */
  readonly weightSliceElements: number
}

/**
 * The split of a layer over PEs x cores x lanes (docs/edgetpu.md, "The split"). One formula
 * serves every class: a depthwise or pooling nest has `C = 1`, so each lane walks its own
 * channel's window; a fully connected layer has one position, so the other cores take channel
 * groups and then split its reduction; an element-wise sum takes one cycle per operand after the
 * first.
 *
 * @example
 * edgeTpuSplit(nest, edgeTpuPresets.coral.knobs).idealCycles
 */
export const edgeTpuSplit = (nest: LoopNest, knobs: EdgeTpuKnobs): EdgeTpuSplit => {
  const units = knobs.peX * knobs.peY * knobs.coresPerPe
  const positions = nest.N * nest.P * nest.Q
  const channels = nest.G * nest.K
  const spatialUnits = Math.min(units, positions)
  const channelGroups = Math.max(1, Math.min(Math.floor(units / spatialUnits), Math.ceil(channels / knobs.computeLanes)))
  const positionsPerUnit = Math.ceil(positions / spatialUnits)
  const channelPasses = Math.ceil(channels / (knobs.computeLanes * channelGroups))
  const steps = nest.kind === "eltwise" ? Math.max(1, nest.operands - 1) : nest.C * nest.R * nest.S
  const reductionSplit = Math.max(1, Math.min(Math.floor(units / (spatialUnits * channelGroups)), steps))
  const stepsPerUnit = Math.ceil(steps / reductionSplit) + Math.ceil(Math.log2(reductionSplit))
  return {
    spatialUnits,
    channelGroups,
    reductionSplit,
    positionsPerUnit,
    channelPasses,
    steps,
    stepsPerUnit,
    idealCycles: positionsPerUnit * channelPasses * stepsPerUnit,
    weightSliceElements: nest.weights === "parameters" ? nest.C * nest.R * nest.S * Math.min(knobs.computeLanes, channels) : 0,
  }
}
