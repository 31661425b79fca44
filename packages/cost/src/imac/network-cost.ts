import type { ImacAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import { type ImacInfeasible, type ImacLayerResult, imacLayerCost } from "./layer-cost.js"

/** The cost of a network's nests on an IMAC unit. */
export interface ImacNetworkCost {
  readonly feasible: true
  readonly latencySeconds: number
  readonly energyPj: number
  /** Crossbars all the layers' resident weights take. */
  readonly crossbars: number
  /** One result per nest, in order. */
  readonly layers: readonly ImacLayerResult[]
}

/** A network the unit cannot run, with every layer's own result for a scheduler. */
export interface ImacNetworkInfeasible extends ImacInfeasible {
  readonly crossbars: number
  readonly layers: readonly ImacLayerResult[]
}

/** A network evaluation on IMAC: the cost, or why not. */
export type ImacNetworkResult = ImacNetworkCost | ImacNetworkInfeasible

/**
 * Every nest of a network on one IMAC unit, layers one after another: latency and energy are the
 * layers' sums. The network is infeasible at its first unsupported or oversized layer, or when
 * all its layers' weights together need more crossbars than the unit has (they stay resident).
 * `layers` holds every nest's own result either way, so a scheduler can place the supported
 * layers. Never throws.
 *
 * @example
 * imacNetworkCost(lowerNetwork(analyzed), defaultImacAccelerator)
 */
export const imacNetworkCost = (nests: readonly LoopNest[], unit: ImacAccelerator): ImacNetworkResult => {
  const layers: ImacLayerResult[] = []
  let firstFault: ImacInfeasible | undefined
  let latencySeconds = 0
  let energyPj = 0
  let crossbars = 0
  for (const nest of nests) {
    const result = imacLayerCost(nest, unit)
    layers.push(result)
    if (!result.feasible) {
      firstFault ??= result
      continue
    }
    latencySeconds += result.latencySeconds
    energyPj += result.energyPj
    crossbars += result.crossbars
  }
  if (firstFault !== undefined) return { ...firstFault, crossbars, layers }
  if (crossbars > unit.crossbarCount)
    return {
      feasible: false,
      reason: "crossbar-capacity",
      layer: undefined,
      message: `the network's resident weights need ${crossbars} crossbars; the unit has ${unit.crossbarCount}`,
      crossbars,
      layers,
    }
  return { feasible: true, latencySeconds, energyPj, crossbars, layers }
}
