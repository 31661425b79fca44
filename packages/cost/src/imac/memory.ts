import type { ImacAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import { imacCrossbarsOf, imacMatrixOf } from "./layer-cost.js"

/** On-chip memory for a network's weights with and without an IMAC unit taking its FC layers. */
export interface ImacWeightMemory {
  /** Weights of the layers IMAC can run (dense, 1x1 on 1x1). */
  readonly fcWeights: number
  /** Bytes every parameterized layer's weights take on the digital accelerator. */
  readonly acceleratorBytes: number
  /** Of those, the FC layers' bytes. */
  readonly fcAcceleratorBytes: number
  /** `fcAcceleratorBytes / acceleratorBytes`: the digital accelerator's weight memory saved when IMAC runs the FC layers. */
  readonly reduction: number
  /** The FC weights as IMAC stores them: 2 devices (a differential pair) per magnitude bit, as bytes of device bits. */
  readonly imacWeightBytes: number
  /** Devices of the crossbars the FC layers occupy (whole tiles, 2 per row and column), as bytes of device bits. */
  readonly imacAllocatedBytes: number
}

/**
 * What the FC weights of a network take on a digital accelerator (`bytesPerWeight`, 1 for the
 * Edge TPU's int8) and on an IMAC unit, for TPU-IMAC's memory comparison: the digital
 * accelerator keeps only the other layers' weights when IMAC holds the FC layers.
 *
 * @example
 * imacWeightMemory(nests, defaultImacAccelerator).reduction // 0.88 when FC layers hold 88% of the weights
 */
export const imacWeightMemory = (nests: readonly LoopNest[], unit: ImacAccelerator, bytesPerWeight = 1): ImacWeightMemory => {
  let fcWeights = 0
  let weights = 0
  let crossbars = 0
  for (const nest of nests) {
    if (nest.weights !== "parameters") continue
    weights += nest.G * nest.K * nest.C * nest.R * nest.S
    const matrix = imacMatrixOf(nest)
    if (matrix === undefined) continue
    fcWeights += matrix.inputs * matrix.outputs
    crossbars += imacCrossbarsOf(matrix, unit)
  }
  const acceleratorBytes = weights * bytesPerWeight
  const fcAcceleratorBytes = fcWeights * bytesPerWeight
  return {
    fcWeights,
    acceleratorBytes,
    fcAcceleratorBytes,
    reduction: acceleratorBytes === 0 ? 0 : fcAcceleratorBytes / acceleratorBytes,
    imacWeightBytes: (fcWeights * unit.weightBits * 2) / 8,
    imacAllocatedBytes: (crossbars * unit.crossbarRows * unit.crossbarColumns * 2) / 8,
  }
}
