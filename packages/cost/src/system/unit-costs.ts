import {
  type CpuUnit,
  type EdgeTpuUnit,
  eyerissRelativeEnergy,
  type HierarchicalUnit,
  type ImacUnit,
  macEnergyPj45nm,
  precisionOfBytes,
  type SystemUnit,
  type SystemUnitKind,
  type SystolicUnit,
} from "@cosearch/accelerator"
import { type AnalysedNetwork, lowerNetwork, toNetwork } from "@cosearch/network"
import { cpuNetworkCost } from "../cpu/network-cost.js"
import { evaluateEdgeTpu } from "../edgetpu/evaluate.js"
import { edgeTpuWorkload } from "../edgetpu/workload.js"
import { type MapLayerOptions, mapLayer } from "../hierarchical/mapper/map-layer.js"
import { imacLayerCost } from "../imac/layer-cost.js"
import { systolicLayerCost } from "../systolic/layer-cost.js"

/**
 * One unit's column of a cost table, filled in place: `set(layer, seconds, pJ)` for each layer
 * the template costs; layers it does not touch keep 0 (moves, reshapes, and the nests the
 * template does not run: folded ones on the Edge TPU, pooling and element-wise on the others).
 */
type UnitCoster<Unit> = (
  unit: Unit,
  analysed: AnalysedNetwork,
  set: (layer: string, seconds: number, pj: number) => void,
  mapper: MapLayerOptions,
) => void

const INFEASIBLE = Number.POSITIVE_INFINITY

/**
 * Edge TPU: the per-layer records of `evaluateEdgeTpu` (cycles / clock, energy), with parameters
 * cached in layer order as if the unit ran the whole network; the per-inference overhead and the
 * I/O of the network's inputs and outputs are left out (transfers are the scheduler's). When the
 * whole network does not fit (instruction or activation memory), each layer is costed alone and
 * the ones that do not fit are infeasible; over the area budget, every layer is.
 */
const edgeTpuCosts: UnitCoster<EdgeTpuUnit> = (unit, analysed, set) => {
  const accelerator = unit.accelerator
  const prepared = edgeTpuWorkload(toNetwork(analysed))
  if (!prepared.ok) {
    // A network the Edge TPU compiler model cannot prepare runs nowhere on this unit (never free).
    for (const nest of lowerNetwork(analysed)) set(nest.layer, INFEASIBLE, INFEASIBLE)
    return
  }
  const { workload } = prepared
  const record = (result: ReturnType<typeof evaluateEdgeTpu>): void => {
    if (result.feasible) for (const layer of result.layers) set(layer.name, layer.cycles / accelerator.clockHz, layer.energyPj)
  }
  const whole = evaluateEdgeTpu(workload, accelerator, { layers: true })
  if (whole.feasible || whole.reason === "area") {
    if (whole.feasible) record(whole)
    else for (const layer of workload.layers) set(layer.nest.layer, INFEASIBLE, INFEASIBLE)
    return
  }
  for (const layer of workload.layers) {
    const alone = evaluateEdgeTpu({ ...workload, layers: [layer], ioElements: 0 }, accelerator, { layers: true })
    if (alone.feasible) record(alone)
    else set(layer.nest.layer, INFEASIBLE, INFEASIBLE)
  }
}

/** Hierarchical: `mapLayer` on each conv and matmul nest alone (no on-chip hand-off between units' layers). */
const hierarchicalCosts: UnitCoster<HierarchicalUnit> = (unit, analysed, set, mapper) => {
  const hz = (unit.accelerator.clockMhz ?? Number.NaN) * 1e6
  for (const nest of lowerNetwork(analysed)) {
    if (nest.kind !== "conv" && nest.kind !== "matmul") continue
    const mapped = mapLayer(nest, unit.accelerator, mapper)
    if (mapped.feasible) set(nest.layer, mapped.cycles / hz, mapped.energy.totalPj)
    else set(nest.layer, INFEASIBLE, INFEASIBLE)
  }
}

/**
 * Systolic: SCALE-Sim's cycles per conv and matmul nest; SCALE-Sim has no energy, so energy here
 * is MACs x the 45 nm MAC energy plus SRAM element accesses x 6 MACs (Eyeriss's buffer ratio).
 */
const systolicCosts: UnitCoster<SystolicUnit> = (unit, analysed, set) => {
  const array = unit.accelerator
  const hz = (array.clockMhz ?? Number.NaN) * 1e6
  const macPj = macEnergyPj45nm[precisionOfBytes(array.bytesPerElement)]
  for (const nest of lowerNetwork(analysed)) {
    if (nest.kind !== "conv" && nest.kind !== "matmul") continue
    const cost = systolicLayerCost(nest, array)
    if (!cost.feasible) {
      set(nest.layer, INFEASIBLE, INFEASIBLE)
      continue
    }
    const sram = cost.sramIfmapReads + cost.sramFilterReads + cost.sramOfmapWrites
    set(nest.layer, cost.cycles / hz, cost.macs * macPj + sram * macPj * eyerissRelativeEnergy.buffer)
  }
}

/**
 * IMAC: each nest alone (`imacLayerCost`); fully connected layers run, activations fused into the
 * crossbars' outputs are free, every other layer is infeasible. The unit's crossbar count bounds
 * each layer here; the sum over the layers placed on it is kept within the count by
 * `scheduleNetwork` (their weights stay resident together).
 */
const imacCosts: UnitCoster<ImacUnit> = (unit, analysed, set) => {
  for (const nest of lowerNetwork(analysed)) {
    const cost = imacLayerCost(nest, unit.accelerator)
    if (cost.feasible) set(nest.layer, cost.latencySeconds, cost.energyPj)
    else set(nest.layer, INFEASIBLE, INFEASIBLE)
  }
}

/** CPU: the roofline of `cpuNetworkCost` per nest (weights cached in L2 when the whole network's fit). */
const cpuCosts: UnitCoster<CpuUnit> = (unit, analysed, set) => {
  for (const layer of cpuNetworkCost(lowerNetwork(analysed), unit.accelerator).layers)
    set(layer.layer, layer.latencySeconds, layer.energyPj)
}

/** Each kind's coster; a new kind of unit adds its line here. */
const unitCosters: { readonly [Kind in SystemUnitKind]: UnitCoster<Extract<SystemUnit, { kind: Kind }>> } = {
  edgetpu: edgeTpuCosts,
  hierarchical: hierarchicalCosts,
  systolic: systolicCosts,
  imac: imacCosts,
  cpu: cpuCosts,
}

/**
 * Fills one unit's column of a cost table: per layer (by name, through `index`) seconds and pJ
 * of the layer alone on the unit.
 * @internal
 */
export const fillUnitCosts = (
  unit: SystemUnit,
  analysed: AnalysedNetwork,
  index: ReadonlyMap<string, number>,
  column: { readonly units: number; readonly unit: number; readonly latencySeconds: Float64Array; readonly energyPj: Float64Array },
  mapper: MapLayerOptions,
): void => {
  const set = (layer: string, seconds: number, pj: number): void => {
    const row = index.get(layer)
    if (row === undefined) return
    column.latencySeconds[row * column.units + column.unit] = seconds
    column.energyPj[row * column.units + column.unit] = pj
  }
  ;(unitCosters[unit.kind] as UnitCoster<SystemUnit>)(unit, analysed, set, mapper)
}
