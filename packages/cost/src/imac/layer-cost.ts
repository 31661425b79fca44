import type { ImacAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import { edgeTpuLayerClassOf } from "../edgetpu/workload.js"

/**
 * Why an IMAC unit cannot run a layer or a network: a layer that is not fully connected, or
 * weights that need more crossbars than the unit has (weights stay resident: no reloading).
 */
export type ImacInfeasibleReason = "unsupported-layer" | "crossbar-capacity"

/** A layer or network the IMAC unit cannot run, with the reason and a sentence naming the figures. */
export interface ImacInfeasible {
  readonly feasible: false
  readonly reason: ImacInfeasibleReason
  readonly message: string
  /** The layer at fault, or `undefined` when only the network's total exceeds the crossbars. */
  readonly layer: string | undefined
}

/** The cost of one layer on an IMAC unit. */
export interface ImacLayerCost {
  readonly feasible: true
  readonly layer: string
  /** An activation or batch normalization, run by the crossbars' output neurons at no cost. */
  readonly fused: boolean
  /** Input vectors the layer applies (batch x positions). */
  readonly vectors: number
  /** Crossbars holding the weights: ceil(C / rows) x ceil(K / columns) x weight bits. */
  readonly crossbars: number
  /** Sequential crossbar operations: vectors x input bits (all the layer's crossbars work at once). */
  readonly passes: number
  /** Crossbar operations: crossbars x passes. */
  readonly crossbarOps: number
  readonly latencySeconds: number
  readonly energyPj: number
}

/** The cost of a layer, or why the unit cannot run it. */
export type ImacLayerResult = ImacLayerCost | ImacInfeasible

/** The matrix a fully connected nest applies: `inputs` x `outputs` weights, once per vector. */
export interface ImacMatrix {
  readonly inputs: number
  readonly outputs: number
  readonly vectors: number
}

/**
 * The weight matrix of a layer IMAC runs, or `undefined`: a matmul nest with learned weights (a
 * dense layer, applied at every position) or a 1x1 ungrouped convolution on a 1x1 input.
 *
 * @example
 * imacMatrixOf(denseNest) // { inputs: 256, outputs: 10, vectors: 1 }
 */
export const imacMatrixOf = (nest: LoopNest): ImacMatrix | undefined => {
  if (nest.weights !== "parameters" || nest.G !== 1) return undefined
  const fc = nest.kind === "matmul" || (nest.kind === "conv" && nest.R === 1 && nest.S === 1 && nest.H === 1 && nest.W === 1)
  return fc ? { inputs: nest.C, outputs: nest.K, vectors: nest.N * nest.P * nest.Q } : undefined
}

/**
 * Crossbars a weight matrix takes: row tiles x column tiles x weight bit-slices.
 *
 * @example
 * imacCrossbarsOf({ inputs: 300, outputs: 100, vectors: 1 }, defaultImacAccelerator) // 3 x 1 x 1 = 3
 */
export const imacCrossbarsOf = (matrix: ImacMatrix, unit: ImacAccelerator): number =>
  Math.ceil(matrix.inputs / unit.crossbarRows) * Math.ceil(matrix.outputs / unit.crossbarColumns) * unit.weightBits

const fusedCost = (layer: string): ImacLayerCost => ({
  feasible: true,
  layer,
  fused: true,
  vectors: 0,
  crossbars: 0,
  passes: 0,
  crossbarOps: 0,
  latencySeconds: 0,
  energyPj: 0,
})

/**
 * The IMAC model of one layer (docs/heterogeneous.md): the weights sit in
 * `ceil(C / rows) x ceil(K / columns) x weightBits` crossbars that all work at once; each input
 * vector takes `inputBits` operations, bit after bit, each followed by the ADC; the layer adds
 * its control overhead. Energy is crossbar operations x (operation + ADC energy). Activations and
 * batch normalization are fused (the crossbars' output neurons apply them) and cost nothing.
 * Other layers are `unsupported-layer`; weights needing more crossbars than the unit has are
 * `crossbar-capacity`. Never throws.
 *
 * @example
 * const cost = imacLayerCost(nest, defaultImacAccelerator)
 * if (cost.feasible) console.log(cost.latencySeconds)
 */
export const imacLayerCost = (nest: LoopNest, unit: ImacAccelerator): ImacLayerResult => {
  const matrix = imacMatrixOf(nest)
  if (matrix === undefined) {
    if (edgeTpuLayerClassOf(nest) === "fused") return fusedCost(nest.layer)
    return {
      feasible: false,
      reason: "unsupported-layer",
      layer: nest.layer,
      message: `layer "${nest.layer}" (${nest.op}) is not fully connected; IMAC runs only dense layers and 1x1 convolutions on a 1x1 input`,
    }
  }
  const crossbars = imacCrossbarsOf(matrix, unit)
  if (crossbars > unit.crossbarCount)
    return {
      feasible: false,
      reason: "crossbar-capacity",
      layer: nest.layer,
      message: `layer "${nest.layer}" needs ${crossbars} crossbars for its ${matrix.inputs}x${matrix.outputs} weights; the unit has ${unit.crossbarCount}`,
    }
  const passes = matrix.vectors * unit.inputBits
  const crossbarOps = crossbars * passes
  return {
    feasible: true,
    layer: nest.layer,
    fused: false,
    vectors: matrix.vectors,
    crossbars,
    passes,
    crossbarOps,
    latencySeconds: unit.layerOverheadCycles / unit.clockHz + passes * (unit.crossbarOpLatencySeconds + unit.adcLatencySeconds),
    energyPj: crossbarOps * (unit.crossbarOpEnergyPj + unit.adcEnergyPj),
  }
}
